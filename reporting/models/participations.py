"""The durable participation facts every figure is counted from.

One row per enrolment, per person listed on an activity, and per submitted competence
assessment (a survey's respondent). Each row copies what the figures are cut by, so that
moving, regrouping or erasing a person changes no past figure:

* the event's dimensions (time, kind, course, level, language, delivery, project), refreshed
  whenever the session, course, activity or project changes;
* the person's dimensions (professional group, unit, organisation, sector, municipality,
  family-centre area, service level) and a ``person_key`` (the person's id when the row was
  written, kept after the person is gone) for counting unique people. These follow the person
  until the event starts and are frozen from then on;
* the state: enrolment status, outcome, minutes attended, whether a certificate is held and
  whether feedback was given.

``reporting.services.participations`` writes them: the training and competence services signal
every change, and ``manage.py rebuild_participations`` recomputes them all from the source rows
(keeping the frozen person dimensions, which no source row holds any more).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import ActivityKind, Delivery


class Participation(models.Model):
    class Source(models.TextChoices):
        ENROLMENT = "enrolment", _("Enrolment")
        LISTING = "listing", _("Listed participant")
        ASSESSMENT = "assessment", _("Survey respondent")

    # Listed participants and survey respondents took part; enrolments carry their own status.
    ATTENDED = "attended"

    source = models.CharField(max_length=10, choices=Source.choices)
    source_id = models.BigIntegerField()

    # The event
    session = models.ForeignKey("training.Session", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    activity = models.ForeignKey(
        "reporting.Activity", on_delete=models.CASCADE, null=True, blank=True, related_name="participations"
    )
    starts_at = models.DateTimeField()
    month = models.PositiveIntegerField(help_text="YYYYMM of starts_at in Helsinki time")
    activity_kind = models.CharField(max_length=20, choices=ActivityKind.choices)
    course = models.ForeignKey(
        "training.CoursePage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    course_kind = models.CharField(max_length=20, blank=True)
    level = models.CharField(max_length=20, blank=True)
    language = models.CharField(max_length=2, blank=True)
    delivery = models.CharField(max_length=10, choices=Delivery.choices, blank=True)
    project = models.ForeignKey("reporting.Project", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    # The person, as they were
    person_key = models.BigIntegerField(null=True, blank=True)
    professional_group = models.ForeignKey(
        "people.ProfessionalGroup", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey("people.OrgUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    organisation = models.ForeignKey(
        "people.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sector = models.CharField(max_length=20, blank=True)
    municipality = models.ForeignKey(
        "people.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    area = models.ForeignKey("people.OrgUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    service_level = models.CharField(max_length=20, blank=True)

    # What happened
    status = models.CharField(max_length=20)
    outcome = models.CharField(max_length=12, blank=True)
    minutes = models.PositiveIntegerField(default=0)
    certificate = models.BooleanField(default=False)
    feedback_given = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="one_fact_per_source_row"),
            models.CheckConstraint(
                condition=models.Q(session__isnull=False) | models.Q(activity__isnull=False),
                name="participation_has_an_event",
            ),
        ]
        indexes = [
            models.Index(fields=["starts_at"], name="participation_starts_at_idx"),
            models.Index(fields=["person_key", "starts_at"], name="participation_person_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.source_id}"
