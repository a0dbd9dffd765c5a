"""Issuing and revoking certificates, their stored PDFs, and a session's certificates as one download.

A certificate copies what it states when it is issued (name, course title in the holder's
language, completion date, hours, validity), so it and its verification page stay the same when
pages or names change. Issuing never renders: the PDF is rendered on the first download and kept
in ``Certificate.pdf`` (media storage); revoking clears it. The demo and the automatic issuing on
completion (``issue_on_completion``, connected in ``TrainingConfig.ready``) issue hundreds at a time.

Hours: the course's stated duration (``CoursePage.duration_hours``), which is what a completion
earns; when the course states none, the hours the person attended.
"""

from __future__ import annotations

import calendar
import logging
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.private_files import private_storage
from people.models import User

from ..errors import TrainingError
from ..models import Certificate, CertificateIssuing, CoursePage, Enrolment, Session
from ..selectors.courses import course_translations
from ..signals import send_participations_changed
from .certificate_corrections import certificates_reinstate, revoked_for_correction

logger = logging.getLogger(__name__)
LANGUAGES = {code for code, _name in settings.LANGUAGES}


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, on the last day of a shorter month (31.1. + 1 = 28.2.)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _language(person: User) -> str:
    return person.preferred_language if person.preferred_language in LANGUAGES else settings.LANGUAGE_CODE


def _hours(course: CoursePage, enrolment: Enrolment) -> Decimal:
    if course.duration_hours:
        return course.duration_hours
    return (Decimal(enrolment.attended_minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _certificate_for(
    enrolment: Enrolment, course: CoursePage, titles: dict[str, str], issued_by: User | None
) -> Certificate:
    """An unsaved certificate stating ``enrolment``'s completion (``titles``: the course's title per language)."""
    session, person = enrolment.session, enrolment.person
    language = _language(person)
    completed_on = enrolment.completed_on or (
        timezone.localdate(session.ends_at) if session.ends_at else timezone.localdate()
    )
    months = course.certificate_validity_months
    return Certificate(
        enrolment=enrolment,
        person=person,
        session=session,
        language=language,
        holder_name=person.get_full_name() or person.email,
        course_title=titles.get(language) or course.title,
        completed_on=completed_on,
        hours=_hours(course, enrolment),
        issued_by=issued_by,
        valid_until=add_months(completed_on, months) if months else None,
    )


def _course_titles(course: CoursePage) -> dict[str, str]:
    """The titles of the course's live translations by language code, its own included."""
    titles = {language: page.title for (_key, language), page in course_translations([course.translation_key]).items()}
    titles[course.locale.language_code] = course.title
    return titles


@transaction.atomic
def certificate_issue(*, enrolment: Enrolment, issued_by: User | None = None) -> Certificate:
    """The certificate of a completed enrolment: issued now, or the one issued before (one per enrolment).

    TrainingError ``not_completed`` unless the enrolment's outcome is completed, ``no_certificate``
    when the course issues none.
    """
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("person", "session__course__locale")
        .get(pk=enrolment.pk)
    )
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None and not (
        enrolment.outcome == Enrolment.Outcome.COMPLETED
        and Certificate.objects.filter(pk=existing.pk).filter(revoked_for_correction()).exists()
    ):
        return existing
    if enrolment.outcome != Enrolment.Outcome.COMPLETED:
        raise TrainingError("not_completed")
    if existing is not None:  # revoked when a correction undid the completion: completed again now
        certificates_reinstate([existing])
        send_participations_changed([enrolment.pk])
        return existing
    course = enrolment.session.course
    if not course.issues_certificate:
        raise TrainingError("no_certificate")
    certificate = _certificate_for(enrolment, course, _course_titles(course), issued_by)
    certificate.save()
    send_participations_changed([enrolment.pk])
    return certificate


def issuable_enrolments(session: Session):
    """Confirmed, completed enrolments of ``session`` without a certificate yet, or with one revoked when a
    correction of the attendance undid the completion (``certificate_corrections``)."""
    return Enrolment.objects.filter(
        Q(certificate__isnull=True) | revoked_for_correction("certificate__"),
        session_id=session.pk,
        status=Enrolment.Status.CONFIRMED,
        outcome=Enrolment.Outcome.COMPLETED,
    ).order_by("pk")


@transaction.atomic
def certificates_issue_for_session(
    *, session: Session, issued_by: User | None = None, enrolment_ids: Iterable[int] | None = None
) -> list[Certificate]:
    """Certificates for everyone who completed ``session`` and has none yet (the organiser's button), or
    for those of ``enrolment_ids`` among them. A fixed number of queries however many people completed."""
    issued = _issue_for_session(session, issued_by, enrolment_ids)
    send_participations_changed(certificate.enrolment_id for certificate in issued)
    return issued


def _issue_for_session(
    session: Session, issued_by: User | None, enrolment_ids: Iterable[int] | None
) -> list[Certificate]:
    course = CoursePage.objects.select_related("locale").get(pk=session.course_id)
    if not course.issues_certificate:
        raise TrainingError("no_certificate")
    # Locks the enrolments, so that a concurrent issue (the organiser's button while a completion is
    # recorded) waits and then finds them taken.
    enrolments = (
        issuable_enrolments(session).select_for_update(of=("self",)).select_related("person", "session", "certificate")
    )
    if enrolment_ids is not None:
        enrolments = enrolments.filter(pk__in=list(enrolment_ids))
    enrolments = list(enrolments)
    if not enrolments:
        return []
    # A certificate here was revoked when a correction undid the completion: the same one is valid again.
    reinstated = [enrolment.certificate for enrolment in enrolments if getattr(enrolment, "certificate", None)]
    if reinstated:
        certificates_reinstate(reinstated)
    having = {certificate.enrolment_id for certificate in reinstated}
    titles = _course_titles(course)
    certificates = [
        _certificate_for(enrolment, course, titles, issued_by) for enrolment in enrolments if enrolment.pk not in having
    ]
    return reinstated + Certificate.objects.bulk_create(certificates)


def _delete_file_on_commit(name: str) -> None:
    if name:
        transaction.on_commit(lambda: private_storage().delete(name))


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, reason: str, revoked_by: User | None) -> Certificate:
    """Revoke with a reason (TrainingError ``reason_required``); the stored PDF is deleted."""
    reason = (reason or "").strip()
    if not reason:
        raise TrainingError("reason_required")
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.is_revoked:
        raise TrainingError("certificate_revoked")
    _delete_file_on_commit(certificate.pdf.name)
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = revoked_by
    certificate.revocation_reason = reason
    certificate.pdf = ""
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason", "pdf"])
    send_participations_changed([certificate.enrolment_id])
    return certificate


