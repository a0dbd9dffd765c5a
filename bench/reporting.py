"""The reporting benchmark (``python -m bench reporting``): statistics over five years of a large network.

Generates its own data once (recognised by the project "bench-reporting"), not the demo: 20,000
people in 200 units under 10 areas of 12 organisations, 40 courses, 50,000 sessions over five
years with 1,000,000 enrolments (20 a session: seats, waiting lists, cancellations, no-shows,
partial attendance, certificates), their participation facts, 5,000 activities (counts, and lists
of people for 1,000 of them) and released feedback for 10,000 sessions. Bulk rows are written with
COPY on PostgreSQL, which the figures of record need. Then times the statistics with two
dimensions for one year and for all five, a manager's view, the coverage of a course, and the
project in numbers.
"""

from __future__ import annotations

import random
import time
import uuid
from datetime import date, datetime, timedelta
from datetime import time as clock
from zoneinfo import ZoneInfo

PEOPLE = 20_000
UNITS_PER_AREA = 20
AREAS = 10
COURSES = 40
SESSIONS = 50_000
PER_SESSION = 20
ACTIVITIES = 5_000
LISTED_ACTIVITIES = 1_000
FEEDBACK_SESSIONS = 10_000
YEARS = 5
PROJECT = "bench-reporting"
RUNS = 10
HELSINKI = ZoneInfo("Europe/Helsinki")
FACT_COLUMNS = (
    "source", "source_id", "session_id", "activity_id", "starts_at", "month", "activity_kind", "course_id",
    "course_kind", "level", "language", "delivery", "project_id", "person_key", "professional_group_id", "unit_id",
    "organisation_id", "sector", "municipality_id", "area_id", "service_level", "status", "outcome", "minutes",
    "certificate", "feedback_given",
)  # fmt: skip


def _copy(model, rows, *, with_ids: bool = True) -> None:
    """Write ``rows`` (dicts of field attnames) as ``model``'s rows: COPY on PostgreSQL, executemany
    elsewhere. Columns a row leaves out get their field's default, so new fields need no change here;
    without ``with_ids`` the database numbers the rows."""
    from django.db import connection

    fields = [field for field in model._meta.concrete_fields if with_ids or not field.primary_key]
    names = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    defaults = {field.attname: field.get_default() for field in fields}

    def values(row: dict) -> tuple:
        return tuple(
            field.get_db_prep_save(row.get(field.attname, defaults[field.attname]), connection) for field in fields
        )

    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(values(row))
            return
        statement = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608
        batch = []
        for row in rows:
            batch.append(values(row))
            if len(batch) == 10_000:
                cursor.executemany(statement, batch)
                batch = []
        if batch:
            cursor.executemany(statement, batch)


