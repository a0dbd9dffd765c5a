"""Helpers for the project tests: people in each role, a project with a headline course, activities."""

from __future__ import annotations

from datetime import date

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from reporting.models import Activity, Project
from reporting.services.activities import activity_create
from tests.factories import UserFactory, make_course


def with_totp(user):
    TOTP.activate(user, generate_totp_secret())
    return user


def coordinator(**fields):
    return with_totp(UserFactory(is_coordinator=True, professional_group=None, **fields))


def administrator(**fields):
    return with_totp(UserFactory(is_superuser=True, is_staff=True, **fields))


def manager(unit=None):
    user = UserFactory(**({"unit": unit} if unit else {}))
    user.unit.managers.add(user)
    return user


def make_project(programme, *, headline: str | None = "Perhekeskus tutuksi", **fields) -> Project:
    """A 2017-2019 project; with ``headline``, a course of that title as its headline course."""
    fields.setdefault("name_fi", "Perhekeskustoiminnan kehittäminen")
    fields.setdefault("name_sv", "Utveckling av familjecentret")
    fields.setdefault("name_en", "Developing the family centre")
    fields.setdefault("starts_on", date(2017, 1, 1))
    fields.setdefault("ends_on", date(2019, 12, 31))
    project = Project.objects.create(**fields)
    if headline:
        course = make_course(programme, headline)
        project.courses.add(course)
        project.headline_course = course
        project.save()
    return project


def activity(project: Project | None, kind: str, day: date, **fields) -> Activity:
    fields.setdefault("title", f"{kind} {day}")
    return activity_create(project=project, kind=kind, starts_on=day, **fields)
