"""Helpers of the competence page tests: signing in, the page's text and messages, query counts."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory


def coordinator():
    user = UserFactory(is_coordinator=True, professional_group=None)
    TOTP.activate(user, generate_totp_secret())
    return user


def text(response) -> str:
    return response.content.decode()


def shown_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def queries_for(client, address: str) -> int:
    """Queries of a second request (the first one also sets up the session)."""
    client.get(address)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200, response.status_code
    return len(queries)


def login(client, user):
    client.force_login(user)
    return client


__all__ = ["coordinator", "login", "pytest", "queries_for", "shown_messages", "text"]
