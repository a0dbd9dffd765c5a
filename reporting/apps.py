"""Reporting: participant statistics, activities beyond trainings, coverage and the project in numbers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reporting")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import personal_data  # noqa: F401  (registers its entries)
        from .receivers import connect

        connect()
