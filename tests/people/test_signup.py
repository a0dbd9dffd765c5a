"""Who may sign up: closed by default, open to an organisation's allowed domains and to invited addresses."""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from people.access import is_placed
from people.models import Invitation, User
from people.signup import invitation_url
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = "/accounts/signup/"
PASSWORD = "Vahva-salasana-2026"


def sign_up(client, email: str):
    return client.post(SIGNUP, {"email": email, "password1": PASSWORD, "password2": PASSWORD})


def test_sign_up_is_closed_by_default(client, home):
    response = client.get(SIGNUP)
    assert "account/signup_closed.html" in [template.name for template in response.templates]
    sign_up(client, "joku@example.fi")
    assert not User.objects.filter(email="joku@example.fi").exists()


def test_an_allowed_domain_may_sign_up_and_others_may_not(client, home):
    OrganisationFactory(name="Mannerheimin Lastensuojeluliitto", signup_domains="mll.fi\n@Kumppani.fi")
    refused = sign_up(client, "joku@example.fi")
    assert refused.status_code == 200
    assert refused.context["form"].has_error("email", "signup_not_allowed")
    assert not User.objects.filter(email="joku@example.fi").exists()

    sign_up(client, "vapaaehtoinen@kumppani.fi")
    person = User.objects.get(email="vapaaehtoinen@kumppani.fi")
    assert not EmailAddress.objects.get(user=person).verified  # proves the address by e-mail as usual
    assert not is_placed(person)


def test_an_invited_person_signs_up_through_the_link_only_for_that_address(
    admin_client, home, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory(name="Kuopion seurakuntayhtymä")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("invitations:add"), {"email": "Diakoni@Seurakunta.fi", "organisation": organisation.pk}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.invited_by) == ("diakoni@seurakunta.fi", admin_client.user)
    (message,) = mail.outbox
    link = re.search(r"http://\S+/invitation/\S+/", message.body).group(0)
    assert message.to == ["diakoni@seurakunta.fi"]
    client = Client()

    opened = client.get(link.removeprefix("http://127.0.0.1:8000"))
    assert opened.status_code == 302 and opened["Location"].startswith(SIGNUP)
    assert client.get(SIGNUP).status_code == 200
    other = sign_up(client, "toinen@seurakunta.fi")
    assert other.context["form"].has_error("email", "signup_not_allowed")
    sign_up(client, "diakoni@seurakunta.fi")

    person = User.objects.get(email="diakoni@seurakunta.fi")
    assert EmailAddress.objects.get(user=person).verified  # opening the link proved the address
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    again = client.get(link.removeprefix("http://127.0.0.1:8000"))
    assert again.status_code == 410  # used once


def test_an_expired_or_altered_invitation_link_does_not_open_sign_up(client, home, settings):
    invitation = Invitation.objects.create(email="myohassa@example.fi")
    url = invitation_url(invitation).removeprefix(settings.SITE_URL)
    assert client.get(url.replace("/invitation/", "/invitation/x")).status_code == 410
    settings.INVITATION_MAX_AGE_DAYS = 0
    Invitation.objects.filter(pk=invitation.pk).update(created_at=timezone.now() - datetime.timedelta(days=1))
    assert client.get(url).status_code == 410
    assert "account/signup_closed.html" in [template.name for template in client.get(SIGNUP).templates]


def test_a_person_is_placed_once_they_have_a_unit():
    assert is_placed(UserFactory())
    assert not is_placed(UserFactory(unit=None))
    assert not is_placed(UserFactory(is_active=False))


def test_only_administrators_see_the_invitations(client, home):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("invitations:index")).status_code in (302, 403)
