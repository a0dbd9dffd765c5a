"""Reporting's models: projects, activities beyond trainings, and the durable participation facts."""

from .activities import Activity, ActivityParticipant
from .participations import Participation
from .projects import Project

__all__ = ["Activity", "ActivityParticipant", "Participation", "Project"]
