"""Benchmarks of the running application: `make bench` or `python -m bench [--requests N] [names...]`.

Runs against the development database (config.settings.dev, db.sqlite3) or the database of
DATABASE_URL (PostgreSQL for the figures of record), with the demo data at --scale (default 10).
'http' serves the same database with gunicorn under the production settings. Prints a table; timings are
never asserted. `DEBUG=False make bench` measures without Django's debug overhead.

Each benchmark is a function taking the options and returning table rows; add new ones
(gunicorn under load, enrolments per second, certificate PDFs) to BENCHMARKS.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent / "results"


@dataclass
class Row:
    """One line of the results table: `count` operations timed one by one."""

    name: str
    count: int
    samples_ms: list[float] = field(repr=False)
    total_s: float
    queries: list[int] = field(default_factory=list, repr=False)

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95_ms(self) -> float:
        if len(self.samples_ms) < 2:
            return self.samples_ms[0]
        return statistics.quantiles(self.samples_ms, n=20, method="inclusive")[18]

    @property
    def per_second(self) -> float:
        return self.count / self.total_s if self.total_s else float("inf")

    @property
    def queries_label(self) -> str:
        if not self.queries:
            return "-"
        low, high = min(self.queries), max(self.queries)
        return str(low) if low == high else f"{low}-{high}"

    def summary(self) -> dict:
        data = asdict(self)
        del data["samples_ms"]
        data.update(p50_ms=self.p50_ms, p95_ms=self.p95_ms, per_second=self.per_second)
        return data


# Set-up
# ------------------------------------------------------------------------------


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()

    from django.conf import settings

    # django.test.Client sends Host: testserver.
    if "testserver" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]


def prepare_database(scale: int) -> None:
    """Migrate, collect static files without DEBUG, and load the demo data at ``scale`` (idempotent)."""
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    if not settings.DEBUG:
        # Without DEBUG, {% static %} needs the manifest that collectstatic writes, as in production.
        call_command("collectstatic", interactive=False, verbosity=0)

    print(f"Loading the demo data (manage.py load_demo --scale {scale}) ...", flush=True)
    call_command("load_demo", scale=scale, stdout=open(os.devnull, "w"))  # noqa: SIM115


# Benchmarks
# ------------------------------------------------------------------------------


def time_get(client, name: str, url: str, requests: int, warmup: int = 5, query_samples: int = 5) -> Row:
    """GET `url` `requests` times in a row, after a warm-up; count the queries of a few more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{name}: GET {url} answered {response.status_code}, not 200; nothing to measure")

    samples = []
    started = time.perf_counter()
    for _ in range(requests):
        before = time.perf_counter()
        client.get(url)
        samples.append((time.perf_counter() - before) * 1000)
    total = time.perf_counter() - started

    queries = []
    for _ in range(query_samples):
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        queries.append(len(captured.captured_queries))
    return Row(name=f"{name} ({url})", count=requests, samples_ms=samples, total_s=total, queries=queries)


def bench_pages(options: argparse.Namespace) -> list[Row]:
    """Anonymous page views through Django's test client: home, catalogue and one course (no network)."""
    from django.test import Client
    from wagtail.models import Locale

    from training.models import CoursePage, TrainingProgrammePage

    locale = Locale.get_default()
    catalogue = TrainingProgrammePage.objects.live().filter(locale=locale).first()
    course = CoursePage.objects.live().filter(locale=locale).order_by("path").first()
    if catalogue is None or course is None:
        raise SystemExit("No live training programme or course page to measure")

    client = Client()
    return [
        time_get(client, "home page", "/", options.requests),
        time_get(client, "catalogue", catalogue.url, options.requests),
        time_get(client, "course page", course.url, options.requests),
    ]


# Under gunicorn: real HTTP from a pool of client threads
# ------------------------------------------------------------------------------


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_gunicorn(workers: int):
    """gunicorn with the production settings on a free loopback port, against the same database."""
    import subprocess
    import urllib.request

    from django.conf import settings
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": settings.SECRET_KEY,  # API tokens are HMAC digests keyed with it
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_LOG_LEVEL": "warning",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    root = Path(__file__).resolve().parent.parent
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "gunicorn.conf.py",
            "--access-logfile",
            "/dev/null",
            "config.wsgi",
        ],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2):  # noqa: S310 - loopback
                return process, base
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def _load(name: str, calls: list[Callable[[], None]], concurrency: int) -> Row:
    """Run the calls from `concurrency` client threads; each call's latency is one sample."""
    from concurrent.futures import ThreadPoolExecutor

    def timed(call) -> float:
        before = time.perf_counter()
        call()
        return (time.perf_counter() - before) * 1000

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        samples = list(pool.map(timed, calls))
    return Row(name=name, count=len(calls), samples_ms=samples, total_s=time.perf_counter() - started)


def _get(url: str) -> Callable[[], None]:
    import urllib.request

    def call() -> None:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
            response.read()
            if response.status != 200:
                raise SystemExit(f"GET {url} answered {response.status}")

    return call