def issue_on_completion(sender, *, session: Session, enrolments: list[Enrolment], **kwargs) -> None:
    """Receiver of ``enrolments_completed``: issue when the course issues certificates automatically.

    Runs inside the transaction that records the completions, so it only writes the rows (and leaves the
    participation facts to that transaction's own signal).
    """
    course = CoursePage.objects.only("issues_certificate", "certificate_issuing").get(pk=session.course_id)
    if course.issues_certificate and course.certificate_issuing == CertificateIssuing.AUTOMATIC:
        _issue_for_session(session, None, [enrolment.pk for enrolment in enrolments])


# The PDF
# ------------------------------------------------------------------------------


def certificate_pdf_render(certificates: list[Certificate]) -> bytes:
    """One PDF with a page per certificate (fetched with ``with_document_data``)."""
    from ..documents.certificates import certificate_items, certificates_html
    from ..documents.pdf import html_to_pdf

    return html_to_pdf(certificates_html(certificate_items(certificates)))


def certificate_pdf_store(*, certificate: Certificate, content: bytes) -> None:
    """Keep ``content`` as the certificate's PDF unless it has one already or was revoked meanwhile."""
    field = Certificate._meta.get_field("pdf")
    name = field.storage.save(field.generate_filename(certificate, f"{certificate.code}.pdf"), ContentFile(content))
    stored = Certificate.objects.filter(pk=certificate.pk, pdf="", revoked_at__isnull=True).update(pdf=name)
    if stored:
        certificate.pdf.name = name
    else:
        field.storage.delete(name)


def certificate_pdf_get(*, certificate: Certificate) -> bytes:
    """The certificate's PDF: the stored one, else rendered now and stored for the next time.

    A revoked certificate has none (TrainingError ``certificate_revoked``).
    """
    from ..documents.certificates import with_document_data

    if certificate.is_revoked:
        raise TrainingError("certificate_revoked")
    if certificate.pdf:
        try:
            with certificate.pdf.open("rb") as stored:
                return stored.read()
        except FileNotFoundError:
            logger.warning("The stored PDF of certificate %s is missing; rendering it again", certificate.pk)
            Certificate.objects.filter(pk=certificate.pk).update(pdf="")
            certificate.pdf.name = ""
    full = with_document_data(Certificate.objects.filter(pk=certificate.pk)).get()
    if full.is_revoked:  # since ``certificate`` was fetched
        raise TrainingError("certificate_revoked")
    content = certificate_pdf_render([full])
    certificate_pdf_store(certificate=certificate, content=content)
    return content
