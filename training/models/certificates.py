"""Certificates with their verification codes, and a session's certificates built as one download."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.private_files import private_storage, random_name

# Unambiguous letters and digits (no 0/O, 1/I/L): codes are read aloud and typed from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 16  # 31**16 ≈ 7·10^23: not guessable


# A download still unfinished this long after it was asked for is treated as failed.
BATCH_STALLS_AFTER = timedelta(minutes=30)


def new_verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def certificate_pdf_path(instance, filename: str) -> str:
    return random_name("certificates", filename)


def batch_file_path(instance, filename: str) -> str:
    return random_name("certificate-batches", filename)


class Certificate(models.Model):
    """Proof that a person completed a session of a course. What it states is copied at issue
    time, so the certificate and its verification page stay the same when pages or names change."""

    enrolment = models.OneToOneField(
        "training.Enrolment", verbose_name=_("enrolment"), on_delete=models.PROTECT, related_name="certificate"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="certificates"
    )
    session = models.ForeignKey(
        "training.Session", verbose_name=_("session"), on_delete=models.PROTECT, related_name="certificates"
    )
    code = models.CharField(_("verification code"), max_length=32, unique=True, default=new_verification_code)
    language = models.CharField(_("language"), max_length=2, default="fi")
    holder_name = models.CharField(_("name"), max_length=300)
    course_title = models.CharField(_("course"), max_length=300)
    completed_on = models.DateField(_("completed"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, default=0)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    # The rendered PDF, kept and reused; cleared when what it shows changes.
    # In the private storage under a random name: served only through the views that check who asks.
    pdf = models.FileField(_("PDF"), upload_to=certificate_pdf_path, storage=private_storage, blank=True)

    class Meta:
        ordering = ["-issued_at", "pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""), name="revoked_certificate_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.holder_name}: {self.course_title} ({self.code})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_expired(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.valid_until is not None and self.valid_until < today


class CertificateBatch(models.Model):
    """A session's certificates as one PDF or a ZIP, built by a background task."""

    class Format(models.TextChoices):
        PDF = "pdf", _("One PDF for printing")
        ZIP = "zip", _("ZIP of PDF files")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("In progress")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    session = models.ForeignKey("training.Session", on_delete=models.CASCADE, related_name="certificate_batches")
    format = models.CharField(_("format"), max_length=3, choices=Format.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to=batch_file_path, storage=private_storage, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("certificate download")
        verbose_name_plural = _("certificate downloads")

    def __str__(self) -> str:
        return f"{self.session_id} {self.format} ({self.status})"

    def is_stalled(self, now=None) -> bool:
        """Still queued or running long after it was asked for: its worker was stopped or the task lost
        (a session's certificates take seconds), so it is shown as failed and can be asked for again."""
        now = now or timezone.now()
        return self.status in (self.Status.QUEUED, self.Status.RUNNING) and now - self.created_at > BATCH_STALLS_AFTER

    @property
    def progress_percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else (100 if self.status == self.Status.DONE else 0)
