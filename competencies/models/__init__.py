"""The competence models, re-exported so that ``competencies.models.X`` names each of them."""

from .evidence import Evidence
from .framework import Competence, CompetenceArea, Framework, FrameworkVersion, Requirement
from .scale import ProficiencyLevel, ProficiencyScale
from .surveys import Assessment, Rating, SurveyRound

__all__ = [
    "Assessment",
    "Competence",
    "CompetenceArea",
    "Evidence",
    "Framework",
    "FrameworkVersion",
    "ProficiencyLevel",
    "ProficiencyScale",
    "Rating",
    "Requirement",
    "SurveyRound",
]
