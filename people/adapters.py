"""allauth adapters: who may sign up, the language after signing in, emails through the task queue, and the
organisation sign-in's checks (see people.signup for the sign-up and connection rules)."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import get_next_redirect_url
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.helpers import render_authentication_error
from allauth.socialaccount.models import SocialLogin
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import translate_url
from django.utils import translation

from . import signup, sso
from .tasks import send_email


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """Closed unless this session holds an invitation or some organisation lets a domain sign up; the
        address itself is checked by the sign-up form (people.forms.SignupForm)."""
        return signup.is_open(request)

    def save_user(self, request: HttpRequest, user, form, commit: bool = True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            signup.invitation_accept(request=request, user=user)
        return user

    def post_login(self, request: HttpRequest, user, *, redirect_url: str | None, **kwargs) -> HttpResponse:
        """Continue in the language of the page where the person signed in: the confirmation message and,
        without a `next`, the home page. Signing in on a page in the default language, where everyone
        arrives first, they continue in their preferred language instead."""
        language = translation.get_language()
        if language == settings.LANGUAGE_CODE and not (redirect_url or get_next_redirect_url(request)):
            language = getattr(user, "preferred_language", "") or language
        with translation.override(language):
            return super().post_login(request, user, redirect_url=redirect_url, **kwargs)

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """LOGIN_REDIRECT_URL in the active language (the setting is the default language's address)."""
        language = translation.get_language()
        with translation.override(settings.LANGUAGE_CODE):
            return translate_url(super().get_login_redirect_url(request), language)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render allauth's messages in the recipient's language and send them through the task queue."""
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
        html = next(
            (content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), ""
        )
        send_email.enqueue(
            subject=str(message.subject),
            body=message.body,
            to=list(message.to),
            from_email=message.from_email,
            html=html,
        )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Organisation SSO: an existing account is connected only on a verified, stable identifier.

    allauth first looks the provider's subject up among linked accounts; failing that, it asks
    ``authenticate_by_email``, which here accepts only an address the provider marks verified and
    that the person's organisation allows (people.signup.may_connect_by_email).
    """

    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        """A new account through the organisation sign-in: invited, or a verified address of an allowed domain."""
        if signup.invitation_from_session(request) is not None:
            return True
        domains = signup.allowed_domains()
        return any(
            signup.is_true(address.verified) and signup.domain_of(address.email) in domains
            for address in sociallogin.email_addresses
        )

    def authenticate_by_email(self, sociallogin: SocialLogin):
        for address in sociallogin.email_addresses:
            if not signup.is_true(address.verified):
                continue  # an unverified claim never connects to anyone's account
            found = super().authenticate_by_email(_with_only(sociallogin, address))
            if found and signup.may_connect_by_email(found[0], found[1], verified=True):
                return found
        return None

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        """The callback has no language prefix: go on in the sign-in's language, and only with its ID token."""
        sso.continue_in_starting_language(sociallogin.state)
        if not sso.id_token_nonce_matches(sociallogin):
            provider = sociallogin.account.get_provider(request)
            raise ImmediateHttpResponse(
                render_authentication_error(
                    request,
                    provider,
                    exception=OAuth2Error("The ID token does not carry this sign-in's nonce"),
                    extra_context={"state": sociallogin.state},
                )
            )

    def on_authentication_error(
        self, request: HttpRequest, provider, error=None, exception=None, extra_context: dict | None = None
    ) -> None:
        """A failed or cancelled organisation sign-in is explained in the language it started in."""
        sso.continue_in_starting_language((extra_context or {}).get("state"))
        super().on_authentication_error(request, provider, error, exception, extra_context)


def _with_only(sociallogin: SocialLogin, address) -> SocialLogin:
    """A view of ``sociallogin`` offering allauth's lookup one address, marked verified as a plain bool."""
    address.verified = True

    class _One:
        email_addresses = [address]

        def __getattr__(self, name):
            return getattr(sociallogin, name)

    return _One()
