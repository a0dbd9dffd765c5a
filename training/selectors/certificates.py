"""Reads about certificates and transcripts, scoped to whoever asks (404 outside their reach)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.http import Http404

from people.access import access_for
from people.models import User

from ..models import Certificate, CertificateBatch, CertificateIssuing, Enrolment, Session
from ..models.certificates import CODE_ALPHABET, CODE_LENGTH

CODE_RE = re.compile(f"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}")
# People type codes from paper: spaces and dashes between groups, small letters.
CODE_SEPARATORS = re.compile(r"[\s\-]+")


def normalise_code(text: str) -> str:
    return CODE_SEPARATORS.sub("", text or "").upper()


def is_well_formed_code(code: str) -> bool:
    return bool(CODE_RE.fullmatch(code or ""))


def get_certificate_by_code(code: str) -> Certificate | None:
    """The certificate with verification ``code`` for the public page; None for an unknown or malformed one."""
    if not is_well_formed_code(code):
        return None
    return (
        Certificate.objects.filter(code=code)
        .only("code", "holder_name", "course_title", "completed_on", "valid_until", "revoked_at")
        .first()
    )


def certificates_of(person: User) -> QuerySet[Certificate]:
    """The person's own certificates, newest first (a certificate carries its course's title)."""
    return Certificate.objects.filter(person=person).order_by("-completed_on", "-pk")


def downloadable_certificates(user: User) -> QuerySet[Certificate]:
    """Certificates whose PDF ``user`` may download: their own, their sessions' (trainers), all (coordinators, admins).

    Revoked certificates have no PDF.
    """
    certificates = Certificate.objects.filter(revoked_at__isnull=True)
    if not user.is_authenticated:
        return certificates.none()
    if access_for(user).sees_whole_network:
        return certificates
    return certificates.filter(Q(person=user) | Q(session__trainers=user)).distinct()


def get_certificate_for_download(user: User, code: str) -> Certificate:
    if not is_well_formed_code(code):
        raise Http404
    try:
        return downloadable_certificates(user).get(code=code)
    except Certificate.DoesNotExist:
        raise Http404 from None


# The organiser's session page
# ------------------------------------------------------------------------------


@dataclass
class SessionCertificates:
    issues: bool
    by_organiser: bool
    certificates: list[Certificate]
    issuable: list[Enrolment]
    batches: list[CertificateBatch]

    @property
    def valid_count(self) -> int:
        return sum(1 for certificate in self.certificates if not certificate.is_revoked)


BATCHES_SHOWN = 3


def session_certificates(session: Session) -> SessionCertificates:
    """The certificate panel of a session's page in three queries whatever the number of participants."""
    course = session.course
    certificates = list(session.certificates.order_by("holder_name", "pk"))
    issuable = list(
        Enrolment.objects.filter(
            session_id=session.pk,
            status=Enrolment.Status.CONFIRMED,
            outcome=Enrolment.Outcome.COMPLETED,
            certificate__isnull=True,
        )
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    return SessionCertificates(
        issues=course.issues_certificate,
        by_organiser=course.certificate_issuing == CertificateIssuing.ORGANISER,
        certificates=certificates,
        issuable=issuable if course.issues_certificate else [],
        batches=list(session.certificate_batches.order_by("-created_at", "-pk")[:BATCHES_SHOWN]),
    )


def get_certificate_in_session(session: Session, pk: int) -> Certificate:
    try:
        return session.certificates.get(pk=pk)
    except Certificate.DoesNotExist:
        raise Http404 from None


def get_batch_in_session(session: Session, pk: int) -> CertificateBatch:
    try:
        return session.certificate_batches.get(pk=pk)
    except CertificateBatch.DoesNotExist:
        raise Http404 from None


# The transcript
# ------------------------------------------------------------------------------


@dataclass
class TranscriptYear:
    year: int
    rows: list[Enrolment] = field(default_factory=list)
    hours: Decimal = Decimal(0)


@dataclass
class Transcript:
    person: User
    years: list[TranscriptYear]

    @property
    def total_hours(self) -> Decimal:
        return sum((year.hours for year in self.years), Decimal(0))

    @property
    def count(self) -> int:
        return sum(len(year.rows) for year in self.years)


def _hours(enrolment: Enrolment, certificate: Certificate | None) -> Decimal:
    """The hours the certificate states, else the course's duration, else the hours attended."""
    if certificate is not None:
        return certificate.hours
    if enrolment.session.course.duration_hours:
        return enrolment.session.course.duration_hours
    return (Decimal(enrolment.attended_minutes) / 60).quantize(Decimal("0.1"))


def transcript(person: User) -> Transcript:
    """Every training ``person`` completed, newest first, grouped by year with the hours: four queries.

    Each row carries ``course`` (in the active language), ``first_day``, ``last_day``,
    ``hours`` and ``valid_certificate`` (or None).
    """
    from .enrolments import attach_courses_in_active_language

    enrolments = list(
        Enrolment.objects.filter(person=person, status=Enrolment.Status.CONFIRMED, outcome=Enrolment.Outcome.COMPLETED)
        .select_related("session__course")
        .prefetch_related("session__days")
        .order_by("-completed_on", "-session__starts_at", "-pk")
    )
    certificates = {
        certificate.enrolment_id: certificate
        for certificate in Certificate.objects.filter(person=person, revoked_at__isnull=True)
    }
    attach_courses_in_active_language(enrolments)
    years: dict[int, TranscriptYear] = {}
    for enrolment in enrolments:
        enrolment.valid_certificate = certificates.get(enrolment.pk)
        enrolment.hours = _hours(enrolment, enrolment.valid_certificate)
        days = list(enrolment.session.days.all())
        enrolment.first_day = days[0].starts_at if days else None
        enrolment.last_day = days[-1].ends_at if days else None
        completed = enrolment.completed_on or (enrolment.last_day.date() if enrolment.last_day else None)
        year = completed.year if completed else 0
        entry = years.setdefault(year, TranscriptYear(year=year))
        entry.rows.append(enrolment)
        entry.hours += enrolment.hours
    return Transcript(person=person, years=sorted(years.values(), key=lambda entry: entry.year, reverse=True))
