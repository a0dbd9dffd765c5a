from .evidence import evidence_create, evidence_delete, evidence_record_course_completion
from .surveys import assessment_manager_rate, assessment_save, survey_round_create, survey_round_notify

__all__ = [
    "assessment_manager_rate",
    "assessment_save",
    "evidence_create",
    "evidence_delete",
    "evidence_record_course_completion",
    "survey_round_create",
    "survey_round_notify",
]
