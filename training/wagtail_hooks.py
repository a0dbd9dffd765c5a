"""The training app in the Wagtail admin, registered here: sessions and feedback forms (their views in viewsets/)."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .viewsets.feedback import FeedbackFormViewSet
from .viewsets.sessions import SessionViewSet


@hooks.register("register_admin_viewset")
def register_session_viewset():
    return SessionViewSet()


# Feedback forms: a snippet with its questions inline.
register_snippet(FeedbackFormViewSet)
