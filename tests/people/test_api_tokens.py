"""Personal API tokens: the service, the management command and the profile page."""

import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import APIToken

from people.api_tokens import token_authenticate, token_create, token_revoke
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def sign_in_now(client, person) -> None:
    """Sign in through the form, as creating a token needs a recent sign-in (force_login records none)."""
    response = client.post(reverse("account_login"), {"login": person.email, "password": "correct-horse-battery"})
    assert response.status_code == 302


@pytest.fixture
def person():
    return UserFactory(email="anna@example.fi", preferred_language="en")


class TestService:
    def test_only_a_hash_and_a_short_prefix_are_stored(self, person):
        token, plain = token_create(user=person, name="Kalenteri")
        stored = APIToken.objects.get(pk=token.pk)
        assert stored.key_hash == APIToken.hash_token(plain)
        assert plain.startswith(stored.prefix) and len(stored.prefix) < len(plain) // 2
        assert plain not in {value for value in vars(stored).values() if isinstance(value, str)}

    def test_every_token_is_different(self, person):
        assert token_create(user=person, name="A")[1] != token_create(user=person, name="B")[1]

    def test_a_name_is_required(self, person):
        with pytest.raises(ValidationError):
            token_create(user=person, name="   ")
        assert not APIToken.objects.exists()

    def test_the_plain_token_finds_its_owner(self, person):
        token, plain = token_create(user=person, name="A")
        assert token_authenticate(plain) == token
        assert token_authenticate(plain).user == person

    def test_wrong_revoked_and_deactivated_tokens_find_nobody(self, person):
        token, plain = token_create(user=person, name="A")
        assert token_authenticate(plain[:-1] + ("x" if plain[-1] != "x" else "y")) is None
        assert token_authenticate("not-a-token") is None
        token_revoke(token=token)
        assert token_authenticate(plain) is None
        _token, other = token_create(user=UserFactory(is_active=False), name="B")
        assert token_authenticate(other) is None

    def test_using_a_token_records_when(self, person, client):
        token, plain = token_create(user=person, name="A")
        client.get("/api/v1/me/enrolments", headers={"Authorization": f"Bearer {plain}"})
        token.refresh_from_db()
        assert token.last_used_at is not None


class TestCommand:
    def test_it_prints_the_token_as_the_last_line(self, person):
        out = StringIO()
        call_command("create_api_token", "Anna@Example.fi", "--name", "Raportit", stdout=out, stderr=StringIO())
        plain = out.getvalue().strip().splitlines()[-1]
        token = token_authenticate(plain)
        assert token is not None
        assert (token.user, token.name) == (person, "Raportit")

    def test_an_unknown_email_is_a_clear_error(self):
        with pytest.raises(CommandError, match=re.escape("No person with the email address 'nobody@example.fi'")):
            call_command("create_api_token", "nobody@example.fi", stdout=StringIO(), stderr=StringIO())
        assert not APIToken.objects.exists()

    def test_an_inactive_account_is_refused(self):
        UserFactory(email="gone@example.fi", is_active=False)
        with pytest.raises(CommandError, match="not active"):
            call_command("create_api_token", "gone@example.fi", stdout=StringIO(), stderr=StringIO())


