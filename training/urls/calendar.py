"""Calendar files, mounted at /calendar/ without a language prefix (config/urls.py)."""

from django.urls import path

import core.converters  # noqa: F401  (registers the "id" converter)

from ..views import calendar

app_name = "calendar"

urlpatterns = [
    path("sessions/<id:pk>.ics", calendar.session_ics, name="session"),
    path("<str:token>.ics", calendar.feed, name="feed"),
]
