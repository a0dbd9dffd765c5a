"""Local development (`make run`)."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# The development server starts a thread per request: a connection kept for the next one would only linger.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)  # noqa: F405
# The demo logins of `make run` may skip MFA set-up; production always enforces it.
MFA_REQUIRED_FOR_PRIVILEGED = env.bool("MFA_REQUIRED_FOR_PRIVILEGED", default=False)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}


def _served_at(host: str, port: str) -> str:
    """The address of the development server listening on host:port, as a browser on this machine reaches it."""
    if host in {"", "0.0.0.0", "::"}:  # noqa: S104 - listening everywhere; links name this machine
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


# `make run` passes HOST and PORT to the server, the task worker and the demo loader, so that the
# links they print and mail point at the server that is running.
SITE_URL = env("SITE_URL", default=None) or _served_at(env("HOST", default="127.0.0.1"), env("PORT", default="8000"))
WAGTAILADMIN_BASE_URL = SITE_URL