def _next_id(model) -> int:
    """The first primary key after the rows already there, for rows written with their ids."""
    from django.db.models import Max

    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def _network(rng):
    from people.models import Municipality, Organisation, OrgUnit, ProfessionalGroup, Sector, User

    municipalities = [
        Municipality.objects.get_or_create(code=f"9{n:02d}", defaults={"name_fi": f"Penkkikunta {n}"})[0]
        for n in range(20)
    ]
    sectors = [Sector.WELLBEING_COUNTY, Sector.MUNICIPALITY, Sector.MUNICIPALITY, Sector.NGO, Sector.PARISH]
    organisations = [
        Organisation.objects.create(
            name=f"Bench organisation {n}", sector=sectors[n % len(sectors)], municipality=municipalities[n]
        )
        for n in range(12)
    ]
    units = []
    for a in range(AREAS):
        area = OrgUnit.objects.create(
            name=f"Bench alue {a}",
            kind=OrgUnit.Kind.AREA,
            organisation=organisations[0],
            municipality=municipalities[a],
        )
        for u in range(UNITS_PER_AREA):
            units.append(
                OrgUnit.objects.create(name=f"Bench yksikkö {a}-{u}", organisation=organisations[u % 12], parent=area)
            )
    groups = [
        ProfessionalGroup.objects.get_or_create(
            code=f"bench-report-{n}", defaults={"name_fi": f"Ryhmä {n}", "name_sv": f"Grupp {n}", "name_en": f"G{n}"}
        )[0]
        for n in range(29)
    ]
    User.objects.bulk_create(
        (
            User(
                email=f"bench-report-{n}@example.invalid",
                password="!",  # noqa: S106 - an unusable password
                first_name="Bench",
                last_name=f"Person {n}",
                unit=units[rng.randrange(len(units))],
                professional_group=groups[rng.randrange(len(groups))],
                service_level="erityistaso" if rng.random() < 0.15 else "perustaso",
            )
            for n in range(PEOPLE)
        ),
        batch_size=5000,
    )
    manager = User.objects.create_user(email="bench-report-manager@example.invalid", first_name="Bench", unit=units[0])
    units[0].parent.managers.add(manager)
    coordinator = User.objects.create_user(email="bench-report-coordinator@example.invalid", is_coordinator=True)
    people = list(
        User.objects.filter(email__startswith="bench-report-", unit__isnull=False)
        .exclude(pk=manager.pk)
        .values_list(
            "pk",
            "unit_id",
            "unit__organisation_id",
            "unit__organisation__sector",
            "professional_group_id",
            "service_level",
        )
    )
    area_of = {unit.pk: (unit.parent_id, unit.parent.municipality_id) for unit in units}
    return people, area_of, coordinator, manager


def _courses():
    from wagtail.models import Page

    from training.models import CoursePage, TrainingProgrammePage

    root = Page.get_first_root_node()
    home = root.get_children().first() or root
    programme = home.add_child(instance=TrainingProgrammePage(title="Bench reporting", slug="bench-reporting"))
    kinds = ["course", "method", "workshop", "seminar", "elearning"]
    return [
        programme.add_child(
            instance=CoursePage(
                title=f"Bench reporting course {n}",
                slug=f"bench-reporting-{n}",
                summary="Benchmark",
                kind=kinds[n % len(kinds)],
                level="erityistaso" if n % 4 == 0 else "perustaso",
                issues_certificate=n % 3 != 0,
            )
        )
        for n in range(COURSES)
    ]


