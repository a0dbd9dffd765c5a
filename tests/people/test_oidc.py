"""Organisation sign-in (OpenID Connect) against a local identity provider, from pages in every language."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.contrib.messages import get_messages
from django.utils import translation

from tests.factories import UserFactory

from .fake_identity_provider import CLIENT_ID, CLIENT_SECRET, FakeIdentityProvider, Person

pytestmark = pytest.mark.django_db

CALLBACK = "http://testserver/accounts/oidc/organisation/login/callback/"
# allauth's messages, translated in its own catalogue
SIGNED_IN = "Successfully signed in as %(name)s."
LOGIN_FAILURE = "Third-Party Login Failure"


@pytest.fixture(scope="module")
def identity_provider():
    provider = FakeIdentityProvider(redirect_uris=[CALLBACK])
    yield provider
    provider.stop()


@pytest.fixture
def idp(identity_provider, settings):
    """The provider, configured as the project's settings configure it: only the app differs."""
    identity_provider.authorisations.clear()
    identity_provider.token_requests.clear()
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            **settings.SOCIALACCOUNT_PROVIDERS["openid_connect"],
            "APPS": [
                {
                    "provider_id": "organisation",
                    "name": "Hyvinvointialueen tunnus",
                    "client_id": CLIENT_ID,
                    "secret": CLIENT_SECRET,
                    "settings": {"server_url": identity_provider.issuer},
                }
            ],
        }
    }
    return identity_provider


@pytest.fixture
def person(idp):
    user = UserFactory(first_name="Saga", last_name="Lindqvist", preferred_language="fi")
    user.unit.organisation.signup_domains = "example.fi"  # the organisation's own domain
    user.unit.organisation.save()
    idp.person = Person(sub="entra-object-id-1", email=user.email)
    return user


def start(client, login_page: str):
    """Press the organisation button on ``login_page`` and confirm: the redirect to the provider."""
    page = client.get(login_page).content.decode()
    href = html.unescape(re.search(r'href="([^"]*/accounts/oidc/organisation/login/[^"]*)"', page).group(1))
    return client.post(href)


def sign_in(client, login_page: str):
    """The whole round: our site, the provider (which signs the person in at once), the callback."""
    to_provider = start(client, login_page)
    assert to_provider.status_code == 302
    at_provider = requests.get(to_provider["Location"], allow_redirects=False, timeout=5)
    assert at_provider.status_code == 302, at_provider.text
    return client.get(at_provider.headers["Location"])


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize(
    ("language", "login_page", "lands_on"),
    [
        ("fi", "/accounts/login/?next=/", "/"),
        ("sv", "/sv/accounts/login/?next=/sv/", "/sv/"),
        ("en", "/en/accounts/login/?next=/en/", "/en/"),
    ],
)
def test_sign_in_completes_from_every_language_through_one_callback(
    client, home, idp, person, language, login_page, lands_on
):
    response = sign_in(client, login_page)

    (authorisation,) = idp.authorisations
    assert authorisation["redirect_uri"] == CALLBACK
    assert authorisation["code_challenge_method"] == "S256" and authorisation["code_challenge"]
    assert authorisation["nonce"]
    assert authorisation["ui_locales"] == language
    (token_request,) = idp.token_requests
    assert token_request["redirect_uri"] == CALLBACK and token_request["code_verifier"]

    assert is_signed_in(client)
    assert int(client.session["_auth_user_id"]) == person.pk
    assert SocialAccount.objects.get(user=person).uid == "entra-object-id-1"
    assert response.status_code == 302 and response["Location"] == lands_on
    with translation.override(language):
        expected = translation.gettext(SIGNED_IN) % {"name": "Saga Lindqvist"}
    assert [str(message) for message in get_messages(response.wsgi_request)] == [expected]
    page = client.get(response["Location"])
    assert f'lang="{language}"' in page.content.decode()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_without_a_next_the_person_lands_on_the_home_page_in_the_starting_language(client, home, idp, person, language):
    response = sign_in(client, f"/{language}/accounts/login/")
    assert response["Location"] == f"/{language}/"


def test_from_the_default_language_without_a_next_the_preferred_language_follows(client, home, idp, person):
    person.preferred_language = "sv"
    person.save()
    response = sign_in(client, "/accounts/login/")
    assert response["Location"] == "/sv/"
    with translation.override("sv"):
        expected = translation.gettext(SIGNED_IN) % {"name": "Saga Lindqvist"}
    assert [str(message) for message in get_messages(response.wsgi_request)] == [expected]


def test_an_id_token_without_this_sign_ins_nonce_is_refused(client, home, idp, person, monkeypatch):
    issue = idp.id_token
    monkeypatch.setattr(idp, "id_token", lambda *, nonce: issue(nonce="replayed-from-another-sign-in"))
    response = sign_in(client, "/sv/accounts/login/?next=/sv/")
    assert not is_signed_in(client)
    assert response.status_code == 401
    with translation.override("sv"):
        assert translation.gettext(LOGIN_FAILURE) in response.content.decode()


def test_a_cancelled_sign_in_returns_to_the_starting_language(client, home, idp, person):
    to_provider = start(client, "/sv/accounts/login/")
    state = parse_qs(urlsplit(to_provider["Location"]).query)["state"][0]
    response = client.get(f"{CALLBACK}?error=access_denied&state={state}")
    assert response.status_code == 302
    assert response["Location"].startswith("/sv/accounts/")
    assert not is_signed_in(client)


# Connecting an existing account: only on a verified, stable identifier
# ------------------------------------------------------------------------------


@pytest.mark.parametrize("claim", [False, "false", None], ids=["false", "text-false", "absent"])
def test_an_unverified_email_claim_never_connects_an_existing_account(client, home, idp, person, claim):
    idp.person.email_verified = claim
    sign_in(client, "/accounts/login/")
    assert not is_signed_in(client) or int(client.session["_auth_user_id"]) != person.pk
    assert not SocialAccount.objects.filter(user=person).exists()


def test_a_verified_email_outside_the_organisations_domains_does_not_connect(client, home, idp, person):
    person.unit.organisation.signup_domains = "phhyky.fi"
    person.unit.organisation.save()
    sign_in(client, "/accounts/login/")
    assert not is_signed_in(client)
    assert not SocialAccount.objects.filter(user=person).exists()


def test_a_verified_email_of_an_allowed_domain_connects_and_then_the_subject_alone_does(client, home, idp, person):
    sign_in(client, "/accounts/login/")
    assert int(client.session["_auth_user_id"]) == person.pk
    client.logout()
    idp.person.email_verified = False  # the subject is now linked: it is what identifies the person
    person.unit.organisation.signup_domains = ""
    person.unit.organisation.save()
    sign_in(client, "/accounts/login/")
    assert int(client.session["_auth_user_id"]) == person.pk


def test_an_unverified_new_address_cannot_create_an_account(client, home, idp, person):
    idp.person = type(idp.person)(sub="entra-object-id-2", email="uusi@example.fi", email_verified=False)
    sign_in(client, "/accounts/login/")
    assert not is_signed_in(client)
    assert not SocialAccount.objects.filter(uid="entra-object-id-2").exists()
