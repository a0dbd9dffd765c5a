"""Signing in by email: verification, password reset, and emails in the recipient's language."""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.messages import get_messages
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from config.settings.base import PASSWORD_HASHERS as PRODUCTION_HASHERS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def sign_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


class TestEmailVerification:
    def test_signup_sends_a_verification_email_and_blocks_sign_in_until_confirmed(self, client, home):
        from tests.factories import OrganisationFactory

        OrganisationFactory(signup_domains="example.fi")  # volunteers of this organisation may sign up
        response = client.post(
            reverse("account_signup"),
            {
                "email": "vapaaehtoinen@example.fi",
                "password1": "Kohtaamispaikka-2025",
                "password2": "Kohtaamispaikka-2025",
            },
        )
        assert response.status_code == 302
        assert not is_signed_in(client)
        assert len(mail.outbox) == 1
        link = re.search(r"https?://[^/\s]+(/\S*confirm-email/\S+/)", mail.outbox[0].body).group(1)

        client.logout()
        response = sign_in(client, "vapaaehtoinen@example.fi", "Kohtaamispaikka-2025")
        assert not is_signed_in(client)
        assert response["Location"] == reverse("account_email_verification_sent")

        client.post(link)
        assert EmailAddress.objects.get(email="vapaaehtoinen@example.fi").verified
        sign_in(client, "vapaaehtoinen@example.fi", "Kohtaamispaikka-2025")
        assert is_signed_in(client)

    def test_verified_user_signs_in(self, client, home):
        user = UserFactory()
        response = sign_in(client, user.email)
        assert response.status_code == 302
        assert is_signed_in(client)

    def test_wrong_password_redisplays_the_form_with_the_email(self, client, home):
        user = UserFactory()
        response = sign_in(client, user.email, "wrong-password")
        assert response.status_code == 200
        assert user.email in response.content.decode()
        assert not is_signed_in(client)


def test_password_reset_sends_a_link(client, home):
    user = UserFactory()
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_email_is_sent_in_the_recipients_language(client, home):
    user = UserFactory(preferred_language="sv")
    client.post(reverse("account_reset_password"), {"email": user.email})
    assert len(mail.outbox) == 1
    finnish = UserFactory(preferred_language="fi")
    client.post(reverse("account_reset_password"), {"email": finnish.email})
    assert mail.outbox[0].subject != mail.outbox[1].subject


def test_failed_sign_ins_are_rate_limited(client, home):
    user = UserFactory()
    for _ in range(5):
        sign_in(client, user.email, "wrong-password")
    response = sign_in(client, user.email)
    assert not is_signed_in(client)
    assert response.status_code in (200, 429)


class TestMFA:
    @pytest.mark.parametrize("role", [{"is_superuser": True, "is_staff": True}, {"is_coordinator": True}])
    def test_privileged_roles_must_set_up_totp_before_they_get_in(self, client, home, role):
        user = UserFactory(**role)
        sign_in(client, user.email)
        response = client.get("/")
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
        # allauth asks for the password once more before an authenticator is added.
        response = client.get(reverse("mfa_activate_totp"))
        assert response["Location"].startswith(reverse("account_reauthenticate"))
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        response = client.get(reverse("mfa_activate_totp"))
        assert response.status_code == 200
        assert "svg" in response.content.decode()  # the QR code to scan

    def test_staff_member_gets_in_without_totp(self, client, home):
        user = UserFactory()
        sign_in(client, user.email)
        assert client.get("/").status_code == 200

    @override_settings(MFA_REQUIRED_FOR_PRIVILEGED=False)
    def test_enforcement_can_be_relaxed_for_the_demo(self, client, home):
        user = UserFactory(is_coordinator=True)
        sign_in(client, user.email)
        assert client.get("/").status_code == 200

    def test_administrator_with_totp_signs_in_with_a_code(self, client, home):
        user = UserFactory(is_superuser=True, is_staff=True)
        secret = generate_totp_secret()
        TOTP.activate(user, secret)

        response = sign_in(client, user.email)
        assert response["Location"] == reverse("mfa_authenticate")
        assert not is_signed_in(client)

        code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
        response = client.post(reverse("mfa_authenticate"), {"code": code})
        assert response.status_code == 302
        assert is_signed_in(client)
        assert client.get("/").status_code == 200
        assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    def test_mfa_covers_the_wagtail_admin(self, client, home):
        user = UserFactory(is_superuser=True, is_staff=True)
        sign_in(client, user.email)
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")


