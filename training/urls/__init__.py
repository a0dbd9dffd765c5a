"""Training pages under the language prefix; the calendar feed is mounted without one (config/urls.py)."""

from . import certificates, demand, organiser, staff
from .feedback import urlpatterns as feedback_urlpatterns

app_name = "training"

urlpatterns = [*staff.urlpatterns, *organiser.urlpatterns, *demand.urlpatterns]
urlpatterns += feedback_urlpatterns
urlpatterns += certificates.urlpatterns
