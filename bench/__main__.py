"""Benchmarks of the running application: `make bench` or `python -m bench [--requests N] [names...]`.

Runs against the development database (config.settings.dev, db.sqlite3) or the database of
DATABASE_URL (PostgreSQL for the figures of record), with the demo data at --scale (default 10).
Prints a table; timings are never asserted. `DEBUG=False make bench` measures without Django's debug overhead.

Each benchmark is a function taking the options and returning table rows; add new ones to BENCHMARKS.
Two run on their own, under gunicorn with PostgreSQL and Redis (bench.settings): `python -m bench http`
(the pages beside a floor page with wrk, enrolments through the API, --scales for growth; bench/http.py)
and `python -m bench load` (50 simulated staff with locust; bench/load.py).
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
    "certificates": bench_certificates,
    "competences": bench_competences,
    "reporting": bench_reporting,
    "people": bench_people,
}
# Benchmarks that bring their own data: the demo is not loaded for them alone.
OWN_DATA = {"competences", "reporting", "people"}
# Benchmarks under gunicorn with PostgreSQL and Redis (bench.settings), each run on its own.
SERVED = {"http": "bench.http", "load": "bench.load"}


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
        "names",
        nargs="*",
        metavar="name",
        help=f"benchmarks to run: {', '.join(BENCHMARKS)} (default: all of these), or one of {', '.join(SERVED)}",
    )
    parser.add_argument("--requests", "-n", type=int, default=200, help="timed repetitions per row (default 200)")
    parser.add_argument("--scale", type=int, default=10, help="demo data scale (load_demo --scale, default 10)")
    parser.add_argument("--save", action="store_true", help=f"also write the results as JSON under {RESULTS_DIR}")
    served = parser.add_argument_group("http and load (gunicorn, PostgreSQL from DATABASE_URL, Redis from REDIS_URL)")
    served.add_argument("--scales", help="http: comma-separated demo scales to compare, e.g. 1,10,50")
    served.add_argument("--reload", action="store_true", help="load the demo again even when it is there")
    served.add_argument("--rounds", type=int, default=3, help="http: rounds over all pages (default 3)")
    served.add_argument("--seconds", type=float, default=5, help="http: wrk's seconds per page and round (default 5)")
    served.add_argument("--no-enrolments", action="store_true", help="http: pages only")
    served.add_argument("--enrol-seconds", type=float, default=10, help="http: seconds of enrolments (default 10)")
    served.add_argument("--enrol-sessions", type=int, default=20, help="http: sessions to enrol in (default 20)")
    served.add_argument("--enrol-capacity", type=int, default=25, help="http: places per session (default 25)")
    served.add_argument("--enrolments", type=int, default=1000, help="http: people with a token (default 1000)")
    served.add_argument("--users", type=int, default=50, help="load: simulated staff (default 50)")
    served.add_argument(
        "--spawn-rate", type=float, default=2, help="load: staff started per second (default 2: 50 in 25 s)"
    )
    served.add_argument("--duration", default="2m", help="load: how long, in locust's notation (default 2m)")
    served.add_argument("--child-json", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if unknown := set(options.names) - set(BENCHMARKS) - set(SERVED):
        parser.error(f"unknown benchmark: {', '.join(sorted(unknown))}")
    if set(options.names) & set(SERVED):
        if len(options.names) > 1:
            parser.error(f"{' and '.join(SERVED)} run on their own: python -m bench http, python -m bench load")
        from importlib import import_module

        return import_module(SERVED[options.names[0]]).main(options)

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
