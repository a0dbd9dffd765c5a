"""The organiser's pages: trainers of the session, coordinators and administrators manage its participants."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory, enrol, make_course, make_session
from training import notifications
from training.models import Enrolment, Session

pytestmark = pytest.mark.django_db
Status = Enrolment.Status


def url(name: str, *args) -> str:
    """English pages, so that the assertions read the English messages."""
    with translation.override("en"):
        return reverse(f"training:{name}", args=args)


def text(response) -> str:
    return response.content.decode()


def queries_for(client, address: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


def shown_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def course(programme):
    return make_course(programme, "Lapset puheeksi")


@pytest.fixture
def trainer():
    return UserFactory(is_trainer=True, first_name="Tiina", last_name="Kouluttaja")


@pytest.fixture
def session(course, trainer):
    session = make_session(course, capacity=2)
    session.trainers.add(trainer)
    return session


@pytest.fixture
def other_trainer(course):
    """A trainer of another session of the same course: nothing to do with ``session``."""
    user = UserFactory(is_trainer=True)
    make_session(course, starts_in_days=40).trainers.add(user)
    return user


@pytest.fixture
def coordinator():
    user = UserFactory(is_coordinator=True)
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def as_trainer(client, trainer):
    client.force_login(trainer)
    return client


@pytest.fixture
def sent(monkeypatch):
    """Notification events as (event, enrolment id), recorded instead of emailed."""
    events = []
    monkeypatch.setattr(notifications, "send", lambda event, enrolment_id: events.append((event, enrolment_id)))
    return events


# The list
# ------------------------------------------------------------------------------


class TestSessionList:
    def test_trainer_sees_own_sessions_with_seat_counts(self, as_trainer, session, other_trainer):
        enrol(session), enrol(session), enrol(session)
        response = as_trainer.get(url("organiser_sessions"))
        assert response.status_code == 200
        sessions = list(response.context["sessions"])
        assert sessions == [session]
        assert (sessions[0].confirmed_count, sessions[0].waiting_count) == (2, 1)
        assert "2 of 2" in text(response)

    def test_coordinator_sees_every_session(self, client, coordinator, session, other_trainer):
        client.force_login(coordinator)
        response = client.get(url("organiser_sessions"))
        assert response.status_code == 200
        assert len(response.context["sessions"]) == 2

    def test_staff_member_without_a_role_gets_403(self, client, session):
        client.force_login(UserFactory())
        assert client.get(url("organiser_sessions")).status_code == 403

    def test_anonymous_visitor_is_sent_to_sign_in(self, client, session):
        response = client.get(url("organiser_sessions"))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]

    def test_upcoming_sessions_come_first_soonest_first_then_past_ones(self, as_trainer, course, trainer):
        later = make_session(course, starts_in_days=30)
        sooner = make_session(course, starts_in_days=3)
        past = make_session(course, starts_in_days=-30)
        long_ago = make_session(course, starts_in_days=-300)
        for session in (later, sooner, past, long_ago):
            session.trainers.add(trainer)
        response = as_trainer.get(url("organiser_sessions"))
        assert list(response.context["sessions"]) == [sooner, later, past, long_ago]

    def test_query_count_does_not_grow_with_the_sessions(self, as_trainer, course, trainer):
        def add_sessions(count):
            for _ in range(count):
                session = make_session(course)
                session.trainers.add(trainer)
                enrol(session)

        add_sessions(1)
        as_trainer.get(url("organiser_sessions"))  # the first request of a site creates its settings row
        one = queries_for(as_trainer, url("organiser_sessions"))
        add_sessions(20)
        many = queries_for(as_trainer, url("organiser_sessions"))
        assert many == one


# Who may open what: allowed, a trainer of another session, an outsider
# ------------------------------------------------------------------------------

GET_VIEWS = [
    ("organiser_session", False),
    ("organiser_participant_remove", True),
    ("organiser_participant_move", True),
    ("organiser_session_cancel", False),
    ("organiser_participants_csv", False),
    ("organiser_participants_xlsx", False),
]


def view_url(name: str, session: Session, enrolment: Enrolment, needs_enrolment: bool) -> str:
    return url(name, session.pk, enrolment.pk) if needs_enrolment else url(name, session.pk)


class TestAccess:
    @pytest.mark.parametrize(("name", "needs_enrolment"), GET_VIEWS)
    def test_trainer_of_the_session_opens_it(self, as_trainer, session, name, needs_enrolment):
        enrolment = enrol(session)
        assert as_trainer.get(view_url(name, session, enrolment, needs_enrolment)).status_code == 200

    @pytest.mark.parametrize(("name", "needs_enrolment"), GET_VIEWS)
    def test_coordinator_opens_any_session(self, client, coordinator, session, name, needs_enrolment):
        enrolment = enrol(session)
        client.force_login(coordinator)
        assert client.get(view_url(name, session, enrolment, needs_enrolment)).status_code == 200

    @pytest.mark.parametrize(("name", "needs_enrolment"), GET_VIEWS)
    def test_trainer_of_another_session_gets_404(self, client, other_trainer, session, name, needs_enrolment):
        enrolment = enrol(session)
        client.force_login(other_trainer)
        assert client.get(view_url(name, session, enrolment, needs_enrolment)).status_code == 404

    @pytest.mark.parametrize(("name", "needs_enrolment"), GET_VIEWS)
    def test_anonymous_visitor_is_sent_to_sign_in(self, client, session, name, needs_enrolment):
        enrolment = enrol(session)
        response = client.get(view_url(name, session, enrolment, needs_enrolment))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]

    @pytest.mark.parametrize(("name", "needs_enrolment"), GET_VIEWS)
    def test_staff_member_gets_404(self, client, session, name, needs_enrolment):
        enrolment = enrol(session)
        client.force_login(enrolment.person)
        assert client.get(view_url(name, session, enrolment, needs_enrolment)).status_code == 404

    def test_administrator_opens_the_session_with_a_link_to_the_admin(self, client, session):
        admin = UserFactory(is_superuser=True, is_staff=True)
        TOTP.activate(admin, generate_totp_secret())
        client.force_login(admin)
        response = client.get(url("organiser_session", session.pk))
        assert response.status_code == 200
        assert f'href="/admin/training/sessions/edit/{session.pk}/"' in text(response)

    def test_sign_in_sheet_follows_the_same_rules(self, client, as_trainer, session, other_trainer):
        day = session.days.get()
        sheet = url("organiser_signin_sheet", session.pk, day.pk)
        assert as_trainer.get(sheet).status_code == 200
        client.force_login(other_trainer)
        assert client.get(sheet).status_code == 404

    def test_an_enrolment_of_another_session_is_not_found(self, as_trainer, session, course):
        elsewhere = enrol(make_session(course))
        response = as_trainer.get(url("organiser_participant_remove", session.pk, elsewhere.pk))
        assert response.status_code == 404

    @pytest.mark.parametrize(
        ("name", "data"),
        [
            ("organiser_participant_add", {"add-email": "someone@example.fi"}),
            ("organiser_capacity", {"capacity-capacity": "20"}),
            ("organiser_session_cancel", {"cancel-reason": "Kouluttaja sairastui."}),
        ],
    )
    def test_trainer_of_another_session_changes_nothing(self, client, other_trainer, session, name, data):
        UserFactory(email="someone@example.fi")
        client.force_login(other_trainer)
        assert client.post(url(name, session.pk), data).status_code == 404
        session.refresh_from_db()
        assert (session.capacity, session.status, session.enrolments.count()) == (2, Session.Status.OPEN, 0)

    @pytest.mark.parametrize("name", ["organiser_participant_add", "organiser_capacity"])
    def test_changes_are_post_only(self, as_trainer, session, name):
        assert as_trainer.get(url(name, session.pk)).status_code == 405


# The session page
# ------------------------------------------------------------------------------


class TestSessionPage:
    def test_it_shows_participants_the_numbered_waiting_list_and_requests(self, as_trainer, session, course):
        confirmed = [enrol(session, UserFactory(last_name=name)) for name in ("Virtanen", "Aalto")]
        waiting = [enrol(session) for _ in range(3)]
        course.requires_manager_approval = True
        course.save()
        requested = enrol(session)
        response = as_trainer.get(url("organiser_session", session.pk))
        roster = response.context["roster"]
        assert [e.person.last_name for e in roster.confirmed] == ["Aalto", "Virtanen"]
        assert [(e.position, e.pk) for e in roster.waiting] == [
            (1, waiting[0].pk),
            (2, waiting[1].pk),
            (3, waiting[2].pk),
        ]
        assert roster.awaiting_approval == [requested]
        page = text(response)
        for enrolment in [*confirmed, *waiting, requested]:
            assert enrolment.person.email in page
        assert confirmed[0].person.unit.name in page
        assert str(confirmed[0].person.professional_group) in page
        assert page.count("<h1") == 1
        # Nothing inline (the Content-Security-Policy forbids it); the site's own menu script is a file.
        assert "style=" not in page and "<script>" not in page
        assert page.count("<script") == page.count('<script src="/static/js/menu.js" defer></script>')

    def test_the_query_count_does_not_grow_with_the_participants(self, as_trainer, session):
        enrol(session)
        as_trainer.get(url("organiser_session", session.pk))
        one = queries_for(as_trainer, url("organiser_session", session.pk))
        for _ in range(15):
            enrol(session)
        assert queries_for(as_trainer, url("organiser_session", session.pk)) == one
