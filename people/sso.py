"""Organisation sign-in over OpenID Connect: one callback address for every language, PKCE and a nonce.

allauth's ``openid_connect`` provider with three changes (settings name this class as its
``provider_class``):

* The redirect URI is the callback reversed in the default language, which has no prefix, so the
  identity provider (e.g. Entra ID) needs one address registered, ``/accounts/oidc/<id>/login/callback/``,
  whatever language the person reads the site in. The provider sends the person back there, so the
  callback runs in the default language and allauth's callback view exchanges the code with the
  same address.
* The state remembers the language the sign-in started in. The callback has no prefix and so starts
  in the default language; ``continue_in_starting_language`` switches back before anything is shown.
* A nonce goes with the authorisation request and must come back in the ID token
  (``id_token_nonce_matches``): a token issued for another sign-in is refused.

PKCE (S256) is switched on in settings (``OAUTH_PKCE_ENABLED``).
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from allauth.socialaccount.models import SocialLogin
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class OrganisationOAuth2Adapter(OpenIDConnectOAuth2Adapter):
    def get_callback_url(self, request: HttpRequest, app) -> str:
        # The default language has no prefix (prefix_default_language=False): one address for all.
        with translation.override(settings.LANGUAGE_CODE):
            return super().get_callback_url(request, app)


class OrganisationProvider(OpenIDConnectProvider):
    package = "allauth.socialaccount.providers.openid_connect"  # its URLs are allauth's
    oauth2_adapter_class = OrganisationOAuth2Adapter

    def redirect(
        self, request: HttpRequest, process, next_url: str | None = None, data=None, **kwargs: Any
    ) -> HttpResponse:
        language = translation.get_language()
        nonce = secrets.token_urlsafe(32)
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        # ui_locales asks the identity provider to show its own pages in the same language.
        auth_params = {"ui_locales": language, **auth_params, "nonce": nonce}
        return super().redirect(
            request, process, next_url, data, auth_params=auth_params, language=language, nonce=nonce, **kwargs
        )


def continue_in_starting_language(state: dict[str, Any] | None) -> None:
    """Activate the language the sign-in started in, kept in allauth's state by ``OrganisationProvider``."""
    language = (state or {}).get("language")
    if language in dict(settings.LANGUAGES):
        translation.activate(language)


def id_token_nonce_matches(sociallogin: SocialLogin) -> bool:
    """Whether the ID token carries the nonce this sign-in sent; True for sign-ins that sent none."""
    expected = sociallogin.state.get("nonce")
    if expected is None:
        return True
    claims = (sociallogin.account.extra_data or {}).get("id_token") or {}
    return hmac.compare_digest(str(claims.get("nonce", "")), expected)