def _generate() -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from reporting.choices import ACTIVITY_KIND_OF_COURSE_KIND, ActivityKind
    from reporting.models import Activity, ActivityParticipant, Participation, Project
    from training.models import (
        Enrolment,
        FeedbackAnswer,
        FeedbackForm,
        FeedbackQuestion,
        FeedbackResponse,
        Session,
        SessionDay,
    )

    rng = random.Random(17)  # noqa: S311 - test data
    started = time.perf_counter()
    now = timezone.now()
    first_day = date(now.year - YEARS + 1, 1, 1)
    span = (now.date() - first_day).days
    with transaction.atomic():
        people, area_of, _coordinator, _manager = _network(rng)
        courses = _courses()
        project = Project.objects.create(name_fi=PROJECT, starts_on=first_day, ends_on=now.date())
        project.courses.set(courses[:10])
        project.headline_course = courses[0]
        project.save()

        # Sessions and their days
        next_session = _next_id(Session)
        sessions = []
        for n in range(SESSIONS):
            day = first_day + timedelta(days=rng.randrange(span))
            starts = datetime.combine(day, clock(9), HELSINKI)
            course = courses[rng.randrange(COURSES)]
            online = rng.random() < 0.3
            sessions.append((next_session + n, course, starts, online, rng.choice(["fi", "fi", "fi", "sv"])))
        _copy(
            Session,
            (
                {
                    "id": pk, "course_id": course.pk, "place_name": "" if online else "Kuopio",
                    "online_url": "https://teams.example/m" if online else "", "language": language,
                    "capacity": PER_SESSION - 4, "status": "completed", "starts_at": starts,
                    "ends_at": starts + timedelta(hours=6), "created_at": now, "updated_at": now,
                }
                for pk, course, starts, online, language in sessions
            ),
        )  # fmt: skip
        _copy(
            SessionDay,
            (
                {"session_id": pk, "starts_at": starts, "ends_at": starts + timedelta(hours=6)}
                for pk, _course, starts, _online, _language in sessions
            ),
            with_ids=False,
        )

        # Enrolments and their facts
        next_enrolment = _next_id(Enrolment)
        enrolments, facts = [], []
        projects = {course.pk: project.pk for course in courses[:10]}
        for pk, course, starts, online, language in sessions:
            for seat, person in enumerate(rng.sample(people, PER_SESSION)):
                person_id, unit_id, organisation_id, sector, group_id, level = person
                area_id, municipality_id = area_of[unit_id]
                if seat >= PER_SESSION - 4:
                    status, outcome, minutes = ("waiting", "", 0) if rng.random() < 0.5 else ("cancelled", "", 0)
                else:
                    status = "confirmed"
                    roll = rng.random()
                    outcome, minutes = (
                        ("no_show", 0) if roll < 0.08 else ("incomplete", rng.randint(60, 300)) if roll < 0.15
                        else ("completed", 360)
                    )  # fmt: skip
                certificate = outcome == "completed" and course.issues_certificate
                enrolments.append({
                    "id": next_enrolment, "session_id": pk, "person_id": person_id, "status": status,
                    "queued_at": starts - timedelta(days=30), "created_at": now, "updated_at": now,
                    "calendar_uid": uuid.uuid4(), "outcome": outcome, "attended_minutes": minutes,
                })  # fmt: skip
                facts.append(dict(zip(FACT_COLUMNS, (
                    "enrolment", next_enrolment, pk, None, starts, starts.year * 100 + starts.month,
                    ACTIVITY_KIND_OF_COURSE_KIND[course.kind],
                    course.pk, course.kind, course.level, language, "online" if online else "onsite",
                    projects.get(course.pk), person_id, group_id, unit_id, organisation_id, sector, municipality_id,
                    area_id, level, status, outcome, minutes, certificate, rng.random() < 0.4,
                ), strict=True)))  # fmt: skip
                next_enrolment += 1
        _copy(Enrolment, enrolments)
        del enrolments
        _copy(Participation, facts, with_ids=False)
        del facts

        # Activities: totals, and lists of people for some
        kinds = [kind for kind in ActivityKind.values if kind != ActivityKind.OTHER]
        activities = Activity.objects.bulk_create(
            Activity(
                kind=kinds[n % len(kinds)],
                title=f"Bench activity {n}",
                level="erityistaso" if n % 5 == 0 else "perustaso",
                starts_on=first_day + timedelta(days=rng.randrange(span)),
                event_count=1 if n < LISTED_ACTIVITIES else rng.randint(1, 5),
                participant_count=None if n < LISTED_ACTIVITIES else rng.randint(5, 200),
                project=project if n % 2 else None,
            )
            for n in range(ACTIVITIES)
        )
        listing_rows, listing_facts = [], []
        next_listing = _next_id(ActivityParticipant)  # the demo lists some people on its own activities
        for activity in activities[:LISTED_ACTIVITIES]:
            starts = datetime.combine(activity.starts_on, clock.min, HELSINKI)
            for person in rng.sample(people, 10):
                person_id, unit_id, organisation_id, sector, group_id, level = person
                area_id, municipality_id = area_of[unit_id]
                listing_rows.append({"id": next_listing, "activity_id": activity.pk, "person_id": person_id})
                listing_facts.append(dict(zip(FACT_COLUMNS, (
                    "listing", next_listing, None, activity.pk, starts, starts.year * 100 + starts.month,
                    activity.kind, None, "", activity.level, "",
                    "", activity.project_id, person_id, group_id, unit_id, organisation_id, sector, municipality_id,
                    area_id, level, "attended", "", 0, False, False,
                ), strict=True)))  # fmt: skip
                next_listing += 1
        _copy(ActivityParticipant, listing_rows)
        _copy(Participation, listing_facts, with_ids=False)

        # Released feedback: six answers on each of 10,000 sessions
        form = FeedbackForm.objects.filter(is_default=True).first() or FeedbackForm.objects.create(
            name="Bench", is_default=True
        )
        questions = {
            key: FeedbackQuestion.objects.get_or_create(
                form=form, key=key, defaults={"kind": kind, "text_fi": key, "sort_order": order}
            )[0]
            for order, (key, kind) in enumerate((("overall", "scale"), ("recommend", "yes_no")))
        }
        responses, answers = [], []
        for pk, _course, _starts, _online, _language in rng.sample(sessions, FEEDBACK_SESSIONS):
            for _ in range(6):
                response = uuid.uuid4()
                responses.append({"id": response, "session_id": pk, "form_id": form.pk})
                for key, value in (("overall", rng.randint(2, 5)), ("recommend", int(rng.random() < 0.85))):
                    answers.append(
                        {"id": uuid.uuid4(), "response_id": response, "question_id": questions[key].pk, "value": value}
                    )
        _copy(FeedbackResponse, responses)
        _copy(FeedbackAnswer, answers)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for table in (
                    "training_session", "training_sessionday", "training_enrolment", "reporting_participation",
                    "reporting_activityparticipant",
                ):  # fmt: skip
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"  # noqa: S608
                    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    count = Participation.objects.count()
    print(f"Generated {count:,} participation facts in {time.perf_counter() - started:.0f} s", flush=True)


