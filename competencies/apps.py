"""The competencies app: frameworks, scales, survey rounds, assessments, evidence and gaps."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetenciesConfig(AppConfig):
    name = "competencies"
    verbose_name = _("Competences")
    default_auto_field = "django.db.models.BigAutoField"
