"""Reads of the competence app, one module per subject; the common ones re-exported here."""

from .evidence import (
    evidence_by_competence_code,
    evidence_of,
    get_evidence_file_for_user,
    get_own_evidence,
    requirement_competences_for,
)
from .framework import framework_current_version, version_with_content
from .surveys import (
    RoundProgress,
    assessment_of,
    get_assessment_for_manager,
    get_round,
    get_round_for_person,
    is_targeted,
    open_rounds_for,
    published_versions,
    requirements_for,
    round_targets,
    rounds_for,
    rounds_for_team,
    rounds_with_progress,
    team_assessments,
)

__all__ = [
    "RoundProgress",
    "assessment_of",
    "evidence_by_competence_code",
    "evidence_of",
    "framework_current_version",
    "get_assessment_for_manager",
    "get_evidence_file_for_user",
    "get_own_evidence",
    "get_round",
    "get_round_for_person",
    "is_targeted",
    "open_rounds_for",
    "published_versions",
    "requirement_competences_for",
    "requirements_for",
    "round_targets",
    "rounds_for",
    "rounds_for_team",
    "rounds_with_progress",
    "team_assessments",
    "version_with_content",
]
