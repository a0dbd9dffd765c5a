"""Schemathesis fuzzes every API operation as a staff member and as a coordinator, with every check.

It fuzzes the schema the API serves and calls the Django application in-process (WSGI), so the
requests share the test's database transaction. Any server error, answer that does not match the
schema, or status code the schema does not declare fails the test. PostgreSQL only: it refuses NUL
characters and integers beyond 64 bits where SQLite is lenient, so that is where such faults show.
"""

import json
from datetime import date, timedelta

import pytest
import schemathesis
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, connection
from django.utils import timezone
from hypothesis import HealthCheck, note, settings
from hypothesis import strategies as st
from schemathesis.openapi.checks import RejectedPositiveData

from config.api import api
from core.ids import ID_MAX
from people.api_tokens import token_create
from tests.competencies.factories import assess, make_gap_framework, make_gap_round
from tests.conftest import skip_or_fail
from tests.factories import ProfessionalGroupFactory, UserFactory, enrol, make_course, make_session
from tests.training.factories_attendance import past_session, seat
from training.models import Attendance, Certificate, Enrolment, Session
from training.services import session_cancel
from training.services.attendance import attendance_record

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

# Bounded: the whole module takes well under two minutes on two cores (about 25 s of CPU).
EXAMPLES_PER_OPERATION = 12
DEADLINE = timedelta(seconds=10)  # per example; far above the usual tens of milliseconds
SCHEMA_PATH = "/api/v1/openapi.json"


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        skip_or_fail("the API fuzz test needs PostgreSQL: run with DATABASE_URL=postgres://...")


@pytest.fixture
def world(programme) -> dict[str, list]:
    """Demo-like data with real ids: a course with open, past and cancelled sessions, enrolments (the
    staff member's among them), attendance with certificates, and a competence framework with two rounds."""
    group = ProfessionalGroupFactory()
    staff = UserFactory(professional_group=group, preferred_language="fi")
    coordinator = UserFactory(is_coordinator=True, professional_group=None, preferred_language="en")
    TOTP.activate(coordinator, generate_totp_secret())  # a coordinator's token works with two-step verification
    others = [UserFactory(unit=staff.unit, professional_group=group) for _ in range(5)]

    course = make_course(programme, "Lapset puheeksi")
    make_course(programme, "Perhekeskus tutuksi", requires_manager_approval=True)
    open_session = make_session(course, capacity=3, online_url="https://meet.example/abc")
    enrol(open_session, staff)
    for person in others[:4]:
        enrol(open_session, person)  # three seats taken, two waiting
    cancelled = make_session(course, starts_in_days=30)
    enrol(cancelled, others[4])
    session_cancel(session=cancelled, reason="Kouluttaja sairastui", by=coordinator)
    past = past_session(course, days_ago=20)
    for person in (staff, *others[:2]):  # completing issues their certificates (the course's default)
        attendance_record(enrolment=seat(past, person), day=past.days.get(), status=Attendance.Status.PRESENT)

    framework = make_gap_framework([group])
    earlier = make_gap_round(framework.version, opens_on=timezone.localdate() - timedelta(days=400), name="Kevät")
    survey = make_gap_round(framework.version)
    for person in (staff, *others):
        assess(person, earlier, {"A1": 1, "A2": 2, "B1": 4})
        assess(person, survey, {"A1": 2, "A2": 3, "B1": 4})
    certificates = list(Certificate.objects.values_list("code", flat=True))
    assert certificates, "the past session's completions issue certificates"

    return {
        "staff": [staff],
        "coordinator": [coordinator],
        "session_id": list(Session.objects.values_list("pk", flat=True)),
        "enrolment_id": list(Enrolment.objects.values_list("pk", flat=True)),
        "code": certificates,
        "course": [course.pk],
        "unit": [staff.unit_id],
        "group": [group.pk],
        "round": [survey.pk, earlier.pk],
        "compare": [earlier.pk, survey.pk],
    }


@pytest.fixture
def tokens(world, _connections_stay_open) -> dict[str, str]:
    """A personal API token of the staff member and of the coordinator."""
    REAL_VALUES.clear()
    REAL_VALUES.update(world)
    return {role: token_create(user=world[role][0], name="Fuzz")[1] for role in ("staff", "coordinator")}


@pytest.fixture
def _connections_stay_open():
    """Django closes the database connection around each request it handles, which would end the test's
    transaction; its own test client switches that off the same way."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


def served_schema() -> dict:
    """The schema as /api/v1/openapi.json serves it (built without a request: tests are collected before
    the database may be used)."""
    return json.loads(json.dumps(api.get_openapi_schema(path_prefix=SCHEMA_PATH.removesuffix("openapi.json"))))


# The ids of ``world`` while a test runs: generation swaps them in, so requests find real objects.
REAL_VALUES: dict[str, list] = {}

schema = schemathesis.openapi.from_dict(served_schema())
schema.app = WSGIHandler()  # called in-process, as `from_wsgi` sets it


def _valid_id_or_code(value) -> bool:
    """Only valid values are swapped: a case meant to be rejected must stay invalid."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return 1 <= value <= ID_MAX
    return isinstance(value, str) and value.isalnum()


def _with_real_values(values: dict | None) -> st.SearchStrategy:
    """The generated values, or (as often) the same with each valid id swapped for a real one."""
    swappable = {name for name, value in (values or {}).items() if REAL_VALUES.get(name) and _valid_id_or_code(value)}
    if not swappable:
        return st.just(values)
    real = st.fixed_dictionaries({name: st.sampled_from(REAL_VALUES[name]) for name in swappable})
    return st.one_of(st.just(values), real.map(lambda chosen: {**values, **chosen}))


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    return _with_real_values(path_parameters)


@schema.hook
def flatmap_query(context, query):
    return _with_real_values(query)


@schema.hook
def filter_failure(context, failure, case, response) -> bool:
    """Keeps every failure but those the schema cannot prevent, since a schema cannot relate two parameters:
    comparing a survey round with itself is refused (422, as ``compare`` says), and so is a period that ends
    before it starts (``to`` before ``from``)."""
    query = case.query or {}
    same_round = query.get("compare") is not None and query.get("compare") == query.get("round")
    return not (
        isinstance(failure, RejectedPositiveData)
        and response.status_code == 422
        and (same_round or _reversed_period(query))
    )


def _reversed_period(query: dict) -> bool:
    try:
        return date.fromisoformat(str(query["to"])) < date.fromisoformat(str(query["from"]))
    except (KeyError, ValueError):
        return False


def test_the_fuzzed_schema_is_the_served_one(client):
    assert json.loads(client.get(SCHEMA_PATH).content) == served_schema()


@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=DEADLINE,
    derandomize=True,  # the same cases on every run: CI is not the place for a lottery
    database=None,  # and no example database left in the work tree
    # The data and the token live through all of an operation's examples, as a server's would.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)
@schema.parametrize()
def test_the_api_survives_the_fuzzer_and_keeps_to_its_schema(case, tokens):
    for role, token in tokens.items():  # each case as both people: the data is built once per operation
        note(f"Sent with the {role}'s token.")
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"})  # as `schemathesis run -H` does
