"""Survey rounds, the assessments people submit in them, and their ratings per competence."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.i18n import TranslatedField


class SurveyRound(models.Model):
    """A competence survey (osaamiskartoitus) on one published framework version."""

    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    version = models.ForeignKey(
        "competencies.FrameworkVersion",
        verbose_name=_("framework version"),
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    target_units = models.ManyToManyField(
        "people.OrgUnit",
        verbose_name=_("target units"),
        blank=True,
        related_name="survey_rounds",
        help_text=_("A unit includes the units below it."),
    )
    target_groups = models.ManyToManyField(
        "people.ProfessionalGroup",
        verbose_name=_("target professional groups"),
        blank=True,
        related_name="survey_rounds",
        help_text=_("Leave empty for every professional group."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notified_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    name = TranslatedField("name")

    class Meta:
        ordering = ["-opens_on", "pk"]
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="survey_round_closes_after_opening"),
        ]

    def __str__(self) -> str:
        return self.name

    def is_open(self, today: datetime.date) -> bool:
        return self.opens_on <= today <= self.closes_on

    def is_closed(self, today: datetime.date) -> bool:
        return today > self.closes_on


class Assessment(models.Model):
    """One person's answers in one survey round, with their manager's ratings."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    round = models.ForeignKey(
        SurveyRound, verbose_name=_("survey round"), on_delete=models.CASCADE, related_name="assessments"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="assessments"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    discussed_at = models.DateTimeField(_("development discussion"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["round", "person"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="one_assessment_per_person_and_round"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.round}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class Rating(models.Model):
    """A rating of one competence: the person's own level and need for training, and the manager's level."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="ratings"
    )
    competence = models.ForeignKey(
        "competencies.Competence", verbose_name=_("competence"), on_delete=models.CASCADE, related_name="ratings"
    )
    self_level = models.PositiveSmallIntegerField(_("own assessment"), null=True, blank=True)
    training_need = models.PositiveSmallIntegerField(_("need for training"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    manager_level = models.PositiveSmallIntegerField(_("manager's assessment"), null=True, blank=True)
    manager_comment = models.TextField(_("manager's comment"), blank=True)

    class Meta:
        ordering = ["assessment", "competence"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "competence"], name="one_rating_per_competence"),
            models.CheckConstraint(
                condition=Q(training_need__isnull=True) | Q(training_need__gte=1, training_need__lte=5),
                name="rating_training_need_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} – {self.competence.code}"

    @property
    def current_level(self) -> int | None:
        """The level used for gap analysis: the manager's rating if given, else the person's own."""
        return self.manager_level if self.manager_level is not None else self.self_level
