"""The WSGI entry point for gunicorn.

Each worker imports the URLconf (and with it every view and API module) while it boots, before it
accepts a connection: left to the first request, that import holds the request for most of a second,
and again after every restart of a worker (gunicorn.conf.py's max_requests).
"""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 - imported for its side effect: the URLconf loaded now
