"""Evidence of competence: a person's certificates, completed courses and other proof."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from competencies.validators import validate_evidence_file
from core.private_files import private_storage, random_name


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    """A random name in the private storage (core.private_files): it says nothing about the person or the file."""
    return random_name("evidence", filename)


class Evidence(models.Model):
    """Proof of competence: a completed course or an external certificate."""

    class Kind(models.TextChoices):
        COURSE = "course", _("Course")
        EXTERNAL = "external", _("External")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="competence_evidence",
    )
    competences = models.ManyToManyField(
        "competencies.Competence", verbose_name=_("competences"), blank=True, related_name="evidence"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    issuer = models.CharField(_("issuer"), max_length=200, blank=True)
    achieved_on = models.DateField(_("achieved on"))
    file = models.FileField(
        _("file"),
        upload_to=evidence_upload_to,
        storage=private_storage,
        blank=True,
        validators=[validate_evidence_file],
        max_length=200,
    )
    # The uploaded file's name made safe (``safe_file_name``): the download's name; the stored name is random.
    file_name = models.CharField(_("file name"), max_length=100, blank=True)
    # Where a recorded piece of evidence came from ("enrolment:123"), so recording it again is a no-op.
    source_key = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-achieved_on", "-pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "source_key"], condition=~Q(source_key=""), name="unique_evidence_source_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.title}"
