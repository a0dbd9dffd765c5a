from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.urls import translate_url
from django.utils import translation

from .tasks import send_email


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request) -> str:
        """After signing in, continue in the person's preferred language."""
        url = super().get_login_redirect_url(request)
        language = getattr(request.user, "preferred_language", "")
        return translate_url(url, language) if language else url

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
    """Organisation SSO: accounts are matched by their verified email address."""
