"""Competence frameworks and their versions: areas, competences and requirements per professional group."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from core.i18n import TranslatedField
from people.models import ServiceLevel

from ..errors import CompetenceError

DRAFT = "draft"
# Publishing and retiring change only these; nothing else of a published or retired version changes.
LIFECYCLE_FIELDS = frozenset({"status", "published_at"})


def _refuse_unless_draft(*version_ids: int | None) -> None:
    """A published or retired version's content is frozen: any write to it through the model is refused."""
    ids = {pk for pk in version_ids if pk is not None}
    if ids and FrameworkVersion.objects.filter(pk__in=ids).exclude(status=DRAFT).exists():
        raise CompetenceError("version_not_editable")


def _stored(model: type[models.Model], pk: int | None, field: str):
    return model.objects.filter(pk=pk).values_list(field, flat=True).first() if pk is not None else None


class Framework(models.Model):
    """A competence framework; its content lives in numbered versions."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    name = TranslatedField("name")
    description = TranslatedField("description")

    class Meta:
        ordering = ["code"]
        verbose_name = _("competence framework")
        verbose_name_plural = _("competence frameworks")

    def __str__(self) -> str:
        return self.name


class FrameworkVersion(models.Model):
    """One numbered version of a framework. Only a draft is ever edited; publishing freezes it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version number"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    scale = models.ForeignKey(
        "competencies.ProficiencyScale",
        verbose_name=_("proficiency scale"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["framework__code", "-number"]
        verbose_name = _("framework version")
        verbose_name_plural = _("framework versions")
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="unique_version_number_per_framework"),
            models.UniqueConstraint(
                fields=["framework"], condition=Q(status="draft"), name="one_draft_version_per_framework"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.framework} v{self.number} ({self.get_status_display()})"

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        lifecycle_only = update_fields is not None and set(update_fields) <= LIFECYCLE_FIELDS
        if not lifecycle_only:
            _refuse_unless_draft(self.pk)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _refuse_unless_draft(self.pk)
        return super().delete(*args, **kwargs)

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class VersionContent(models.Model):
    """What a framework version holds, areas and competences: a code, names and descriptions in three
    languages, an order. Frozen with its version: saved or deleted only while the version is a draft."""

    code = models.CharField(_("code"), max_length=20)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    name = TranslatedField("name")
    description = TranslatedField("description")

    class Meta:
        abstract = True
        ordering = ["version", "sort_order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def save(self, *args, **kwargs) -> None:
        _refuse_unless_draft(self.version_id, _stored(type(self), self.pk, "version_id"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _refuse_unless_draft(_stored(type(self), self.pk, "version_id"))
        return super().delete(*args, **kwargs)


class CompetenceArea(VersionContent):
    version = models.ForeignKey(
        FrameworkVersion, verbose_name=_("framework version"), on_delete=models.CASCADE, related_name="areas"
    )

    class Meta(VersionContent.Meta):
        verbose_name = _("competence area")
        verbose_name_plural = _("competence areas")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_area_code_per_version"),
        ]


class Competence(VersionContent, ClusterableModel):
    """A competence; its ``code`` stays the same across versions of the framework."""

    version = models.ForeignKey(
        FrameworkVersion, verbose_name=_("framework version"), on_delete=models.CASCADE, related_name="competences"
    )
    area = models.ForeignKey(
        CompetenceArea, verbose_name=_("area"), on_delete=models.CASCADE, related_name="competences"
    )

    class Meta(VersionContent.Meta):
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_competence_code_per_version"),
        ]


class Requirement(models.Model):
    """The level a professional group needs in a competence ("" service level = any level).

    The requirement for a person: the one for their group and service level, else the one for
    their group with service level "".
    """

    competence = ParentalKey(
        Competence, verbose_name=_("competence"), on_delete=models.CASCADE, related_name="requirements"
    )
    professional_group = models.ForeignKey(
        "people.ProfessionalGroup",
        verbose_name=_("professional group"),
        on_delete=models.PROTECT,
        related_name="competence_requirements",
    )
    service_level = models.CharField(
        _("service level"),
        max_length=20,
        choices=ServiceLevel.choices,
        blank=True,
        default="",
        help_text=_("Leave empty when the requirement applies at every service level."),
    )
    required_level = models.PositiveSmallIntegerField(_("required level"))

    class Meta:
        ordering = ["competence", "professional_group", "service_level"]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        constraints = [
            models.UniqueConstraint(
                fields=["competence", "professional_group", "service_level"],
                name="unique_requirement_per_group_and_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competence.code} / {self.professional_group.code}: {self.required_level}"

    def save(self, *args, **kwargs) -> None:
        stored = _stored(Requirement, self.pk, "competence__version_id")
        _refuse_unless_draft(_stored(Competence, self.competence_id, "version_id"), stored)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _refuse_unless_draft(_stored(Requirement, self.pk, "competence__version_id"))
        return super().delete(*args, **kwargs)
