"""Sessions of a course and their days."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


class SessionQuerySet(models.QuerySet):
    def upcoming(self) -> SessionQuerySet:
        return self.filter(ends_at__gte=timezone.now()).exclude(status=Session.Status.CANCELLED)

    def bookable(self) -> SessionQuerySet:
        now = timezone.now()
        return (
            self.filter(status=Session.Status.OPEN, starts_at__gt=now)
            .filter(Q(enrolment_opens_at__isnull=True) | Q(enrolment_opens_at__lte=now))
            .filter(Q(enrolment_closes_at__isnull=True) | Q(enrolment_closes_at__gte=now))
        )


class Session(ClusterableModel):
    """One run of a course: one or more days, a place or a link, a capacity."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open for enrolment")
        CANCELLED = "cancelled", _("Cancelled")
        COMPLETED = "completed", pgettext_lazy("session", "Completed")

    class State(models.TextChoices):
        """Where a session stands, for display: its status, and the clock for one neither cancelled nor
        completed (the closing job marks a session completed only some time after its last day)."""

        PLANNED = "planned", _("Planned")
        ENROLMENT_NOT_OPEN_YET = "enrolment_not_open_yet", _("Enrolment not open yet")
        OPEN = "open", _("Open for enrolment")
        ENROLMENT_CLOSED = "enrolment_closed", _("Enrolment closed")
        IN_PROGRESS = "in_progress", _("In progress")
        ENDED = "ended", _("Ended")
        COMPLETED = "completed", pgettext_lazy("session", "Completed")
        CANCELLED = "cancelled", _("Cancelled")

    class Language(models.TextChoices):
        FI = "fi", _("Finnish")
        SV = "sv", _("Swedish")
        EN = "en", _("English")

    course = models.ForeignKey(
        "training.CoursePage", verbose_name=_("course"), on_delete=models.PROTECT, related_name="sessions"
    )
    place_name = models.CharField(_("place"), max_length=200, blank=True)
    place_address = models.CharField(_("address"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.FI)
    capacity = models.PositiveIntegerField(_("capacity"))
    enrolment_opens_at = models.DateTimeField(_("enrolment opens"), null=True, blank=True)
    enrolment_closes_at = models.DateTimeField(_("enrolment closes"), null=True, blank=True)
    cancellation_deadline = models.DateTimeField(_("cancellation deadline"), null=True, blank=True)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("trainers"), blank=True, related_name="trained_sessions"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    notes = models.TextField(_("notes"), blank=True)
    cancellation_reason = models.TextField(_("cancellation reason"), blank=True)
    # First day's start and last day's end, kept by SessionDay saves for cheap listing and filtering.
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True, editable=False, db_index=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True, editable=False)
    # SEQUENCE of the session's public calendar file, raised when its days, hours or place change or it is cancelled.
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_capacity_positive"),
        ]

    def __str__(self) -> str:
        start = date_format(timezone.localtime(self.starts_at), "SHORT_DATE_FORMAT") if self.starts_at else "–"
        return f"{self.course.title} {start}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def state(self) -> Session.State:
        return self.state_at(timezone.now())

    def has_ended_at(self, now: datetime) -> bool:
        """Over (its last day has ended, or it is marked completed): its seats and participants no longer change."""
        return self.state_at(now) in (self.State.ENDED, self.State.COMPLETED)

    @property
    def has_ended(self) -> bool:
        return self.has_ended_at(timezone.now())

    def state_at(self, now: datetime) -> Session.State:
        State = self.State
        if self.status in (self.Status.CANCELLED, self.Status.COMPLETED):
            return State(self.status)
        if self.ends_at and self.ends_at <= now:
            return State.ENDED
        if self.starts_at and self.starts_at <= now:
            return State.IN_PROGRESS
        if self.status == self.Status.PLANNED or self.starts_at is None:
            return State.PLANNED
        if self.enrolment_opens_at and now < self.enrolment_opens_at:
            return State.ENROLMENT_NOT_OPEN_YET
        if self.enrolment_closes_at and now > self.enrolment_closes_at:
            return State.ENROLMENT_CLOSED
        return State.OPEN

    def cancellation_open(self, now=None) -> bool:
        """Whether a person may still cancel their own enrolment: no deadline, or it has not passed."""
        now = now or timezone.now()
        return self.cancellation_deadline is None or self.cancellation_deadline >= now

    def enrolment_refusal(self, now=None) -> str:
        """Why nobody can enrol themself right now, as a TrainingError code; '' when they can."""
        now = now or timezone.now()
        if self.status == self.Status.CANCELLED:
            return "session_cancelled"
        if self.status != self.Status.OPEN:
            return "session_not_open"
        if self.starts_at is None or self.starts_at <= now:
            return "session_started"
        if self.enrolment_opens_at and now < self.enrolment_opens_at:
            return "enrolment_not_open_yet"
        if self.enrolment_closes_at and now > self.enrolment_closes_at:
            return "enrolment_closed"
        return ""

    def save(self, *args, **kwargs) -> None:
        # The days are part of the session's cluster (saved with it in the admin form), so the
        # span is recomputed here, after they have been committed.
        super().save(*args, **kwargs)
        span = self.days.aggregate(first=models.Min("starts_at"), last=models.Max("ends_at"))
        if (span["first"], span["last"]) != (self.starts_at, self.ends_at):
            self.starts_at, self.ends_at = span["first"], span["last"]
            Session.objects.filter(pk=self.pk).update(starts_at=self.starts_at, ends_at=self.ends_at)
        # Imported here: the signals module imports the models.
        from ..signals import send_sessions_changed

        send_sessions_changed([self.pk])


class SessionDay(models.Model):
    session = ParentalKey(Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="days")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("session day")
        verbose_name_plural = _("session days")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="session_day_ends_after_start"),
        ]

    def __str__(self) -> str:
        start, end = timezone.localtime(self.starts_at), timezone.localtime(self.ends_at)
        return f"{date_format(start, 'SHORT_DATETIME_FORMAT')}–{time_format(end, 'TIME_FORMAT')}"

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600
