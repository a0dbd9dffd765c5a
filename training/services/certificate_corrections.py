"""Certificates of completions that a correction of the attendance undid.

When an enrolment is no longer completed (``training.signals.enrolments_uncompleted``), its valid
certificate is revoked with a system reason (no revoker, the reason in the certificate's language),
so that the verification page says revoked. Such a certificate is "revoked for a correction": when
the enrolment is completed again, issuing reinstates that same certificate (same code, the
revocation cleared) instead of issuing another (one certificate per enrolment). A certificate an
organiser revoked stays revoked.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from core.private_files import private_storage

from ..models import Certificate, Enrolment, Session

CORRECTION_REASON = gettext_noop("Attendance was corrected: the training is no longer completed.")


def correction_reason(language: str) -> str:
    with translation.override(language):
        return gettext(CORRECTION_REASON)


def correction_reasons() -> set[str]:
    """The system reason in every language of the site (and untranslated)."""
    return {correction_reason(code) for code, _name in settings.LANGUAGES} | {CORRECTION_REASON}


def revoked_for_correction(prefix: str = "") -> Q:
    """A filter for certificates revoked by an attendance correction (``prefix``: e.g. "certificate__")."""
    return Q(
        **{
            f"{prefix}revoked_at__isnull": False,
            f"{prefix}revoked_by__isnull": True,
            f"{prefix}revocation_reason__in": correction_reasons(),
        }
    )


def certificates_reinstate(certificates: list[Certificate]) -> None:
    """Clear the revocation of certificates revoked for a correction (one query); the PDF is rendered anew."""
    Certificate.objects.filter(pk__in=[certificate.pk for certificate in certificates]).filter(
        revoked_for_correction()
    ).update(revoked_at=None, revoked_by=None, revocation_reason="", pdf="")
    for certificate in certificates:
        certificate.revoked_at, certificate.revoked_by, certificate.revocation_reason = None, None, ""
        certificate.pdf.name = ""


def revoke_on_uncompletion(sender, *, session: Session, enrolments: list[Enrolment], **kwargs) -> None:
    """Receiver of ``enrolments_uncompleted``: revoke their valid certificates (a query per language)."""
    valid = Certificate.objects.filter(
        enrolment__in=[enrolment.pk for enrolment in enrolments], revoked_at__isnull=True
    )
    by_language: dict[str, list[int]] = defaultdict(list)
    files = []
    for pk, language, pdf in valid.values_list("pk", "language", "pdf"):
        by_language[language].append(pk)
        if pdf:
            files.append(pdf)
    now = timezone.now()
    for language, pks in by_language.items():
        Certificate.objects.filter(pk__in=pks).update(
            revoked_at=now, revoked_by=None, revocation_reason=correction_reason(language), pdf=""
        )
    if files:
        transaction.on_commit(lambda: [private_storage().delete(name) for name in files])