class TestProfilePage:
    create_url = reverse("people:api_token_create")

    def revoke_url(self, token) -> str:
        return reverse("people:api_token_revoke", args=[token.pk])

    def test_creating_shows_the_token_once(self, client, person):
        sign_in_now(client, person)
        response = client.post(self.create_url, {"token-name": "Kalenteri"})
        assert response.status_code == 200
        plain = response.context["new_token"]
        token = token_authenticate(plain)
        assert (token.user, token.name) == (person, "Kalenteri")
        assert plain in response.content.decode()
        assert "no-store" in response["Cache-Control"]
        page = client.get(reverse("people:profile")).content.decode()
        assert plain not in page
        assert f"{token.prefix}…" in page and "Kalenteri" in page

    def test_a_name_is_required(self, client, person):
        sign_in_now(client, person)
        response = client.post(self.create_url, {"token-name": ""})
        assert response.status_code == 200
        assert response.context["token_form"].errors["name"]
        assert not APIToken.objects.exists()

    def test_creating_is_post_only(self, client, person):
        client.force_login(person)
        assert client.get(self.create_url).status_code == 405

    def test_the_list_shows_only_my_active_tokens(self, client, person):
        mine, _plain = token_create(user=person, name="Oma")
        revoked, _plain = token_create(user=person, name="Vanha")
        token_revoke(token=revoked)
        token_create(user=UserFactory(), name="Toisen")
        client.force_login(person)
        assert list(client.get(reverse("people:profile")).context["api_tokens"]) == [mine]

    def test_revoking_asks_for_confirmation_first(self, client, person):
        token, plain = token_create(user=person, name="Kalenteri")
        client.force_login(person)
        response = client.post(self.revoke_url(token))
        assert response.status_code == 200
        assert response.context["token_to_revoke"] == token
        # The page has no language prefix, so it is in the default language (not the person's API language).
        with translation.override(settings.LANGUAGE_CODE):
            question = gettext("Revoke the token “%(name)s”?") % {"name": "Kalenteri"}
        assert question in response.content.decode()
        assert token_authenticate(plain) is not None

    def test_confirming_revokes(self, client, person):
        token, plain = token_create(user=person, name="Kalenteri")
        client.force_login(person)
        response = client.post(self.revoke_url(token), {"confirm": "yes"})
        assert response.status_code == 302
        assert token_authenticate(plain) is None
        assert client.get(f"{reverse('people:profile')}").context["api_tokens"].count() == 0

    def test_revoking_is_post_only(self, client, person):
        token, plain = token_create(user=person, name="Kalenteri")
        client.force_login(person)
        assert client.get(self.revoke_url(token)).status_code == 405
        assert token_authenticate(plain) is not None

    def test_another_persons_token_cannot_be_revoked(self, client, person):
        token, plain = token_create(user=UserFactory(), name="Toisen")
        client.force_login(person)
        assert client.post(self.revoke_url(token), {"confirm": "yes"}).status_code == 404
        assert token_authenticate(plain) is not None

    def test_signing_in_is_required(self, client, person):
        token, _plain = token_create(user=person, name="Kalenteri")
        assert client.post(self.create_url, {"token-name": "X"}).status_code == 302
        assert client.post(self.revoke_url(token), {"confirm": "yes"}).status_code == 302
        assert APIToken.objects.count() == 1
        token.refresh_from_db()
        assert token.revoked_at is None


class TestPrivilegedTokens:
    """Creating a token needs a recent sign-in; tokens of coordinators and administrators need two-step verification."""

    def test_without_a_recent_sign_in_creating_asks_to_sign_in_again(self, client, person):
        client.force_login(person)  # a session, but no sign-in recorded in it
        response = client.post(reverse("people:api_token_create"), {"token-name": "Kalenteri"})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_reauthenticate"))
        assert not APIToken.objects.exists()
        client.post(response["Location"], {"password": "correct-horse-battery"})
        assert APIToken.objects.filter(user=person, name="Kalenteri").exists()  # the request resumed

    @pytest.mark.parametrize("role", [{"is_coordinator": True}, {"is_superuser": True, "is_staff": True}])
    def test_a_privileged_token_without_two_step_verification_is_refused_with_the_reason(self, client, role):
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        user = UserFactory(preferred_language="en", **role)
        _token, plain = token_create(user=user, name="Raportit")
        response = client.get("/api/v1/me/enrolments", headers={"Authorization": f"Bearer {plain}"})
        assert response.status_code == 403
        body = response.json()
        assert body["code"] == "two_step_required"
        assert "two-step verification" in body["message"]
        TOTP.activate(user, generate_totp_secret())
        assert client.get("/api/v1/me/enrolments", headers={"Authorization": f"Bearer {plain}"}).status_code == 200

    def test_a_staff_members_token_needs_no_two_step_verification(self, client, person):
        _token, plain = token_create(user=person, name="Kalenteri")
        assert client.get("/api/v1/me/enrolments", headers={"Authorization": f"Bearer {plain}"}).status_code == 200
