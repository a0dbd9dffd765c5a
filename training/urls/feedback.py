"""Feedback pages, in the "training" namespace under the language prefix."""

from django.urls import path, re_path

from ..views import feedback

urlpatterns = [
    path("feedback/<int:pk>/", feedback.answer, name="feedback_answer"),
    path("organiser/sessions/<int:pk>/feedback/", feedback.session_results, name="feedback_session"),
    re_path(
        r"^organiser/sessions/(?P<pk>[0-9]+)/feedback\.(?P<extension>csv|xlsx)$",
        feedback.session_results,
        name="feedback_session_export",
    ),
    path("organiser/feedback/courses/<int:pk>/", feedback.course_results, name="feedback_course"),
    re_path(
        r"^organiser/feedback/courses/(?P<pk>[0-9]+)/feedback\.(?P<extension>csv|xlsx)$",
        feedback.course_results,
        name="feedback_course_export",
    ),
]
