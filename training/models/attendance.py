"""Attendance per session day, and the self check-in codes that record it."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Self check-in is open from this long before a day starts until this long after it ends.
CHECK_IN_OPENS_BEFORE = timedelta(hours=1)
CHECK_IN_CLOSES_AFTER = timedelta(hours=1)


class Attendance(models.Model):
    """Whether one participant attended one session day (a row per enrolment and day)."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        PARTIAL = "partial", _("Partly present")
        ABSENT = "absent", _("Absent")

    class Source(models.TextChoices):
        SHEET = "sheet", _("Attendance sheet")
        CHECK_IN = "check_in", _("Self check-in")
        IMPORT = "import", _("Imported file")

    enrolment = models.ForeignKey(
        "training.Enrolment", verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="attendances"
    )
    day = models.ForeignKey(
        "training.SessionDay", verbose_name=_("session day"), on_delete=models.CASCADE, related_name="attendances"
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)
    # Only for partial attendance: how many minutes of the day the person was there.
    minutes = models.PositiveIntegerField(_("minutes present"), null=True, blank=True)
    source = models.CharField(_("recorded from"), max_length=10, choices=Source.choices, default=Source.SHEET)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        ordering = ["day__starts_at", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "day"], name="one_attendance_per_enrolment_and_day"),
            models.CheckConstraint(
                condition=Q(status="partial", minutes__isnull=False) | ~Q(status="partial"),
                name="partial_attendance_has_minutes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} / {self.day_id}: {self.get_status_display()}"


class CheckIn(models.Model):
    """A session day's self check-in: a short code (also in a QR code) a trainer opens for the day."""

    day = models.OneToOneField(
        "training.SessionDay", verbose_name=_("session day"), on_delete=models.CASCADE, related_name="check_in"
    )
    code = models.CharField(_("check-in code"), max_length=12, unique=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")

    def __str__(self) -> str:
        return self.code
