"""The competencies app: frameworks, scales, survey rounds, assessments, evidence and gaps."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetenciesConfig(AppConfig):
    name = "competencies"
    verbose_name = _("Competences")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from people.signals import person_deactivated

        from . import personal_data  # noqa: F401  (registers its entries)
        from .services.leaving import on_person_deactivated

        person_deactivated.connect(on_person_deactivated, dispatch_uid="competencies.leaving.on_person_deactivated")
