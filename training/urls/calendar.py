"""Calendar files, mounted at /calendar/ without a language prefix (config/urls.py)."""

from django.urls import path

from ..views import calendar

app_name = "calendar"

urlpatterns = [
    path("sessions/<int:pk>.ics", calendar.session_ics, name="session"),
    path("<str:token>.ics", calendar.feed, name="feed"),
]
