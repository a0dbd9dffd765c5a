"""`python -m bench http`: the pages under gunicorn beside a floor page, loaded with wrk.

gunicorn (2 sync workers, gunicorn.conf.py) serves bench.settings: the production settings with PostgreSQL
(DATABASE_URL) and Redis (REDIS_URL), plus the floor page (bench.views.floor), a static template of the
catalogue's size rendered without a database. wrk (2 threads, 10 connections) loads each page in turn, the
targets alternating over several rounds so that a drift of the shared machine touches them all alike; each
figure is the median of the rounds. Printed per page: requests per second, p50 and p99, bytes and queries per
request (one request through Django's test client, counted) and the ratio of its requests per second to the
floor's. Then enrolments through the API with a token per person, counted against capacity afterwards.

The demo is loaded once per scale into its own database beside DATABASE_URL's, named ``<name>_s<scale>``
(created when missing), so that `--scales 1,10,50` compares the same pages over growing data.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .wrk import (
    CONNECTIONS,
    THREADS,
    WrkResult,
    cookie_script,
    counting_statuses,
    enrolment_script,
    post_form_script,
    run_wrk,
    statuses,
)

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = "bench.settings"
WORKERS = 2
# A CSRF secret of 32 letters, sent as the cookie and as the form field: Django compares the two.
CSRF_SECRET = "benchmarkbenchmarkbenchmarkbench"  # noqa: S105 - not a secret: loopback only


@dataclass
class Target:
    """One URL the load generator requests, and what one request costs through the test client."""

    name: str
    path: str
    group: str  # floor, anonymous, signed in, sign-in
    script: str | None = None
    queries: int | None = None
    bytes: int | None = None
    expected: int = 200  # the status every answer must have (the sign-in POST: 302)
    queries_on_miss: int | None = None  # anonymous pages: a request the shared cache cannot answer
    results: list[WrkResult] = field(default_factory=list, repr=False)

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(result, attribute) for result in self.results)

    @property
    def errors(self) -> int:
        """Socket errors and answers of another status than ``expected`` (a redirect to the sign-in page too)."""
        unexpected = sum(
            count
            for result in self.results
            for status, count in statuses(result.script_output).items()
            if status != self.expected
        )
        return unexpected + sum(sum(result.socket_errors.values()) for result in self.results)

    def summary(self) -> dict:
        data = {key: value for key, value in asdict(self).items() if key not in {"script", "results"}}
        if self.results:
            data.update(
                per_second=self.median("per_second"),
                p50_ms=self.median("p50_ms"),
                p99_ms=self.median("p99_ms"),
                errors=self.errors,
                rounds=len(self.results),
            )
        return data


# Databases
# ------------------------------------------------------------------------------


def scale_database_url(url: str, scale: int) -> str:
    """DATABASE_URL with the database's name followed by ``_s<scale>``."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name:
        raise SystemExit(f"DATABASE_URL names no database: {url}")
    return urlunsplit(parts._replace(path=f"/{name}_s{scale}"))


def require_services() -> tuple[str, str]:
    """DATABASE_URL (PostgreSQL) and REDIS_URL, as production has them; the bench measures nothing else."""
    database = os.environ.get("DATABASE_URL", "")
    if not database.startswith(("postgres://", "postgresql://")):
        raise SystemExit(
            "python -m bench http and load measure PostgreSQL + Redis, as in production: set DATABASE_URL to a\n"
            "PostgreSQL database the bench may fill (e.g. postgres://postgres@127.0.0.1:5432/perhekeskus_bench;\n"
            "the demo goes into <name>_s<scale> beside it) and REDIS_URL (e.g. redis://127.0.0.1:6379/14)."
        )
    redis = os.environ.get("REDIS_URL", "")
    if not redis:
        raise SystemExit("Set REDIS_URL (e.g. redis://127.0.0.1:6379/14): production caches in Redis.")
    return database, redis


