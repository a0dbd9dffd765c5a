"""Activities beyond trainings: surveys, working groups, pilots, events without enrolment, earlier totals."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from people.models import ServiceLevel

from ..choices import ActivityKind, Delivery


class Activity(ClusterableModel):
    """Something the network did that counts in the figures: one event or, for earlier work known only
    as totals, several (``event_count``). Participants are either a count or a list of people."""

    Kind = ActivityKind

    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    level = models.CharField(_("service level"), max_length=20, choices=ServiceLevel.choices, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    organiser = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("organiser"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    project = models.ForeignKey(
        "reporting.Project",
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    course = models.ForeignKey(
        "training.CoursePage",
        verbose_name=_("course"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For earlier sessions of a course recorded as totals."),
    )
    survey_round = models.OneToOneField(
        "competencies.SurveyRound",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text=_("Kept in step with a competence survey round of the system."),
    )
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, blank=True, help_text=_("Leave empty if mixed.")
    )
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices, blank=True)
    event_count = models.PositiveIntegerField(
        _("number of events"), null=True, blank=True, default=1, help_text=_("Leave empty when not known.")
    )
    participant_count = models.PositiveIntegerField(
        _("number of participants"),
        null=True,
        blank=True,
        help_text=_("Respondents for a survey. Leave empty when the participants are listed by name below."),
    )
    meeting_count = models.PositiveIntegerField(
        _("number of meetings"), null=True, blank=True, help_text=_("For working groups.")
    )
    hours = models.DecimalField(_("hours per participant"), max_digits=6, decimal_places=1, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "title", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="activity_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["starts_on"], name="activity_starts_on_idx")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The activity cannot end before it starts.")})


class ActivityParticipant(models.Model):
    """A person on an activity's list. The person may later be erased: the figures keep them
    through their participation fact."""

    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="activity_participations",
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["activity", "person"], name="one_listing_per_person_and_activity"),
        ]

    def __str__(self) -> str:
        return str(self.person) if self.person_id else "–"
