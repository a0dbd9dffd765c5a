"""The proficiency scale of a framework version and its levels."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from core.i18n import TranslatedField


class ProficiencyScale(ClusterableModel):
    """The levels people are rated on, e.g. 1-5 with a descriptor for each level."""

    name_fi = models.CharField(_("name (Finnish)"), max_length=150)
    name_sv = models.CharField(_("name (Swedish)"), max_length=150, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    name = TranslatedField("name")

    class Meta:
        ordering = ["pk"]
        verbose_name = _("proficiency scale")
        verbose_name_plural = _("proficiency scales")

    def __str__(self) -> str:
        return self.name

    @property
    def min_value(self) -> int | None:
        values = [level.value for level in self.levels.all()]
        return min(values) if values else None

    @property
    def max_value(self) -> int | None:
        values = [level.value for level in self.levels.all()]
        return max(values) if values else None

    def contains(self, value: int | None) -> bool:
        return value is not None and any(level.value == value for level in self.levels.all())


class ProficiencyLevel(models.Model):
    scale = ParentalKey(ProficiencyScale, verbose_name=_("scale"), on_delete=models.CASCADE, related_name="levels")
    value = models.PositiveSmallIntegerField(_("value"))
    name_fi = models.CharField(_("name (Finnish)"), max_length=100)
    name_sv = models.CharField(_("name (Swedish)"), max_length=100, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    descriptor_fi = models.TextField(_("descriptor (Finnish)"), blank=True)
    descriptor_sv = models.TextField(_("descriptor (Swedish)"), blank=True)
    descriptor_en = models.TextField(_("descriptor (English)"), blank=True)
    name = TranslatedField("name")
    descriptor = TranslatedField("descriptor")

    class Meta:
        ordering = ["value"]
        verbose_name = _("proficiency level")
        verbose_name_plural = _("proficiency levels")
        constraints = [
            models.UniqueConstraint(fields=["scale", "value"], name="unique_level_value_per_scale"),
        ]

    def __str__(self) -> str:
        return f"{self.value} – {self.name}"