def test_wagtail_admin_signs_in_through_allauth(client, home):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=/admin/pages/"


OIDC_PROVIDERS = {
    "openid_connect": {
        **settings.SOCIALACCOUNT_PROVIDERS["openid_connect"],
        "APPS": [
            {
                "provider_id": "entra",
                "name": "Hyvinvointialueen tunnus",
                "client_id": "client-id",
                "secret": "client-secret",
                "settings": {"server_url": "https://login.example.fi/tenant/v2.0"},
            }
        ],
    }
}


@override_settings(SOCIALACCOUNT_PROVIDERS=OIDC_PROVIDERS)
def test_organisation_sso_appears_on_the_login_page_when_configured(client, home):
    response = client.get(reverse("account_login"))
    content = response.content.decode()
    assert "Hyvinvointialueen tunnus" in content
    assert "/accounts/oidc/entra/login/" in content


def test_no_sso_button_without_configuration(client, home):
    assert "/accounts/oidc/" not in client.get(reverse("account_login")).content.decode()


def test_sign_in_continues_in_the_preferred_language(client, home):
    user = UserFactory(preferred_language="sv")
    assert sign_in(client, user.email)["Location"] == "/sv/"


def signed_in_message(response) -> str:
    (message,) = get_messages(response.wsgi_request)
    return str(message)


SIGNED_IN = "Successfully signed in as %(name)s."  # allauth's, translated in its own catalogue


def in_language(language: str, user) -> str:
    with translation.override(language):
        return translation.gettext(SIGNED_IN) % {"name": user.get_full_name()}


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("preferred", ["fi", "sv", "en"])
def test_signing_in_on_a_swedish_or_english_page_continues_in_that_language(client, home, language, preferred):
    user = UserFactory(preferred_language=preferred)
    response = client.post(f"/{language}/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response["Location"] == f"/{language}/"
    assert signed_in_message(response) == in_language(language, user)


def test_the_message_speaks_the_preferred_language_the_person_continues_in(client, home):
    user = UserFactory(preferred_language="sv")
    response = sign_in(client, user.email)
    assert response["Location"] == "/sv/"
    assert signed_in_message(response) == in_language("sv", user)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_page_the_person_came_from_keeps_its_language(client, home, language):
    user = UserFactory(preferred_language="fi")
    response = client.post(
        f"/{language}/accounts/login/?next=/{language}/my-trainings/", {"login": user.email, "password": PASSWORD}
    )
    assert response["Location"] == f"/{language}/my-trainings/"
    assert signed_in_message(response) == in_language(language, user)


class TestPasswordHashing:
    """Production hashes with Argon2 (config.settings.base); the test settings keep a fast hasher."""

    def test_argon2_is_the_first_hasher_in_production(self):
        assert PRODUCTION_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"

    def test_an_older_hash_is_remade_with_argon2_on_the_next_sign_in(self, client, home):
        user = UserFactory()
        with override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS):
            user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
            user.save(update_fields=["password"])
            response = sign_in(client, user.email)
            assert response.status_code == 302
            assert is_signed_in(client)
            user.refresh_from_db()
            assert user.password.startswith("argon2$")
            assert user.check_password(PASSWORD)

    def test_a_wrong_password_leaves_the_older_hash_as_it_was(self, client, home):
        user = UserFactory()
        with override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS):
            user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
            user.save(update_fields=["password"])
            sign_in(client, user.email, "wrong-password")
            user.refresh_from_db()
            assert user.password.startswith("pbkdf2_sha256$")
