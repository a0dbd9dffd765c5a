"""Calendar files, mounted at /calendar/ without a language prefix (config/urls.py).

`page_urlpatterns` are the person's calendar pages, in the "training" namespace under the language prefix.
"""

from django.urls import path

import core.converters  # noqa: F401  (registers the "id" converter)

from ..views import calendar

app_name = "calendar"

urlpatterns = [
    path("sessions/<id:pk>.ics", calendar.session_ics, name="session"),
    path("<str:token>.ics", calendar.feed, name="feed"),
]

page_urlpatterns = [
    path("calendar/new-address/", calendar.feed_regenerate, name="calendar_feed_regenerate"),
]
