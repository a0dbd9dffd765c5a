"""The project's URLs: the language-prefixed pages of every app, the API, the admin and the calendar feed."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from .api import api
from .views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # The Wagtail admin signs in through allauth, so its rate limits and MFA cover the admin too.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    path("calendar/", include("training.urls.calendar")),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("", include("people.urls")),
    path("", include("training.urls")),
    path("", include("competencies.urls")),
    path("", include("reporting.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.urls import re_path

    from core.private_files import public_media

    # Public media only (Wagtail's images); private files are in another storage, streamed by the views
    # that check access (core.private_files).
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", public_media)]
