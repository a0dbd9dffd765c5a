"""Demo certificates: the organiser issues them for the completed past sessions of courses issued "by the organiser".

Automatic courses get theirs from ``enrolments_completed`` when the past sessions' attendance is
computed (training/demo/past.py). Here, for each course issued by the organiser, every past session
but its latest gets its certificates, so that the organiser's "Issue certificates" screen has
someone waiting. Runs any number of times: issuing is idempotent. No PDF is rendered here; each
renders on its first download.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Max

from training.models import CertificateIssuing, Enrolment, Session
from training.services.certificates import certificate_issue


@dataclass
class CertificatesResult:
    issued: int
    sessions: int

    @property
    def summary(self) -> str:
        return f"Certificates: {self.issued} issued by the organiser in {self.sessions} past sessions"


def build_certificates() -> CertificatesResult:
    enrolments = (
        Enrolment.objects.filter(
            status=Enrolment.Status.CONFIRMED,
            outcome=Enrolment.Outcome.COMPLETED,
            certificate__isnull=True,
            session__course__issues_certificate=True,
            session__course__certificate_issuing=CertificateIssuing.ORGANISER,
        )
        .select_related("session")
        .order_by("session_id", "pk")
    )
    latest = dict(
        Session.objects.filter(enrolments__in=enrolments)
        .values("course_id")
        .annotate(last=Max("starts_at"))
        .values_list("course_id", "last")
    )
    issued, sessions = 0, set()
    for enrolment in enrolments:
        session = enrolment.session
        if session.starts_at == latest.get(session.course_id):
            continue  # left for the organiser to issue in the demo
        trainer = session.trainers.order_by("pk").first()
        certificate_issue(enrolment=enrolment, issued_by=trainer)
        issued += 1
        sessions.add(session.pk)
    return CertificatesResult(issued=issued, sessions=len(sessions))