def create_database(url: str) -> None:
    """CREATE DATABASE when it does not exist (through the server's maintenance database)."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def prepare(scale: int, reload: bool) -> None:
    """Migrate, collect the static files and load the demo at ``scale`` unless it is there already."""
    from django.core.management import call_command

    from people.models import User

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if reload or not User.objects.exists():
        print(f"Loading the demo data (manage.py load_demo --scale {scale}) ...", flush=True)
        started = time.monotonic()
        call_command("load_demo", scale=scale, stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(f"Demo loaded in {time.monotonic() - started:.0f} s.", flush=True)


# gunicorn
# ------------------------------------------------------------------------------


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(workers: int = WORKERS, **environment: str) -> tuple[subprocess.Popen, str]:
    """gunicorn with bench.settings on a free loopback port; returns the process and its base URL."""
    import urllib.request

    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_LOG_LEVEL": "warning",
        **environment,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    process = subprocess.Popen(  # noqa: S603 - our own gunicorn
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "--access-logfile", "/dev/null"]
        + ["config.wsgi"],
        cwd=ROOT,
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
            if process.poll() is not None:
                raise SystemExit("gunicorn stopped before it answered /healthz") from None
            time.sleep(0.3)
    process.kill()
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


# Targets
# ------------------------------------------------------------------------------


def _search_word(title: str) -> str:
    """A word of a course title to search for (the longest, cut to 6 letters, so that it finds several)."""
    words = [word.strip("-–,.:()") for word in title.split()]
    return max(words, key=len)[:6].lower()


def signed_in_cookies(email: str) -> dict[str, str]:
    """The session cookie of ``email`` signed in (a session row, as after the sign-in form).

    The password is checked first, as the sign-in form does: that upgrades a demo password's hash to
    Argon2 now, not at the sign-in POST's turn, which would end this session (a session belongs to one
    password hash) and leave the signed-in pages measuring redirects.
    """
    from django.conf import settings
    from django.test import Client

    from people.models import User
    from training.demo import DEMO_PASSWORD

    person = User.objects.get(email=email)
    if not person.check_password(DEMO_PASSWORD):
        raise SystemExit(f"{email} does not have the demo password: is the demo loaded?")
    client = Client()
    client.force_login(person)
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


def page_targets() -> list[Target]:
    """The floor, the anonymous pages in Finnish and Swedish, the signed-in pages and the sign-in POST."""
    from urllib.parse import urlencode

    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation
    from wagtail.models import Locale, Page

    from training.demo import DEMO_PASSWORD
    from training.models import CourseKind, CoursePage, TrainingProgrammePage

    targets = [Target("floor (static template, no database)", "/bench/floor/", "floor")]
    catalogue_fi = None
    for language in ("fi", "sv"):
        locale = Locale.objects.get(language_code=language)
        catalogue = TrainingProgrammePage.objects.live().filter(locale=locale).order_by("path").first()
        course = CoursePage.objects.live().filter(locale=locale).order_by("path").first()
        home = Page.objects.live().filter(locale=locale, depth=2).order_by("path").first()
        if catalogue is None or course is None or home is None:
            raise SystemExit(f"No live home page, catalogue or course in {language}: is the demo loaded?")
        catalogue_fi = catalogue_fi or catalogue
        kind = CoursePage.objects.live().filter(locale=locale).values_list("kind", flat=True).first()
        kind = kind or CourseKind.values[0]
        targets += [
            Target(f"catalogue, first page ({language})", catalogue.url, "anonymous"),
            Target(f"catalogue, filtered ({language})", f"{catalogue.url}?kind={kind}", "anonymous"),
            Target(
                f"catalogue, search ({language})",
                f"{catalogue.url}?{urlencode({'q': _search_word(course.title)})}",
                "anonymous",
            ),
            Target(f"course page ({language})", course.url, "anonymous"),
            Target(f"home page ({language})", home.url, "anonymous"),
        ]

    person = f"tyontekija@{_demo_domain()}"
    cookies = signed_in_cookies(person)
    course_fi = CoursePage.objects.live().filter(locale__language_code="fi").order_by("path").first()
    with translation.override(settings.LANGUAGE_CODE):
        my_trainings = reverse("training:my_trainings")
        sign_in = reverse("account_login")
    script = cookie_script(cookies)
    targets += [
        Target("My trainings (signed in)", my_trainings, "signed in", script),
        Target("catalogue (signed in)", catalogue_fi.url, "signed in", script),
        Target("course page (signed in)", course_fi.url, "signed in", script),
    ]
    fields = {"login": person, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": CSRF_SECRET}
    targets.append(
        Target(
            "sign-in POST (Argon2)",
            sign_in,
            "sign-in",
            post_form_script(fields, {settings.CSRF_COOKIE_NAME: CSRF_SECRET}),
            expected=302,
        )
    )
    return targets


def _demo_domain() -> str:
    from training.demo.staff import EMAIL_DOMAIN

    return EMAIL_DOMAIN


def measure_one_request(target: Target) -> None:
    """Queries and bytes of one request through Django's test client (after a warm-up request)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from core.cache import bump_places_version
    from training.demo import DEMO_PASSWORD

    client = Client(enforce_csrf_checks=True)
    if target.group == "signed in":
        client.force_login(_person())
    if target.group == "sign-in":
        client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_SECRET
        data = {"login": _person().email, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": CSRF_SECRET}
        client.post(target.path, data)
        client.logout()
        client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_SECRET
        with CaptureQueriesContext(connection) as captured:
            response = client.post(target.path, data)
    else:
        if target.group == "anonymous":
            # A miss: what the first visitor after an enrolment (a new places version) costs.
            bump_places_version()
            with CaptureQueriesContext(connection) as missed:
                client.get(target.path)
            target.queries_on_miss = len(missed.captured_queries)
        client.get(target.path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(target.path)
    if response.status_code != target.expected:
        raise SystemExit(f"{target.name}: {target.path} answered {response.status_code}, not {target.expected}")
    target.queries = len(captured.captured_queries)
    target.bytes = len(response.content)


def _person():
    from people.models import User

    return User.objects.get(email=f"tyontekija@{_demo_domain()}")


# Enrolments
# ------------------------------------------------------------------------------


@dataclass
class EnrolmentRun:
    result: WrkResult
    sessions: int
    capacity: int
    people: int
    confirmed_per_session: list[int]
    statuses: dict[str, int]

    @property
    def overbooked(self) -> int:
        return sum(max(0, confirmed - self.capacity) for confirmed in self.confirmed_per_session)

    def summary(self) -> dict:
        return {
            "per_second": self.result.per_second,
            "p50_ms": self.result.p50_ms,
            "p99_ms": self.result.p99_ms,
            "requests": self.result.requests,
            "sessions": self.sessions,
            "capacity": self.capacity,
            "people": self.people,
            "confirmed_per_session": self.confirmed_per_session,
            "overbooked": self.overbooked,
            "outcomes": self.result.script_output,
            "statuses": self.statuses,
        }


def make_bench_sessions(count: int, capacity: int, place: str = "Benchmark"):
    """``count`` open sessions in 60 days on a live Finnish course that needs no manager's approval."""
    from datetime import timedelta

    from django.utils import timezone

    from training.models import CoursePage, Session, SessionDay

    course = (
        CoursePage.objects.live()
        .filter(locale__language_code="fi", requires_manager_approval=False)
        .order_by("path")
        .first()
    )
    sessions = []
    start = timezone.now() + timedelta(days=60)
    for number in range(count):
        session = Session.objects.create(course=course, capacity=capacity, place_name=f"{place} {number + 1}")
        day = start + timedelta(days=number)
        SessionDay.objects.create(session=session, starts_at=day, ends_at=day + timedelta(hours=3))
        session.save()
        sessions.append(session)
    return sessions


def remove_bench_sessions(place: str = "Benchmark") -> None:
    """Remove the benchmark's sessions, their enrolments and the email tasks still queued for those
    (without a worker running, ``bench http`` leaves one per enrolment; a later run's worker would spend
    its time on them)."""
    from django_tasks_db.models import DBTaskResult

    from training.models import Enrolment, Session

    sessions = Session.objects.filter(place_name__startswith=f"{place} ")
    enrolments = Enrolment.objects.filter(session__in=sessions)
    DBTaskResult.objects.filter(
        task_path="training.notifications.send_enrolment_emails",
        args_kwargs__kwargs__enrolment_id__in=list(enrolments.values_list("pk", flat=True)),
    ).delete()
    enrolments.delete()
    sessions.delete()


def bench_enrolments(base: str, options: argparse.Namespace) -> EnrolmentRun:
    """Enrolments through the API for ``options.enrol_seconds``; confirmed per session counted afterwards."""
    from django.db.models import Count, Q
    from wagtail.models import APIToken

    from people.models import User
    from training.models import Enrolment

    remove_bench_sessions()
    sessions = make_bench_sessions(options.enrol_sessions, options.enrol_capacity)
    # Staff: a coordinator's or administrator's token needs two-step verification (people.api_tokens).
    staff = User.objects.filter(is_active=True, is_coordinator=False, is_superuser=False)
    people = list(staff.order_by("pk")[: options.enrolments])
    tokens = [APIToken.create_token(user=person, name="benchmark") for person in people]
    try:
        script = enrolment_script([session.pk for session in sessions], [plain for _token, plain in tokens])
        result = run_wrk(base, seconds=options.enrol_seconds, script=script)
        drain(base)  # the last enrolments are in before they are counted
        counts = (
            Enrolment.objects.filter(session__in=sessions)
            .values("session")
            .annotate(confirmed=Count("pk", filter=Q(status=Enrolment.Status.CONFIRMED)))
            .order_by("session")
        )
        confirmed = {row["session"]: row["confirmed"] for row in counts}
        statuses = dict(
            Enrolment.objects.filter(session__in=sessions)
            .values_list("status")
            .annotate(count=Count("pk"))
            .order_by("status")
        )
        return EnrolmentRun(
            result=result,
            sessions=len(sessions),
            capacity=options.enrol_capacity,
            people=len(people),
            confirmed_per_session=[confirmed.get(session.pk, 0) for session in sessions],
            statuses=statuses,
        )
    finally:
        remove_bench_sessions()
        APIToken.objects.filter(pk__in=[token.pk for token, _plain in tokens]).delete()


# The run
# ------------------------------------------------------------------------------


def drain(base: str) -> None:
    """Wait until gunicorn has answered what wrk left queued when it stopped (up to one request per connection,
    each still served after wrk has gone), so that the next page starts on an idle server."""
    import urllib.request

    for _ in range(WORKERS):
        with urllib.request.urlopen(f"{base}/healthz", timeout=300):  # noqa: S310 - loopback
            pass


def run_pages(base: str, targets: list[Target], rounds: int, seconds: float) -> None:
    """A short warm-up of every target, then ``rounds`` rounds over all of them in turn."""
    for target in targets:
        run_wrk(base + target.path, seconds=2, script=target.script)
        drain(base)
    for number in range(rounds):
        print(f"Round {number + 1} of {rounds} ...", flush=True)
        for target in targets:
            result = run_wrk(base + target.path, seconds=seconds, script=counting_statuses(target.script))
            drain(base)
            target.results.append(result)
            answers = ", ".join(f"{code}: {count}" for code, count in sorted(statuses(result.script_output).items()))
            print(
                f"  {target.name}: {result.per_second:.0f} req/s, p50 {result.p50_ms:.1f} ms, "
                f"p99 {result.p99_ms:.1f} ms, answers {answers}",
                flush=True,
            )


def format_pages(targets: list[Target]) -> list[str]:
    floor = next(target for target in targets if target.group == "floor").median("per_second") or float("nan")
    headers = ("page", "req/s", "p50 ms", "p99 ms", "KB", "queries", "× floor", "errors")
    rows = [
        (
            f"{target.name}  {target.path}",
            f"{target.median('per_second'):.0f}",
            f"{target.median('p50_ms'):.1f}",
            f"{target.median('p99_ms'):.1f}",
            f"{(target.bytes or 0) / 1024:.1f}",
            queries_label(target.summary()),
            f"{target.median('per_second') / floor:.3f}",
            str(target.errors),
        )
        for target in targets
    ]
    return table(headers, rows)


def queries_label(page: dict) -> str:
    """Queries per request; for an anonymous page served from the shared cache, "hit/miss"."""
    if page.get("queries_on_miss") is None:
        return str(page["queries"])
    return f"{page['queries']}/{page['queries_on_miss']}"


def table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows, strict=False)]
    lines = []
    for index, line in enumerate([headers, *rows]):
        lines.append(
            "  ".join(
                cell.ljust(width) if i == 0 else cell.rjust(width)
                for i, (cell, width) in enumerate(zip(line, widths, strict=True))
            )
        )
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return lines


