"""Training pages under the language prefix; the calendar feed is mounted without one (config/urls.py)."""

from . import attendance, certificates, demand, organiser, staff
from .feedback import urlpatterns as feedback_urlpatterns

app_name = "training"

urlpatterns = [*staff.urlpatterns, *organiser.urlpatterns, *attendance.urlpatterns, *demand.urlpatterns]
urlpatterns += feedback_urlpatterns
urlpatterns += certificates.urlpatterns
