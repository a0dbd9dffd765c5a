"""What keeps the participation facts and the Coordinators group in step: receivers of training's signals
and of model saves in people, competencies and reporting itself, connected in ``ReportingConfig.ready``."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published

from competencies.models import Assessment, SurveyRound
from people.models import Organisation, OrgUnit, User
from training.models import CoursePage
from training.signals import participations_changed, sessions_changed

from .models import Project
from .services.coordinators import coordinators_group_sync
from .services.participations import (
    participations_refresh_assessments,
    participations_refresh_course,
    participations_refresh_enrolments,
    participations_refresh_people,
    participations_refresh_projects,
    participations_refresh_sessions,
    participations_refresh_units,
    survey_activity_sync,
)

# A save that touches only these (a sign-in, a password change) changes nothing the figures count.
PERSON_FIELDS = {"professional_group", "professional_group_id", "unit", "unit_id", "service_level"}


def _enrolments(sender, *, enrolment_ids, **kwargs) -> None:
    participations_refresh_enrolments(enrolment_ids=enrolment_ids)


def _sessions(sender, *, session_ids, **kwargs) -> None:
    participations_refresh_sessions(session_ids=session_ids)


def _course_published(sender, *, instance, **kwargs) -> None:
    participations_refresh_course(course=instance)


def _person_saved(sender, *, instance, created, update_fields=None, **kwargs) -> None:
    if created or (update_fields is not None and not PERSON_FIELDS & set(update_fields)):
        return
    participations_refresh_people(person_ids=[instance.pk])


def _unit_saved(sender, *, instance, created, **kwargs) -> None:
    if not created:
        participations_refresh_units(units=[instance])


def _organisation_saved(sender, *, instance, created, **kwargs) -> None:
    if not created:
        participations_refresh_units(organisation=instance)


def _round_saved(sender, *, instance, **kwargs) -> None:
    survey_activity_sync(round=instance)


def _assessment_saved(sender, *, instance, **kwargs) -> None:
    if instance.status == Assessment.Status.SUBMITTED:
        participations_refresh_assessments(assessment_ids=[instance.pk])


def _coordinator_saved(sender, *, instance, update_fields=None, **kwargs) -> None:
    if update_fields is None or "is_coordinator" in update_fields:
        coordinators_group_sync(people=[instance])


def _groups_changed(sender, *, instance, action, reverse, **kwargs) -> None:
    # A person's groups were set by hand (the admin's user form): the Coordinators group follows the flag again.
    if action.startswith("post_"):
        coordinators_group_sync(people=None if reverse else [instance])


def _projects_changed(sender, **kwargs) -> None:
    if kwargs.get("action", "post_").startswith("post_"):
        participations_refresh_projects()


def connect() -> None:
    participations_changed.connect(_enrolments, dispatch_uid="reporting.enrolments")
    sessions_changed.connect(_sessions, dispatch_uid="reporting.sessions")
    page_published.connect(_course_published, sender=CoursePage, dispatch_uid="reporting.course")
    post_save.connect(_person_saved, sender=User, dispatch_uid="reporting.person")
    post_save.connect(_coordinator_saved, sender=User, dispatch_uid="reporting.coordinator")
    m2m_changed.connect(_groups_changed, sender=User.groups.through, dispatch_uid="reporting.coordinator_groups")
    post_save.connect(_unit_saved, sender=OrgUnit, dispatch_uid="reporting.unit")
    post_save.connect(_organisation_saved, sender=Organisation, dispatch_uid="reporting.organisation")
    post_save.connect(_round_saved, sender=SurveyRound, dispatch_uid="reporting.round")
    post_save.connect(_assessment_saved, sender=Assessment, dispatch_uid="reporting.assessment")
    post_save.connect(_projects_changed, sender=Project, dispatch_uid="reporting.project")
    post_delete.connect(_projects_changed, sender=Project, dispatch_uid="reporting.project_deleted")
    m2m_changed.connect(_projects_changed, sender=Project.courses.through, dispatch_uid="reporting.project_courses")
