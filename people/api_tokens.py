"""Personal API tokens: create, revoke, and resolve a presented token to its owner.

The tokens are Wagtail's own (``wagtail.models.APIToken``): only an HMAC-SHA-256 digest is
stored (keyed with SECRET_KEY, so SECRET_KEY_FALLBACKS keep tokens valid through a key
rotation), the plain text is returned once at creation, and a short prefix is kept so people
can tell their tokens apart. The same token also opens Wagtail's own API.

Tokens of administrators and coordinators work only while their owner has two-step verification
set up (a token of such a person without it is refused with 403 ``two_step_required``), and a
token is created only after a recent sign-in (the profile view asks to re-authenticate).
"""

from __future__ import annotations

import time

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import SessionAuth as NinjaSessionAuth
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.models import APIToken

from .models import User

NAME_MAX_LENGTH = APIToken._meta.get_field("name").max_length


# Writes
# ------------------------------------------------------------------------------


def token_create(*, user: User, name: str) -> tuple[APIToken, str]:
    """Create a token for ``user``; returns the token and its plain text, which is not stored anywhere."""
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the token a name."), code="name_required")
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(
            _("The name can be at most %(max)s characters long.") % {"max": NAME_MAX_LENGTH}, code="name_too_long"
        )
    return APIToken.create_token(user=user, name=name)


def token_revoke(*, token: APIToken) -> APIToken:
    """Revoke ``token`` at once; the row stays (when it was created, last used and revoked)."""
    if token.revoked_at is None:
        token.revoke()
    return token


# Reads
# ------------------------------------------------------------------------------


def tokens_of(user: User) -> QuerySet[APIToken]:
    """The user's active tokens, newest first."""
    return APIToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-created")


def token_authenticate(plain: str) -> APIToken | None:
    """The active token whose plain text is ``plain``, with its (active) owner; else None. One query."""
    plain = plain.strip()
    if not APIToken.validate_token_format(plain):
        return None  # cannot exist: spare the database
    return (
        APIToken.objects.select_related("user")
        .filter(key_hash__in=APIToken.candidate_key_hashes(plain), revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def get_token_for_user(user: User, pk: int) -> APIToken:
    """One of the user's own active tokens, else 404 (another person's token cannot be told apart)."""
    try:
        return tokens_of(user).get(pk=pk)
    except APIToken.DoesNotExist:
        raise Http404 from None


# Authentication for the HTTP API (django-ninja)
# ------------------------------------------------------------------------------
# ``request.auth`` is the person (a ``User``); AllowAnonymous makes it an AnonymousUser.


class InvalidToken(AuthenticationError):
    """A bearer token was sent but is unknown, revoked, or its owner's account is inactive."""


class CsrfFailed(HttpError):
    def __init__(self) -> None:
        super().__init__(403, "CSRF check failed")


class TwoStepRequired(HttpError):
    """The token is right, but its owner's role needs two-step verification, which they have not set up."""

    def __init__(self) -> None:
        super().__init__(403, "Two-step verification required")


def signed_in_recently(request: HttpRequest) -> bool:
    """Whether the person signed in, or confirmed their password or code, within allauth's re-authentication
    timeout (ACCOUNT_REAUTHENTICATION_TIMEOUT, 5 minutes by default) in this session."""
    from allauth.account import app_settings
    from allauth.account.authentication import get_authentication_records

    records = get_authentication_records(request, request.user)
    return any(time.time() - record.get("at", 0) < app_settings.REAUTHENTICATION_TIMEOUT for record in records)


def has_two_step_verification(user: User) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def token_refusal(user: User) -> HttpError | None:
    """Why a valid token of ``user`` may not be used: privileged roles need two-step verification."""
    # The privileged roles (people.access.PRIVILEGED_ROLES) are flags on the person: no query for everyone else.
    if (user.is_coordinator or user.is_superuser) and not has_two_step_verification(user):
        return TwoStepRequired()
    return None


class BearerAuth(BearerTokenAuth):
    """``Authorization: Bearer <token>`` with a personal token. A wrong token is a 401, never a fallback.

    Wagtail's resolution (digest lookup, inactive owners refused, ``last_used_at`` refreshed at
    most once a minute); ``request.auth`` is the person rather than the token.
    """

    def authenticate(self, request: HttpRequest, token: str) -> User:
        if not APIToken.validate_token_format(token.strip()) or super().authenticate(request, token.strip()) is None:
            raise InvalidToken
        if refusal := token_refusal(request.user):
            request.auth = request.user  # so that the refusal is explained in the person's own language
            raise refusal
        return request.user


class SessionAuth(NinjaSessionAuth):
    """The signed-in web session (the docs page uses it). Unsafe methods need the CSRF token.

    Unlike ninja's own, it checks CSRF only when there is a signed-in user, so an anonymous
    POST gets 401 (sign in) rather than 403 (CSRF).
    """

    def __call__(self, request: HttpRequest) -> User | None:
        if not request.user.is_authenticated:
            return None
        try:
            return super().__call__(request)
        except HttpError as error:
            raise CsrfFailed from error


class AllowAnonymous:
    """The last resort of public endpoints: anyone, as an AnonymousUser (not shown in the OpenAPI schema)."""

    def __call__(self, request: HttpRequest) -> AnonymousUser:
        return AnonymousUser()


def api_language(request: HttpRequest) -> str:
    """The language of an API answer: the authenticated person's preferred one, else Accept-Language.

    LocaleMiddleware cannot tell: /api/ has no language prefix, which it reads as Finnish.
    """
    user = getattr(request, "auth", None)
    if getattr(user, "is_authenticated", False) and user.preferred_language:
        return user.preferred_language
    return translation.get_language_from_request(request)


def signed_in_auth() -> list:
    return [BearerAuth(), SessionAuth()]


def optional_auth() -> list:
    """For public endpoints: a token or session is used when sent (a wrong token is still a 401)."""
    return [BearerAuth(), SessionAuth(), AllowAnonymous()]
