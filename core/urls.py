"""Absolute addresses on the public SITE_URL (not the request's host), for the API, emails and files."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """``SITE_URL`` + ``path`` (an absolute path such as ``/koulutukset/``)."""
    return settings.SITE_URL.rstrip("/") + path