def format_enrolments(run: EnrolmentRun) -> list[str]:
    outcomes = ", ".join(f"{key.strip()} {count}" for key, count in sorted((run.result.script_output or {}).items()))
    confirmed = sum(run.confirmed_per_session)
    return [
        f"API enrolments (POST /api/v1/sessions/{{id}}/enrolments, {run.people} people with a token each, "
        f"{run.sessions} sessions of {run.capacity} places):",
        f"  {run.result.per_second:.0f} req/s, p50 {run.result.p50_ms:.1f} ms, p99 {run.result.p99_ms:.1f} ms, "
        f"{run.result.requests} requests",
        f"  answers: {outcomes}",
        f"  afterwards: {confirmed} confirmed in {run.sessions} sessions (most in one: "
        f"{max(run.confirmed_per_session)} of {run.capacity}), {run.overbooked} overbooked; "
        + ", ".join(f"{status} {count}" for status, count in run.statuses.items()),
    ]


def machine_load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"{os.cpu_count()} CPUs, load average {one:.1f} (1 min) {five:.1f} (5 min)"


def run_scale(options: argparse.Namespace) -> dict:
    """Everything at one scale, in this process (Django set up with bench.settings on the scale's database)."""
    prepare(options.scale, options.reload)
    targets = page_targets()
    for target in targets:
        if target.group != "floor":
            measure_one_request(target)
    catalogue_bytes = next(target.bytes for target in targets if target.group == "anonymous")
    process, base = start_gunicorn(BENCH_FLOOR_BYTES=str(catalogue_bytes))
    try:
        measure_one_request_floor(base, targets[0])
        print(
            f"gunicorn ({WORKERS} sync workers, {SETTINGS}) at {base}; wrk {THREADS} threads, {CONNECTIONS} "
            f"connections, {options.rounds} rounds of {options.seconds:g} s per page; {machine_load()}",
            flush=True,
        )
        run_pages(base, targets, options.rounds, options.seconds)
        enrolments = None if options.no_enrolments else bench_enrolments(base, options)
    finally:
        stop(process)
    result = {
        "scale": options.scale,
        "load": machine_load(),
        "pages": [target.summary() for target in targets],
        "enrolments": enrolments.summary() if enrolments else None,
    }
    print(f"\nDemo scale {options.scale}; figures are medians of {options.rounds} rounds; {machine_load()}")
    print("\n".join(format_pages(targets)))
    print("queries: per request; anonymous pages from the shared cache / on a miss (after an enrolment)")
    if enrolments:
        print()
        print("\n".join(format_enrolments(enrolments)))
    return result


