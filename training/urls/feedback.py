"""Feedback pages, in the "training" namespace under the language prefix."""

from django.urls import path, re_path

import core.converters  # noqa: F401  (registers the "id" converter)

from ..views import feedback

urlpatterns = [
    path("feedback/<id:pk>/", feedback.answer, name="feedback_answer"),
    path("organiser/sessions/<id:pk>/feedback/", feedback.session_results, name="feedback_session"),
    re_path(
        r"^organiser/sessions/(?P<pk>[0-9]{1,18})/feedback\.(?P<extension>csv|xlsx)$",
        feedback.session_results,
        name="feedback_session_export",
    ),
    path("organiser/feedback/courses/<id:pk>/", feedback.course_results, name="feedback_course"),
    re_path(
        r"^organiser/feedback/courses/(?P<pk>[0-9]{1,18})/feedback\.(?P<extension>csv|xlsx)$",
        feedback.course_results,
        name="feedback_course_export",
    ),
]
