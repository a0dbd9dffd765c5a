"""Writes of the competence app, one module per subject; the common ones re-exported here."""

from .evidence import (
    CourseCompletion,
    evidence_create,
    evidence_delete,
    evidence_record_course_completion,
    evidence_record_course_completions,
)
from .scale import scale_check_change, scale_check_level, scale_default
from .surveys import (
    assessment_manager_rate,
    assessment_save,
    survey_round_create,
    survey_round_notify,
    survey_round_remind,
)
from .transfer import (
    FrameworkImportError,
    framework_import,
    framework_version_export,
    framework_version_to_csv,
    framework_version_to_json,
)
from .versions import (
    competence_area_delete,
    competence_area_save,
    competence_delete,
    competence_save,
    framework_create,
    framework_version_draft,
    framework_version_publish,
    framework_version_update,
    requirement_set,
    version_check_editable,
)

__all__ = [
    "CourseCompletion",
    "FrameworkImportError",
    "assessment_manager_rate",
    "assessment_save",
    "competence_area_delete",
    "competence_area_save",
    "competence_delete",
    "competence_save",
    "evidence_create",
    "evidence_delete",
    "evidence_record_course_completion",
    "evidence_record_course_completions",
    "framework_create",
    "framework_import",
    "framework_version_draft",
    "framework_version_export",
    "framework_version_publish",
    "framework_version_to_csv",
    "framework_version_to_json",
    "framework_version_update",
    "requirement_set",
    "scale_check_change",
    "scale_check_level",
    "scale_default",
    "survey_round_create",
    "survey_round_notify",
    "survey_round_remind",
    "version_check_editable",
]
