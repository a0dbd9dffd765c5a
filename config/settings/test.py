"""Test settings: fast hasher, local-memory cache, tasks run immediately."""

from .base import *  # noqa: F403

SECRET_KEY = "test-secret-key-not-for-production-use-0123456789abcdef"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "template_fragments": {"BACKEND": "core.cache.VersionedFragmentCache"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MFA_REQUIRED_FOR_PRIVILEGED = True
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Static files come from the app finders; nothing is collected for tests.
WHITENOISE_AUTOREFRESH = True

# Django's backends, restoring the database faster after a transactional test (tests/db).
DATABASES["default"]["ENGINE"] = {  # noqa: F405
    "django.db.backends.postgresql": "tests.db.postgresql",
    "django.db.backends.sqlite3": "tests.db.sqlite3",
}[DATABASES["default"]["ENGINE"]]  # noqa: F405
# A file (not memory) so that --reuse-db skips re-running every migration on each test run.
if DATABASES["default"]["ENGINE"] == "tests.db.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}  # noqa: F405
elif DATABASES["default"]["ENGINE"] == "tests.db.postgresql":  # noqa: F405
    # The test databases are thrown away: a commit need not wait for the disk.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
