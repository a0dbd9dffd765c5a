"""Every POST action of the site, tried by an organiser, a manager and a coordinator on objects outside their reach.

The addresses that take POST are read from the URL configuration (the methods their views allow), so an
address added later fails ``test_every_post_address_is_tried_or_exempt`` until it is listed here: in
``TARGETS`` with a way to reach outside (args and data built from the world below), or in ``EXEMPT``
with the reason it has no object outside anyone's reach. Each attempt must answer 403 or 404 and change
nothing in the database.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.files.base import ContentFile
from django.urls import URLResolver, get_resolver, reverse
from django.utils import translation
from wagtail.models import APIToken

from competencies.models import Assessment, Evidence, Rating, SurveyRound
from tests.competencies.factories import make_framework, make_round
from tests.factories import OrgUnitFactory, UserFactory, enrol, make_course, make_session
from tests.training.factories_certificates import completed
from tests.training.test_organiser_reach import POSTS as ORGANISER_POSTS
from tests.training.test_organiser_reach import Reach
from tests.training.test_organiser_reach import reach as reach
from training.models import (
    Attendance,
    Certificate,
    CertificateBatch,
    CheckIn,
    Enrolment,
    FeedbackReceipt,
    FeedbackResponse,
    Session,
)

pytestmark = pytest.mark.django_db

SKIPPED_PREFIXES = ("admin/", "django-admin/", "accounts/", "api/")

EXEMPT = {
    "healthz": "answers any method the same and changes nothing",
    "people:team": "a list: answers any method as GET, changes nothing",
    "people:person_detail": "a page: answers any method as GET, changes nothing",
    "people:profile": "the signed-in person's own profile only",
    "people:api_token_create": "creates a token for the signed-in person only",
    "people:data_export_create": "builds the signed-in person's own data only",
    "people:invitation": "a signed invitation link: opens sign-up for the address it names, no object of anyone's",
    "training:calendar_feed_regenerate": "gives the signed-in person's own calendar a new address only",
    "training:enrol": "the catalogue is open to everyone: a person enrols themself",
    "training:check_in": "checks the signed-in person in with a code shown in the room",
    "training:check_in_code": "checks the signed-in person in with a code shown in the room",
    "competencies:evidence_create": "adds evidence of the signed-in person only",
    "wagtail_serve": "Wagtail's pages: a course page's forms post to the addresses above",
    "wagtailcore_authenticate_with_password": "Wagtail's password for a protected page, no object of anyone's",
    "wagtailcore_login": "Wagtail's sign-in for a page restricted to signed-in people",
    "wagtaildocs_serve": "Wagtail's documents, served as GET whatever the method",
    "wagtaildocs_authenticate_with_password": "Wagtail's password for a protected document, no object of anyone's",
}


@dataclass
class World:
    reach: Reach
    outsider_enrolment: Enrolment
    outsider_request: Enrolment
    outsider_token: APIToken
    outsider_evidence: Evidence
    outsider_assessment: Assessment
    foreign_round: SurveyRound
    manager: object
    coordinator: object


@pytest.fixture
def world(reach, programme) -> World:
    """Outside everyone's reach: a person of an unmanaged unit, their enrolments, token, evidence and assessment."""
    data = make_framework()
    far_unit, managed_unit = OrgUnitFactory(), OrgUnitFactory()
    outsider = UserFactory(unit=far_unit, professional_group=data.group)
    manager = UserFactory(unit=managed_unit, professional_group=data.group)
    managed_unit.managers.add(manager)
    coordinator = UserFactory(is_coordinator=True, professional_group=None)
    TOTP.activate(coordinator, generate_totp_secret())
    approval_session = make_session(make_course(programme, "MARAK", requires_manager_approval=True))
    foreign_round = make_round(data, units=[far_unit])
    assessment = Assessment.objects.create(round=foreign_round, person=outsider, status="submitted")
    evidence = Evidence.objects.create(
        person=outsider, kind="external", title="MIELI", achieved_on=datetime.date(2025, 5, 20),
        file=ContentFile(b"%PDF-1.4", name="todistus.pdf"),
    )  # fmt: skip
    return World(
        reach=reach,
        outsider_enrolment=completed(reach.foreign, outsider),
        outsider_request=enrol(approval_session, outsider),
        outsider_token=APIToken.create_token(user=outsider, name="Kalenteri")[0],
        outsider_evidence=evidence,
        outsider_assessment=assessment,
        foreign_round=foreign_round,
        manager=manager,
        coordinator=coordinator,
    )


def _organiser(name: str):
    return lambda world: ORGANISER_POSTS[name](world.reach)


