"""Training pages under the language prefix; the calendar feed is mounted without one (config/urls.py)."""

from . import attendance, certificates, enrolments, organiser
from .calendar import page_urlpatterns as calendar_page_urlpatterns
from .feedback import urlpatterns as feedback_urlpatterns

app_name = "training"

urlpatterns = [*enrolments.urlpatterns, *organiser.urlpatterns, *attendance.urlpatterns]
urlpatterns += feedback_urlpatterns
urlpatterns += certificates.urlpatterns
urlpatterns += calendar_page_urlpatterns
