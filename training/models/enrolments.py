"""Enrolments: a person's seat, place in line or request in a session, and its outcome."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    COMPLETED = "completed", _("Completed")
    INCOMPLETE = "incomplete", _("Not completed")
    NO_SHOW = "no_show", _("Did not attend")


class Enrolment(models.Model):
    Outcome = Outcome

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
        CANCELLED = "cancelled", _("Cancelled")
        DECLINED = "declined", _("Declined")
        MOVED = "moved", _("Moved to another session")

    session = models.ForeignKey(
        "training.Session", verbose_name=_("session"), on_delete=models.PROTECT, related_name="enrolments"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="enrolments"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    # Waiting lists are first come, first served by (queued_at, id).
    queued_at = models.DateTimeField(_("queued"), default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    # The calendar event of this enrolment: the UID never changes, SEQUENCE grows with each change.
    calendar_uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    calendar_sequence = models.PositiveIntegerField(default=0)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # Follows from attendance (training.services.attendance): empty until the session has been marked.
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True, db_index=True)
    completed_on = models.DateField(_("completed"), null=True, blank=True)
    attended_minutes = models.PositiveIntegerField(_("minutes attended"), default=0)
    feedback_requested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["queued_at", "pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"],
                condition=Q(status__in=["confirmed", "waiting", "awaiting_approval"]),
                name="one_active_enrolment_per_person_and_session",
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "queued_at"], name="enrolment_queue_idx")]

    def __str__(self) -> str:
        return f"{self.person} – {self.session} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


ACTIVE_STATUSES = (Enrolment.Status.CONFIRMED, Enrolment.Status.WAITING, Enrolment.Status.AWAITING_APPROVAL)
