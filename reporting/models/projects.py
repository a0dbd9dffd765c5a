"""A project (hanke): courses, sessions and activities grouped over a period, reported together."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.i18n import TranslatedField


class Project(models.Model):
    """The sessions of the project's courses that start within its period belong to it, and so do
    the activities attached to it (a competence survey round through its activity)."""

    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    organiser = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("organiser"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    courses = models.ManyToManyField(
        "training.CoursePage",
        verbose_name=_("courses"),
        blank=True,
        related_name="+",
        help_text=_("Sessions of these courses that start within the project's period belong to the project."),
    )
    headline_course = models.ForeignKey(
        "training.CoursePage",
        verbose_name=_("headline course"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Shown as a row of its own in the project in numbers, e.g. “Perhekeskus tutuksi”."),
    )
    name = TranslatedField("name")

    class Meta:
        ordering = ["-starts_on", "name_fi"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="project_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.name

    def covers(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on