def measure_one_request_floor(base: str, target: Target) -> None:
    """The floor's bytes as served (it has no queries: no database)."""
    import urllib.request

    with urllib.request.urlopen(base + target.path, timeout=10) as response:  # noqa: S310 - loopback
        target.bytes = len(response.read())
    target.queries = 0


def growth_lines(results: list[dict]) -> list[str]:
    """Each page's p50 and queries at every scale, and how many times its p50 grew from the first scale."""
    scales = [result["scale"] for result in results]
    headers = ("page", *(f"p50 ms s{scale}" for scale in scales), *(f"q s{scale}" for scale in scales), "growth")
    rows = []
    for index, page in enumerate(results[0]["pages"]):
        at = [result["pages"][index] for result in results]
        rows.append(
            (
                page["name"],
                *(f"{row['p50_ms']:.1f}" for row in at),
                *(queries_label(row) for row in at),
                f"{at[-1]['p50_ms'] / at[0]['p50_ms']:.1f}×",
            )
        )
    return table(headers, rows)


def main(options: argparse.Namespace) -> int:
    """One scale in this process; several (--scales) each in a child process, then the growth table."""
    database, _redis = require_services()
    scales = [int(scale) for scale in options.scales.split(",")] if options.scales else [options.scale]
    if len(scales) == 1 or options.child_json:
        return _run_here(database, scales[0], options)

    import tempfile

    results = []
    for scale in scales:
        with tempfile.NamedTemporaryFile(suffix=".json") as output:
            command = [sys.executable, "-m", "bench", "http", "--scale", str(scale), "--child-json", output.name]
            command += ["--rounds", str(options.rounds), "--seconds", f"{options.seconds:g}"]
            if options.reload:
                command.append("--reload")
            if options.no_enrolments or scale != options.scale:
                command.append("--no-enrolments")  # enrolments once, at --scale
            subprocess.run(command, cwd=ROOT, check=True)  # noqa: S603 - this same program
            results.append(json.loads(Path(output.name).read_text()))
    print(f"\nGrowth of each page's p50 with the demo's scale (people and sessions); {machine_load()}")
    print("\n".join(growth_lines(results)))
    return 0


def _run_here(database: str, scale: int, options: argparse.Namespace) -> int:
    url = scale_database_url(database, scale)
    create_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    import django

    django.setup()
    options.scale = scale
    result = run_scale(options)
    if options.child_json:
        Path(options.child_json).write_text(json.dumps(result))
    return 0
