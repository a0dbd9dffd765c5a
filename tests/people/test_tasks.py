"""Emails go through the task queue, as text and HTML."""

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django_tasks import default_task_backend

from people.tasks import send_email
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_send_email_task_sends_text_and_html():
    result = send_email.enqueue(subject="Tervetuloa", body="Hei!", to=["anna@example.fi"], html="<p>Hei!</p>")
    assert result.return_value == 1
    assert mail.outbox[0].subject == "Tervetuloa"
    assert mail.outbox[0].alternatives[0].content == "<p>Hei!</p>"


@override_settings(TASKS=DUMMY_TASKS)
def test_account_emails_go_through_the_task_queue(client, home):
    user = UserFactory()
    default_task_backend.clear()
    client.post(reverse("account_reset_password"), {"email": user.email})
    assert mail.outbox == []  # nothing is sent inside the request
    [queued] = default_task_backend.results
    assert queued.task.name == "send_email"
    assert queued.kwargs["to"] == [user.email]
