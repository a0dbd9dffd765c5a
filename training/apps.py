"""The training app; connects its signal receivers and system checks when Django starts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core.cache import bump_places_version
        from people.signals import person_deactivated

        from . import checks  # noqa: F401
        from .services import personal_data  # noqa: F401  (registers its entries)
        from .services.certificate_corrections import revoke_on_uncompletion
        from .services.certificates import issue_on_completion
        from .services.evidence import record_evidence_on_completion, remove_evidence_on_uncompletion
        from .services.leaving import on_person_deactivated
        from .signals import enrolments_completed, enrolments_uncompleted, participations_changed, sessions_changed

        enrolments_completed.connect(issue_on_completion, dispatch_uid="training.certificates.issue_on_completion")
        enrolments_completed.connect(record_evidence_on_completion, dispatch_uid="training.evidence.on_completion")
        enrolments_uncompleted.connect(
            revoke_on_uncompletion, dispatch_uid="training.certificates.revoke_on_uncompletion"
        )
        enrolments_uncompleted.connect(
            remove_evidence_on_uncompletion, dispatch_uid="training.evidence.on_uncompletion"
        )
        # Seats left and sessions show on anonymous pages kept in the shared cache (core.cache).
        participations_changed.connect(bump_places_version, dispatch_uid="training.cache.participations")
        sessions_changed.connect(bump_places_version, dispatch_uid="training.cache.sessions")
        person_deactivated.connect(on_person_deactivated, dispatch_uid="training.leaving.on_person_deactivated")