# name -> ways to reach outside: [(args, data)] built from the world
TARGETS = {
    **{f"training:{name}": _organiser(name) for name in ORGANISER_POSTS},
    "people:api_token_revoke": lambda w: [((w.outsider_token.pk,), {"confirm": "yes"})],
    "training:cancel_enrolment": lambda w: [((w.reach.foreign_waiting.pk,), {})],
    "training:approval_decide": lambda w: [((w.outsider_request.pk,), {"decision": "approve"})],
    "training:feedback_answer": lambda w: [
        ((w.outsider_enrolment.pk,), {"overall": "4", "usefulness": "5", "trainers": "4", "recommend": "True"})
    ],
    "competencies:round_create": lambda w: [((), {"name_fi": "Kartoitus", "version": w.foreign_round.version_id})],
    "competencies:round_notify": lambda w: [((w.foreign_round.pk,), {})],
    "competencies:round_remind": lambda w: [((w.foreign_round.pk,), {})],
    "competencies:assessment": lambda w: [((w.foreign_round.pk,), {"submit": "1"})],
    "competencies:discussion": lambda w: [((w.outsider_assessment.pk,), {"discussed": "on"})],
    "competencies:evidence_delete": lambda w: [((w.outsider_evidence.pk,), {})],
}

# A coordinator's own across the network (they plan the survey rounds and organise every session, see
# training.selectors.sessions_organised_by): no object lies outside a coordinator's reach there.
COORDINATORS_OWN = {
    "competencies:round_create",
    "competencies:round_notify",
    "competencies:round_remind",
    *(f"training:{name}" for name in ORGANISER_POSTS),
}


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            yield prefix + str(pattern.pattern), namespace + (pattern.name or ""), pattern.callback


def allowed_methods(view) -> set[str] | None:
    """The methods a ``require_http_methods`` decorator (anywhere in the wrapping) allows; None: any."""
    seen = set()
    while view is not None and id(view) not in seen:
        seen.add(id(view))
        for cell in getattr(view, "__closure__", None) or ():
            try:
                value = cell.cell_contents
            except ValueError:
                continue
            if isinstance(value, list | tuple) and value and all(isinstance(x, str) and x.isupper() for x in value):
                return set(value)
        view = getattr(view, "__wrapped__", None)
    return None


def post_addresses() -> set[str]:
    names = set()
    for route, name, view in _walk(get_resolver().url_patterns):
        if route.lstrip("^").startswith(SKIPPED_PREFIXES) or not name:
            continue
        methods = allowed_methods(view)
        if methods is None or "POST" in methods:
            names.add(name)
    return names


def state() -> tuple:
    """Everything the POST actions could change."""
    return (
        sorted(Enrolment.objects.values_list("pk", "session_id", "status", "outcome", "decided_by")),
        sorted(Session.objects.values_list("pk", "capacity", "status")),
        sorted(Attendance.objects.values_list("pk", "status", "minutes")),
        sorted(Certificate.objects.values_list("pk", "revoked_at")),
        CertificateBatch.objects.count(),
        CheckIn.objects.count(),
        FeedbackReceipt.objects.count(),
        FeedbackResponse.objects.count(),
        sorted(SurveyRound.objects.values_list("pk", "notified_at", "reminded_at")),
        sorted(Assessment.objects.values_list("pk", "status", "discussed_at", "manager_id")),
        sorted(Rating.objects.values_list("pk", "manager_level", "manager_comment")),
        sorted(Evidence.objects.values_list("pk", "file")),
        sorted(APIToken.objects.values_list("pk", "revoked_at")),
    )


def test_every_post_address_is_tried_or_exempt():
    addresses = post_addresses()
    assert addresses - set(TARGETS) - set(EXEMPT) == set(), "POST addresses neither tried nor exempt"
    assert set(TARGETS) - addresses == set(), "tried addresses that no longer take POST"


@pytest.mark.parametrize("role", ["organiser", "manager", "coordinator"])
def test_no_post_action_reaches_outside(client, world, role):
    actor = {"organiser": world.reach.trainer, "manager": world.manager, "coordinator": world.coordinator}[role]
    client.force_login(actor)
    for name, attempts in sorted(TARGETS.items()):
        if role == "coordinator" and name in COORDINATORS_OWN:
            continue
        for args, data in attempts(world):
            before = state()
            with translation.override("fi"):
                address = reverse(name, args=args)

            response = client.post(address, data)

            assert response.status_code in (403, 404), (role, name, args, response.status_code)
            assert state() == before, (role, name, args)


def test_the_same_attempts_succeed_within_reach(client, world):
    """The data above is what the actions take: on the actor's own objects they change something."""
    outsider = world.outsider_token.user
    world.manager.managed_units.add(outsider.unit)
    client.force_login(world.manager)
    for name in ("training:approval_decide", "competencies:discussion"):
        before = state()
        [(args, data)] = TARGETS[name](world)
        response = client.post(reverse(name, args=args), data)
        assert response.status_code in (200, 302), name
        assert state() != before, name
    client.force_login(outsider)
    for name in ("people:api_token_revoke", "competencies:evidence_delete"):
        before = state()
        [(args, data)] = TARGETS[name](world)
        assert client.post(reverse(name, args=args), data).status_code == 302, name
        assert state() != before, name
