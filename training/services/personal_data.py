"""Training's entries in the register of personal data (``people.personal_data``), imported by ``TrainingConfig.ready``.

Erasure keeps every row that a figure counts (enrolments, attendance, certificates, feedback receipts):
the person's row is anonymised, and here only what names or describes them goes: the reasons written
about their enrolments, the name on their certificates (which stay verifiable as "issued, holder
erased") and the certificate PDFs, and their calendar subscription.
"""

from __future__ import annotations

from people.personal_data import register

from ..models import (
    Attendance,
    CalendarFeed,
    Certificate,
    CertificateBatch,
    CheckIn,
    Enrolment,
    FeedbackReceipt,
    Session,
)

ACTOR = (
    "Who did something to others' data (decided, recorded, issued, opened, asked for a download): "
    "kept, nameless once the person is erased"
)


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _enrolments(person) -> list[dict]:
    enrolments = (
        Enrolment.objects.filter(person=person)
        .select_related("session__course")
        .prefetch_related("attendances__day")
        .order_by("created_at", "pk")
    )
    return [
        {
            "session": enrolment.session_id,
            "course": enrolment.session.course.title,
            "starts_at": _iso(enrolment.session.starts_at),
            "ends_at": _iso(enrolment.session.ends_at),
            "status": enrolment.status,
            "queued_at": _iso(enrolment.queued_at),
            "created_at": _iso(enrolment.created_at),
            "decision_reason": enrolment.decision_reason,
            "outcome": enrolment.outcome,
            "completed_on": _iso(enrolment.completed_on),
            "attended_minutes": enrolment.attended_minutes,
            "attendance": [
                {
                    "day_starts_at": _iso(attendance.day.starts_at),
                    "status": attendance.status,
                    "minutes": attendance.minutes,
                    "source": attendance.source,
                }
                for attendance in enrolment.attendances.all()
            ],
        }
        for enrolment in enrolments
    ]


def _certificates(person) -> list[dict]:
    return [
        {
            "code": certificate.code,
            "holder_name": certificate.holder_name,
            "course": certificate.course_title,
            "completed_on": _iso(certificate.completed_on),
            "hours": str(certificate.hours),
            "issued_at": _iso(certificate.issued_at),
            "valid_until": _iso(certificate.valid_until),
            "revoked_at": _iso(certificate.revoked_at),
            "revocation_reason": certificate.revocation_reason,
        }
        for certificate in Certificate.objects.filter(person=person).order_by("issued_at", "pk")
    ]


def _certificate_files(person) -> list:
    return [
        (f"certificates/{certificate.code}.pdf", certificate.pdf)
        for certificate in Certificate.objects.filter(person=person).exclude(pdf="")
    ]


def _erase_certificates(person) -> int:
    certificates = list(Certificate.objects.filter(person=person))
    for certificate in certificates:
        if certificate.pdf:
            certificate.pdf.delete(save=False)
    # A queryset update: nothing that figures count changes, so no signal is due.
    return Certificate.objects.filter(person=person).update(holder_name="", pdf="")


register(
    Enrolment,
    name="enrolments",
    export=_enrolments,
    erase=lambda person: Enrolment.objects.filter(person=person).exclude(decision_reason="").update(decision_reason=""),
)
register(Enrolment, fields=("decided_by",), reason=ACTOR)
register(Attendance, fields=("recorded_by",), reason=ACTOR)
register(CheckIn, fields=("opened_by",), reason=ACTOR)
register(
    Certificate,
    name="certificates",
    export=_certificates,
    files=_certificate_files,
    erase=_erase_certificates,
)
register(Certificate, fields=("issued_by", "revoked_by"), reason=ACTOR)
register(CertificateBatch, fields=("requested_by",), reason=ACTOR)
register(
    FeedbackReceipt,
    name="feedback_given",
    # Kept on erasure: the receipt says only that feedback was given, and response rates count it.
    export=lambda person: [
        {"session": receipt.session_id, "course": receipt.session.course.title}
        for receipt in FeedbackReceipt.objects.filter(person=person).select_related("session__course")
    ],
    reason="Counted in response rates; says nothing but that an erased person answered",
)
register(
    CalendarFeed,
    name="calendar_feed",
    export=lambda person: [
        {"created_at": _iso(feed.created_at)} for feed in CalendarFeed.objects.filter(person=person)
    ],
    erase=lambda person: CalendarFeed.objects.filter(person=person).delete()[0],
)
register(
    Session,
    name="sessions_trained",
    fields=("trainers",),
    export=lambda person: [
        {"session": session.pk, "course": session.course.title, "starts_at": _iso(session.starts_at)}
        for session in Session.objects.filter(trainers=person).select_related("course")
    ],
    reason="Who trained a past session stays on it, nameless once the person is erased",
)
