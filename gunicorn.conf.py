"""Gunicorn settings, from the environment: `gunicorn --config gunicorn.conf.py config.wsgi`.

HOST / PORT            where to listen (default 0.0.0.0:8000)
WEB_CONCURRENCY        worker processes (default 2 x CPUs + 1, at most 12)
GUNICORN_TIMEOUT       seconds before a silent worker is restarted (default 60: certificate PDFs)
FORWARDED_ALLOW_IPS    proxies whose X-Forwarded-* headers are trusted (default 127.0.0.1,::1)
GUNICORN_LOG_LEVEL     debug, info, warning, error (default info)
GUNICORN_MAX_REQUESTS  restart a worker after this many requests, with 10 % jitter (default 0: never)
"""

import os


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the CPUs this container may use
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _default_workers() -> int:
    return min(2 * _cpus() + 1, 12)


bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"  # noqa: S104 - inside a container
workers = int(os.environ.get("WEB_CONCURRENCY") or _default_workers())
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Workers are not recycled unless GUNICORN_MAX_REQUESTS asks (a leak to contain): a new worker boots
# for a second or two, and when two restart together nothing answers meanwhile.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10

# Behind a load balancer or reverse proxy that terminates TLS, list its addresses (or "*"
# when only the proxy can reach this port) so X-Forwarded-Proto is believed.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Access log on stdout, errors on stderr: the container runtime collects both.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Heartbeat files on tmpfs: an overlay file system can stall workers into timeouts.
_TMPFS = "/dev/shm"  # noqa: S108 - gunicorn's heartbeat files, no data
if os.path.isdir(_TMPFS) and os.access(_TMPFS, os.W_OK):
    worker_tmp_dir = _TMPFS

# No runtime control socket (gunicornc): nothing uses it, and it would need a writable home.
control_socket_disable = True
