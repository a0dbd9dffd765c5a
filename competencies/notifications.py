"""Emails about survey rounds, in each recipient's own language, through the task queue.

Rendered from ``templates/competencies/email/<template>_subject.txt`` and ``_body.txt`` inside
``translation.override(recipient.preferred_language)`` and handed to ``people.tasks.send_email``.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.urls import absolute_url
from people.models import User
from people.tasks import send_email

from .models import SurveyRound


def render_email(template: str, context: dict) -> tuple[str, str]:
    subject = " ".join(render_to_string(f"competencies/email/{template}_subject.txt", context).split())
    body = render_to_string(f"competencies/email/{template}_body.txt", context)
    body = re.sub(r"\n[ \t]*(\n[ \t]*)+\n", "\n\n", body).strip() + "\n"
    return f"{getattr(settings, 'ACCOUNT_EMAIL_SUBJECT_PREFIX', '')}{subject}", body


def round_opened_emails(round_id: int, person_ids: list[int], *, reminder: bool = False) -> int:
    """Tell each person that a survey round is waiting for their self-assessment (``reminder``: again,
    as they have not submitted it yet); returns how many."""
    survey = SurveyRound.objects.filter(pk=round_id).first()
    if survey is None:
        return 0
    sent = 0
    for person in User.objects.filter(pk__in=person_ids, is_active=True).exclude(email="").order_by("pk"):
        language = person.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            context = {
                "person": person,
                "reminder": reminder,
                "round": survey,
                "round_name": survey.name,
                "url": absolute_url(reverse("competencies:assessment", args=[survey.pk])),
            }
            subject, body = render_email("round_opened", context)
        send_email.enqueue(subject=subject, body=body, to=[person.email])
        sent += 1
    return sent
