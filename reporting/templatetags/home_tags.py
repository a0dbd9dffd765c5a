"""What waits for each role, for the home page and the person page: approvals, attendance, key figures, trainings.

These tags live in reporting because it is the one app that may read training and competencies both
(``reporting → training → competencies → people``); ``cms`` and ``people`` load them in templates only.
"""

from __future__ import annotations

import datetime

from django import template
from django.db.models import Exists, OuterRef
from django.utils import timezone

register = template.Library()

# How far back a session may have ended and still be listed as waiting for its attendance.
ATTENDANCE_DAYS = 60
ATTENDANCE_LIMIT = 5
KEY_FIGURE_ROWS = 4


def _user(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    return request, user if user is not None and user.is_authenticated else None


@register.inclusion_tag("reporting/includes/home_roles.html", takes_context=True)
def what_waits_for_me(context) -> dict:
    """A manager's approvals, a trainer's sessions without attendance, a coordinator's key figures."""
    request, user = _user(context)
    if user is None:
        return {"shown": False}
    access = request.access
    result: dict = {"shown": True, "request": request}
    if access.is_manager:
        from training.selectors import enrolments_awaiting_approval_by

        result["approvals"] = enrolments_awaiting_approval_by(user).count()
    if user.is_trainer:
        result["attendance_sessions"] = sessions_waiting_for_attendance(user)
    if access.sees_whole_network:
        result["key_figures"] = key_figures()
    return result


def sessions_waiting_for_attendance(user) -> list:
    """The trainer's own sessions that have started (in the last ``ATTENDANCE_DAYS``) and have a confirmed
    participant whose attendance is not recorded yet, latest first (two queries)."""
    from training.models import Attendance, Enrolment, Session
    from training.selectors.organiser import sessions_organised_by

    now = timezone.now()
    unmarked = Enrolment.objects.filter(session=OuterRef("pk"), status=Enrolment.Status.CONFIRMED).exclude(
        Exists(Attendance.objects.filter(enrolment=OuterRef("pk")))
    )
    return list(
        sessions_organised_by(user)
        .filter(trainers=user, starts_at__lt=now, starts_at__gte=now - datetime.timedelta(days=ATTENDANCE_DAYS))
        .exclude(status=Session.Status.CANCELLED)
        .filter(Exists(unmarked))
        .order_by("-starts_at", "pk")[:ATTENDANCE_LIMIT]
    )


def key_figures():
    """The latest project's figures (participants and events per kind of activity), as in its report."""
    from reporting.selectors.project_numbers import period_of, project_numbers, projects_for_reporting

    project = projects_for_reporting().first()
    if project is None:
        return None
    date_from, date_to = period_of(project, None, None)
    numbers = project_numbers(project=project, date_from=date_from, date_to=date_to)
    return {"project": project, "rows": numbers.rows[:KEY_FIGURE_ROWS]}


@register.inclusion_tag("reporting/includes/person_trainings.html", takes_context=True)
def person_trainings(context, person) -> dict:
    """The person's trainings (upcoming, waiting, completed) and certificates, for their manager's person page."""
    request, user = _user(context)
    if user is None or not _manages(request, person):
        return {"shown": False}
    from training.selectors.certificates import certificates_of
    from training.selectors.enrolments import my_trainings

    sections = my_trainings(person)
    certificates = list(certificates_of(person))
    return {
        "shown": True,
        "person": person,
        "upcoming": sections["upcoming"] + sections["waiting"] + sections["awaiting_approval"],
        "past": sections["past"],
        "certificates": certificates,
        "completed": {certificate.enrolment_id for certificate in certificates},
    }


def _manages(request, person) -> bool:
    from people.models import OrgUnit

    paths = request.access.managed_unit_paths
    return bool(paths) and OrgUnit.objects.below_paths(paths).filter(pk=person.unit_id).exists()
