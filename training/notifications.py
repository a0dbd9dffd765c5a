"""Emails about enrolments, sent through the task queue after the transaction commits.

The request that changes an enrolment queues one task (``send_enrolment_emails``); the worker renders
every message from ``templates/training/email/<template>_subject.txt`` and
``<template>_body.txt`` inside ``translation.override(recipient.preferred_language)``, with
times in Europe/Helsinki written in that language's formats, and then handed to
``people.tasks.send_email``. Confirmation, promotion, approval into a seat, change and reminder
emails carry the enrolment's calendar event (``invite.ics``, METHOD:REQUEST); cancellations
carry its withdrawal (METHOD:CANCEL, same UID, higher SEQUENCE). See ``training.documents.calendar``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django_tasks import task

from core.urls import absolute_url
from people.models import OrgUnit, User
from people.tasks import send_email

from .documents.calendar import CANCEL, HELSINKI, REQUEST, course_url, enrolment_calendar
from .models import Enrolment
from .selectors import waiting_position
from .selectors.courses import course_in_language

logger = logging.getLogger(__name__)

Status = Enrolment.Status

EVENTS = frozenset(
    {
        "confirmed",
        "waiting",
        "promoted",
        "approval_requested",
        "approved",
        "declined",
        "cancelled",
        "session_cancelled",
        "changed",
        "reminder",
    }
)
# A reminder goes out once, this long before the first day (`manage.py send_reminders --hours`).
# Views other apps' pages provide; the emails link to them once they exist.
MY_TRAININGS_VIEW = "training:my_trainings"
APPROVALS_VIEW = "training:approvals"


@dataclass(frozen=True)
class Message:
    recipient: User
    template: str
    calendar_method: str | None = None


# Entry points
# ------------------------------------------------------------------------------
def on_commit(event: str, enrolment: Enrolment) -> None:
    """Tell the person (and whoever else the event concerns) once the change is committed.

    The request only queues the event; the worker renders the emails (``send_enrolment_emails``).
    """
    if event not in EVENTS:
        raise ValueError(f"Unknown enrolment event {event!r}")
    enrolment_id = enrolment.pk
    transaction.on_commit(lambda: send_enrolment_emails.enqueue(event=event, enrolment_id=enrolment_id))


@task()
def send_enrolment_emails(*, event: str, enrolment_id: int) -> int:
    """The task behind ``on_commit``: render and enqueue the event's emails as the enrolment stands now."""
    return send(event, enrolment_id)


def send(event: str, enrolment_id: int) -> int:
    """Render and enqueue the event's emails; returns how many were enqueued."""
    enrolment = (
        Enrolment.objects.select_related("person__unit", "session__course")
        .prefetch_related("session__days")
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None:
        return 0
    return enqueue_all(event, enrolment)


# Who hears what
# ------------------------------------------------------------------------------
def messages_for(event: str, enrolment: Enrolment) -> list[Message]:
    person = enrolment.person
    if event == "approval_requested":
        return [Message(manager, "approval_requested") for manager in approvers_for(person)] + [
            Message(person, "approval_pending")
        ]
    if event == "approved":
        seated = enrolment.status == Status.CONFIRMED
        return [Message(person, "approved", REQUEST if seated else None)]
    if event in ("confirmed", "promoted", "reminder"):
        # The reminder carries the invitation again, for whoever did not add it to their calendar.
        return [Message(person, event, REQUEST)]
    if event == "changed":
        # Only a seat has a calendar event to update.
        return [Message(person, event, REQUEST)] if enrolment.status == Status.CONFIRMED else []
    if event in ("cancelled", "session_cancelled"):
        return [Message(person, event, CANCEL)]
    return [Message(person, event)]


def approvers_for(person: User) -> list[User]:
    """The managers of the person's unit, else of the nearest unit above it that has managers."""
    if person.unit is None or not person.unit.path:
        return []
    parts = person.unit.path.rstrip("/").split("/")
    paths = ["/".join(parts[:depth]) + "/" for depth in range(1, len(parts) + 1)]
    managers = User.objects.filter(is_active=True).exclude(pk=person.pk).order_by("pk")
    units = OrgUnit.objects.filter(path__in=paths).prefetch_related(Prefetch("managers", queryset=managers))
    for unit in sorted(units, key=lambda unit: len(unit.path), reverse=True):
        if unit_managers := list(unit.managers.all()):
            return unit_managers
    logger.warning("No manager to approve enrolments of person %s (unit %s)", person.pk, person.unit_id)
    return []


def _deliverable(user: User) -> bool:
    return bool(user.is_active and user.email)


# Rendering
# ------------------------------------------------------------------------------
def enqueue_all(event: str, enrolment: Enrolment) -> int:
    sent = 0
    for message in messages_for(event, enrolment):
        if _deliverable(message.recipient):
            _enqueue(message, event=event, enrolment=enrolment)
            sent += 1
    return sent


def _enqueue(message: Message, *, event: str, enrolment: Enrolment) -> None:
    language = message.recipient.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language), timezone.override(HELSINKI):
        context = _context(message, event=event, enrolment=enrolment, language=language)
        subject, body = render_email(message.template, context)
        attachments = []
        if message.calendar_method:
            content = enrolment_calendar(enrolment, message.calendar_method, course=context["course"])
            attachments.append(["invite.ics", content.decode(), f"text/calendar; method={message.calendar_method}"])
    send_email.enqueue(subject=subject, body=body, to=[message.recipient.email], attachments=attachments)


