from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks  # noqa: F401
        from .services.certificates import issue_on_completion
        from .services.evidence import record_evidence_on_completion
        from .signals import enrolments_completed

        enrolments_completed.connect(issue_on_completion, dispatch_uid="training.certificates.issue_on_completion")
        enrolments_completed.connect(record_evidence_on_completion, dispatch_uid="training.evidence.on_completion")
