"""Settings of `python -m bench http` and `python -m bench load`: production's, plus the floor page.

Everything is config.settings.production (DEBUG off, the same middleware, PostgreSQL and Redis from
DATABASE_URL and REDIS_URL) except what a benchmark on the loopback needs: plain HTTP, the loopback host,
a fixed secret key shared by the bench and its gunicorn (API tokens are HMAC digests keyed with it), the
floor page's URLconf, a cache key prefix per database (scales do not share cached fragments) and sign-in
rate limits high enough for a load generator on one address. Never used to serve people.
"""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-never-used-outside-the-loopback-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "False")

from config.settings.production import *  # noqa: F403
from config.settings.production import BASE_DIR, CACHES, DATABASES, TEMPLATES

ROOT_URLCONF = "bench.urls"
TEMPLATES = [{**TEMPLATES[0], "DIRS": [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]}]
CACHES = {**CACHES, "default": {**CACHES["default"], "KEY_PREFIX": f"bench-{DATABASES['default']['NAME']}"}}

# One address sends every sign-in of the benchmark: the per-address limits would answer 429 after 30.
ACCOUNT_RATE_LIMITS = {
    "login": "1000000/m/ip",
    "login_failed": "1000000/m/ip,1000000/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}

# The size in bytes of the floor page (bench.views.floor): the bench sets it to the catalogue's.
BENCH_FLOOR_BYTES = int(os.environ.get("BENCH_FLOOR_BYTES", "44000"))
# Plain HTTP on the loopback: the load generator sends the cookies back without TLS.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