def render_email(template: str, context: dict) -> tuple[str, str]:
    """Subject (one line, prefixed) and plain-text body of ``training/email/<template>_*.txt``."""
    subject = " ".join(render_to_string(f"training/email/{template}_subject.txt", context).split())
    body = render_to_string(f"training/email/{template}_body.txt", context)
    # Optional blocks leave blank lines behind; keep at most one between paragraphs.
    body = re.sub(r"\n[ \t]*(\n[ \t]*)+\n", "\n\n", body).strip() + "\n"
    return f"{getattr(settings, 'ACCOUNT_EMAIL_SUBJECT_PREFIX', '')}{subject}", body


def _context(message: Message, *, event: str, enrolment: Enrolment, language: str) -> dict:
    session = enrolment.session
    person = enrolment.person
    course = course_in_language(session.course, language)
    reason = session.cancellation_reason if event == "session_cancelled" else enrolment.decision_reason
    deadline = session.cancellation_deadline
    return {
        "event": event,
        "enrolment": enrolment,
        "session": session,
        "course": course,
        "course_title": course.title,
        "course_url": course_url(course, fallback=session.course),
        "recipient": message.recipient,
        "recipient_name": message.recipient.first_name or message.recipient.get_full_name(),
        "person": person,
        "person_name": person.get_full_name() or person.email,
        "person_email": person.email,
        "unit_name": person.unit.name if person.unit else "",
        "days": day_lines(session.days.all()),
        "place": session.place_name,
        "address": session.place_address,
        "online_url": session.online_url,
        "waiting_position": waiting_position(enrolment),
        "reason": reason,
        "moved": enrolment.status == Status.MOVED,
        "cancelled_by_person": enrolment.decided_by_id == enrolment.person_id,
        "cancellation_deadline": _datetime_text(deadline) if deadline and deadline > timezone.now() else "",
        "my_trainings_url": site_url(MY_TRAININGS_VIEW),
        "approvals_url": site_url(APPROVALS_VIEW),
    }


def day_lines(days) -> list[str]:
    """Each day as weekday, date and hours ("maanantai 4. toukokuuta 2026, 9.00" to "15.00"), in the active language."""
    lines = []
    for day in sorted(days, key=lambda day: day.starts_at):
        start, end = timezone.localtime(day.starts_at, HELSINKI), timezone.localtime(day.ends_at, HELSINKI)
        lines.append(
            f"{date_format(start, 'l')} {date_format(start, 'DATE_FORMAT')}, "
            f"{time_format(start, 'TIME_FORMAT')}–{time_format(end, 'TIME_FORMAT')}"
        )
    return lines


def _datetime_text(value: datetime) -> str:
    local = timezone.localtime(value, HELSINKI)
    return f"{date_format(local, 'DATE_FORMAT')} {time_format(local, 'TIME_FORMAT')}"


def site_url(viewname: str) -> str | None:
    """The absolute address of a view in the active language, or None while it does not exist."""
    try:
        return absolute_url(reverse(viewname))
    except NoReverseMatch:
        return None
