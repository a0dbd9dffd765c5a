"""Training pages under the language prefix; the calendar feed is mounted without one (config/urls.py)."""

from . import attendance, organiser, staff

app_name = "training"

urlpatterns = [*staff.urlpatterns, *organiser.urlpatterns, *attendance.urlpatterns]