def _timed(name: str, call, runs: int):
    from bench.competences import _timed as timed

    return timed(name, call, runs)


def bench_reporting(options) -> list:
    from urllib.parse import urlencode

    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from people.models import User
    from reporting.models import Project

    call_command("migrate", interactive=False, verbosity=0)
    if not Project.objects.filter(name_fi=PROJECT).exists():
        _generate()
    project = Project.objects.get(name_fi=PROJECT)
    today = timezone.localdate()
    last_year = {
        "date_from": date(today.year - 1, 1, 1).isoformat(),
        "date_to": date(today.year - 1, 12, 31).isoformat(),
    }
    five_years = {"date_from": project.starts_on.isoformat(), "date_to": today.isoformat()}
    api_last_year = {"from": last_year["date_from"], "to": last_year["date_to"]}
    runs = max(3, min(options.requests, RUNS))
    coordinator, manager = Client(), Client()
    coordinator.force_login(User.objects.get(email="bench-report-coordinator@example.invalid"))
    manager.force_login(User.objects.get(email="bench-report-manager@example.invalid"))

    def page(name: str, *args, **query) -> str:
        return f"{reverse(name, args=args)}?{urlencode(query)}"

    statistics = "reporting:statistics"
    numbers = ("reporting:project_numbers", project.pk)
    pages = [
        ("statistics page: group × activity, network, last year", coordinator,
         page(statistics, rows="professional_group", columns="activity_kind", **last_year)),
        ("statistics page: month × level, network, five years", coordinator,
         page(statistics, rows="month", columns="level", **five_years)),
        ("statistics page: sector × course kind, a manager's area, last year", manager,
         page(statistics, rows="sector", columns="course_kind", **last_year)),
        ("coverage page of a course, network (20,000 people)", coordinator,
         page("reporting:coverage", course=project.headline_course_id)),
        ("coverage page of a course, a manager's area", manager,
         page("reporting:coverage", course=project.headline_course_id)),
        ("project in numbers page, five years", coordinator, page(*numbers)),
        ("project in numbers PDF, five years", coordinator,
         page("reporting:project_numbers_pdf", project.pk)),
        ("API stats/participation: group × activity, last year", coordinator,
         f"/api/v1/stats/participation?{urlencode({'by': 'professional_group,activity_kind', **api_last_year})}"),
        ("API stats/project-in-numbers, five years", coordinator,
         f"/api/v1/stats/project-in-numbers?project={project.pk}"),
    ]  # fmt: skip
    rows = []
    for name, client, url in pages:
        rows.append(_timed(name, _getter(client, url), runs))
    return rows


def _getter(client, url: str):
    def get() -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}")

    return get
