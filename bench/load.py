"""`python -m bench load`: 50 simulated staff (locust, headless) against gunicorn + PostgreSQL + Redis + the
task worker, for two minutes by default.

The demo at --scale (the same database as `python -m bench http`) gets benchmark sessions of 10 places, so that
waiting lists form and cancellations hand places on; bench/locustfile.py is the scenario. Prints p50/p95/p99 and
failures per step (locust's CSV statistics), then confirmed enrolments per session against capacity. The
benchmark's sessions are removed afterwards.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .http import (
    ROOT,
    SETTINGS,
    create_database,
    machine_load,
    make_bench_sessions,
    prepare,
    remove_bench_sessions,
    require_services,
    scale_database_url,
    start_gunicorn,
    stop,
    table,
)

PLACE = "Load test"
CAPACITY = 10
SESSIONS = 10


def scenario_data(users: int, sessions: list) -> dict:
    """What the locustfile needs: staff with a certificate each (no privileged roles: they would need TOTP)."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    from people.access import access_for
    from training.demo import DEMO_PASSWORD
    from training.models import Certificate, CourseKind, CoursePage, TrainingProgrammePage

    people = []
    certificates = (
        Certificate.objects.filter(revoked_at__isnull=True, person__is_active=True)
        .select_related("person")
        .order_by("person_id", "pk")
        .distinct("person_id")
    )
    for certificate in certificates.iterator():
        if not access_for(certificate.person).is_privileged:
            people.append({"email": certificate.person.email, "certificate": f"/certificates/{certificate.code}.pdf"})
        if len(people) == users:
            break
    if len(people) < users:
        raise SystemExit(f"Only {len(people)} staff members with a certificate in the demo; ask for fewer --users")
    catalogue = TrainingProgrammePage.objects.live().filter(locale__language_code="fi").order_by("path").first()
    courses = CoursePage.objects.live().filter(locale__language_code="fi").order_by("path")
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "people": people,
            "password": DEMO_PASSWORD,
            "sign_in": reverse("account_login"),
            "my_trainings": reverse("training:my_trainings"),
            "prefix": "/",
            "catalogue": catalogue.url,
            "kind": courses.values_list("kind", flat=True).first() or CourseKind.values[0],
            "search": "perhe",
            "courses": [course.url for course in courses[:30]],
            "sessions": [session.pk for session in sessions],
        }


def read_stats(path: Path) -> list[dict]:
    with path.open(newline="") as stats:
        return list(csv.DictReader(stats))


def format_stats(rows: list[dict]) -> list[str]:
    headers = ("step", "requests", "failures", "p50 ms", "p95 ms", "p99 ms", "req/s")
    lines = [
        (
            row["Name"] if row["Name"] != "Aggregated" else "all steps",
            row["Request Count"],
            row["Failure Count"],
            row["50%"],
            row["95%"],
            row["99%"],
            f"{float(row['Requests/s']):.1f}",
        )
        for row in rows
    ]
    return table(headers, lines)


def main(options: argparse.Namespace) -> int:
    database, _redis = require_services()
    url = scale_database_url(database, options.scale)
    create_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    import django

    django.setup()
    from django.db.models import Count, Q

    from training.models import Enrolment

    prepare(options.scale, options.reload)
    remove_bench_sessions(PLACE)
    sessions = make_bench_sessions(SESSIONS, CAPACITY, PLACE)
    worker = None
    process = None
    try:
        with tempfile.TemporaryDirectory(prefix="bench-load-") as directory:
            data = Path(directory) / "data.json"
            data.write_text(json.dumps(scenario_data(options.users, sessions)))
            process, base = start_gunicorn()
            worker = subprocess.Popen(
                [sys.executable, "manage.py", "db_worker"],
                cwd=ROOT,
                env={**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, "LOG_LEVEL": "WARNING"},
                stdout=subprocess.DEVNULL,
            )
            print(
                f"locust: {options.users} staff, {options.spawn_rate:g} started per second, for {options.duration}, "
                f"against {base} (gunicorn 2 sync workers, PostgreSQL, Redis, a task worker); {machine_load()}",
                flush=True,
            )
            prefix = Path(directory) / "stats"
            subprocess.run(  # noqa: S603 - locust from the virtual environment
                [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless"]
                + ["--users", str(options.users), "--spawn-rate", f"{options.spawn_rate:g}"]
                + ["--run-time", options.duration, "--host", base, "--csv", str(prefix), "--only-summary"]
                + ["--loglevel", "WARNING", "--stop-timeout", "10"],
                cwd=ROOT,
                env={**os.environ, "BENCH_LOAD_DATA": str(data)},
                check=False,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,  # its own summary: the table below says the same per step
            )
            rows = read_stats(Path(f"{prefix}_stats.csv"))
            failures = read_stats(Path(f"{prefix}_failures.csv"))
        counts = (
            Enrolment.objects.filter(session__in=sessions)
            .values("session")
            .annotate(
                confirmed=Count("pk", filter=Q(status=Enrolment.Status.CONFIRMED)),
                waiting=Count("pk", filter=Q(status=Enrolment.Status.WAITING)),
                cancelled=Count("pk", filter=Q(status=Enrolment.Status.CANCELLED)),
            )
            .order_by("session")
        )
        by_session = {row["session"]: row for row in counts}
    finally:
        for running in (worker, process):
            if running is not None:
                stop(running)
        remove_bench_sessions(PLACE)

    print(f"\nlocust, {options.users} staff for {options.duration}; {machine_load()}")
    print("\n".join(format_stats(rows)))
    for failure in failures:
        print(f"  failed {failure['Occurrences']}×: {failure['Method']} {failure['Name']}: {failure['Error']}")
    overbooked = 0
    print(f"\nAfterwards, per session ({CAPACITY} places each): confirmed / waiting / cancelled")
    for session in sessions:
        row = by_session.get(session.pk, {"confirmed": 0, "waiting": 0, "cancelled": 0})
        overbooked += max(0, row["confirmed"] - CAPACITY)
        print(f"  {session.place_name}: {row['confirmed']} / {row['waiting']} / {row['cancelled']}")
    print(f"Overbooked sessions' extra places: {overbooked}")
    return 0