def _enrol(base: str, session_id: int, token: str) -> Callable[[], None]:
    import urllib.request

    def call() -> None:
        request = urllib.request.Request(  # noqa: S310 - loopback
            f"{base}/api/v1/sessions/{session_id}/enrolments",
            method="POST",
            data=b"{}",
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
            if response.status != 201:
                raise SystemExit(f"enrolment answered {response.status}")

    return call


def bench_http(options: argparse.Namespace) -> list[Row]:
    """Catalogue and course page under gunicorn, and enrolments per second through the API."""
    from datetime import timedelta

    from django.utils import timezone
    from wagtail.models import APIToken, Locale

    from people.models import User
    from training.models import CoursePage, Enrolment, Session, SessionDay, TrainingProgrammePage

    locale = Locale.get_default()
    catalogue = TrainingProgrammePage.objects.live().filter(locale=locale).first()
    course = CoursePage.objects.live().filter(locale=locale, sessions__isnull=False).order_by("path").first()
    people = list(User.objects.filter(is_active=True).order_by("pk")[: options.enrolments])
    session = Session.objects.create(course=course, capacity=len(people) // 2, place_name="Benchmark")
    start = timezone.now() + timedelta(days=60)
    SessionDay.objects.create(session=session, starts_at=start, ends_at=start + timedelta(hours=3))
    session.save()
    tokens = [APIToken.create_token(user=person, name="benchmark") for person in people]

    process, base = _start_gunicorn(options.workers)
    try:
        rows = []
        for name, url in (("catalogue", catalogue.url), ("course page", course.url)):
            _get(f"{base}{url}")()
            rows.append(_load(f"{name} ({url})", [_get(f"{base}{url}")] * options.requests, options.concurrency))
        calls = [_enrol(base, session.pk, plain) for _token, plain in tokens]
        row = _load("API enrolments (POST)", calls, options.concurrency)
        confirmed = session.enrolments.filter(status=Enrolment.Status.CONFIRMED).count()
        row.name += f": {confirmed} confirmed of {session.capacity}, {len(calls) - confirmed} queued"
        rows.append(row)
        return rows
    finally:
        process.terminate()
        process.wait(timeout=30)
        session.enrolments.all().delete()
        session.delete()
        APIToken.objects.filter(pk__in=[token.pk for token, _plain in tokens]).delete()


def bench_certificates(options: argparse.Namespace) -> list[Row]:
    """Certificate PDFs: ms per certificate against bare WeasyPrint, and 1,000 in bulk (bench/certificates.py)."""
    from .certificates import bench_certificates as run

    return run(options, Row)


def bench_reporting(options: argparse.Namespace) -> list[Row]:
    """Statistics, coverage and the project in numbers over 1,000,000 participations (bench/reporting.py)."""
    from bench.reporting import bench_reporting as run

    return run(options)


def bench_competences(options: argparse.Namespace) -> list[Row]:
    from bench.competences import bench_competences as run

    return run(options)


def bench_people(options: argparse.Namespace) -> list[Row]:
    """The HR import: 20,000 people created, imported again unchanged, then moved and left (bench/people.py)."""
    from bench.people import bench_people as run

    return run(options)


BENCHMARKS: dict[str, Callable[[argparse.Namespace], list[Row]]] = {
    "pages": bench_pages,
    "http": bench_http,
    "certificates": bench_certificates,
    "competences": bench_competences,
    "reporting": bench_reporting,
    "people": bench_people,
}
# Benchmarks that bring their own data: the demo is not loaded for them alone.
OWN_DATA = {"competences", "reporting", "people"}


# Output
# ------------------------------------------------------------------------------


def describe_environment(options: argparse.Namespace) -> dict:
    import django
    from django.conf import settings
    from django.db import connection

    return {
        "time": datetime.now().astimezone().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "django": django.get_version(),
        "settings": os.environ["DJANGO_SETTINGS_MODULE"],
        "debug": settings.DEBUG,
        "database": f"{connection.vendor} {connection.settings_dict['NAME']}",
        "cpus": os.cpu_count(),
        "requests": options.requests,
    }


def print_table(rows: list[Row]) -> None:
    headers = ("benchmark", "n", "p50 ms", "p95 ms", "per s", "queries")
    lines = [
        (row.name, str(row.count), f"{row.p50_ms:.1f}", f"{row.p95_ms:.1f}", f"{row.per_second:.0f}", row.queries_label)
        for row in rows
    ]
    widths = [max(len(cell) for cell in column) for column in zip(headers, *lines, strict=False)]
    for index, line in enumerate([headers, *lines]):
        print(
            "  ".join(
                cell.ljust(width) if i == 0 else cell.rjust(width)
                for i, (cell, width) in enumerate(zip(line, widths, strict=True))
            )
        )
        if index == 0:
            print("  ".join("-" * width for width in widths))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "names", nargs="*", metavar="name", help=f"benchmarks to run: {', '.join(BENCHMARKS)} (default: all)"
    )
    parser.add_argument("--requests", "-n", type=int, default=200, help="timed repetitions per row (default 200)")
    parser.add_argument("--scale", type=int, default=10, help="demo data scale (load_demo --scale, default 10)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers for 'http' (default 3)")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads for 'http' (default 8)")
    parser.add_argument("--enrolments", type=int, default=300, help="API enrolments for 'http' (default 300)")
    parser.add_argument("--save", action="store_true", help=f"also write the results as JSON under {RESULTS_DIR}")
    options = parser.parse_args(argv)
    if unknown := set(options.names) - set(BENCHMARKS):
        parser.error(f"unknown benchmark: {', '.join(sorted(unknown))}")

    setup_django()
    if not options.names or set(options.names) - OWN_DATA:
        prepare_database(options.scale)
    environment = describe_environment(options)
    print(" · ".join(f"{key} {value}" for key, value in environment.items() if key != "requests"))
    print("Sequential requests in one process; p50/p95 per request, 'per s' = n / total time.\n")

    rows = []
    for name in options.names or BENCHMARKS:
        rows.extend(BENCHMARKS[name](options))
    print_table(rows)

    if options.save:
        RESULTS_DIR.mkdir(exist_ok=True)
        path = RESULTS_DIR / f"{datetime.now():%Y%m%d-%H%M%S}.json"
        path.write_text(json.dumps({"environment": environment, "rows": [row.summary() for row in rows]}, indent=2))
        print(f"\nSaved {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
