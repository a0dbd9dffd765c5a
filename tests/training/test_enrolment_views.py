"""Staff: the course page's sessions, enrolling, cancelling and My trainings.

Pages are requested in English (``/en/...``) so the assertions read the msgids whatever the
Finnish catalogue says; the course page itself is the Finnish page, served under ``/en/`` too.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from tests.factories import UserFactory, enrol, make_course, make_session
from training.errors import TrainingError
from training.models import Enrolment, Session

pytestmark = pytest.mark.django_db
Status = Enrolment.Status


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(f"training:{name}", args=args)


def page_url(course) -> str:
    return "/en" + course.url


def content(response) -> str:
    return response.content.decode()


def assert_message(response, text: str) -> None:
    assert escape(text) in content(response), f"{text!r} not shown"


def error_message(code: str) -> str:
    with translation.override("en"):
        return TrainingError(code).message


@pytest.fixture
def course(programme):
    return make_course(programme, "Lapset puheeksi")


@pytest.fixture
def session(course):
    return make_session(course, capacity=2)


@pytest.fixture
def person():
    return UserFactory(first_name="Anna", last_name="Aalto")


@pytest.fixture
def signed_in(client, person):
    client.force_login(person)
    return client


class TestCoursePage:
    def test_it_lists_upcoming_sessions_with_seats_left_and_waiting_count(self, client, course):
        full = make_session(course, capacity=2, starts_in_days=10, place_name="Neuvola", place_address="Katu 1")
        roomy = make_session(
            course,
            capacity=10,
            starts_in_days=20,
            place_name="",
            place_address="",
            online_url="https://meet.example.fi/x",
        )
        for _ in range(3):
            enrol(full)
        enrol(roomy)
        response = client.get(page_url(course))
        sessions = response.context["sessions"]
        assert [s.pk for s in sessions] == [full.pk, roomy.pk]
        assert [(s.seats_left, s.waiting_count) for s in sessions] == [(0, 1), (9, 0)]
        html = content(response)
        assert "Full" in html and "1 waiting" in html
        assert "9 seats left" in html and "Nobody waiting" in html
        assert "Katu 1" in html and "Online" in html
        assert "https://meet.example.fi/x" not in html  # the link is for participants

    def test_it_shows_helsinki_times_in_the_local_format(self, client, course):
        make_session(course)
        html = content(client.get(course.url))  # Finnish
        assert "9.00–15.00" in html

    def test_it_hides_cancelled_and_past_sessions(self, client, course):
        make_session(course, status=Session.Status.CANCELLED)
        make_session(course, starts_in_days=-5)
        shown = make_session(course)
        assert [s.pk for s in client.get(page_url(course)).context["sessions"]] == [shown.pk]

    def test_it_says_when_there_are_no_sessions(self, client, course):
        assert "No sessions are scheduled" in content(client.get(page_url(course)))

    def test_anonymous_visitors_are_asked_to_sign_in_and_come_back(self, client, course, session):
        html = content(client.get(page_url(course)))
        assert f'href="{reverse("account_login")}?next=/en{course.url}"' in html
        assert url("enrol", session.pk) not in html

    def test_a_signed_in_person_gets_an_enrol_button(self, signed_in, course, session):
        html = content(signed_in.get(page_url(course)))
        assert f'href="{url("enrol", session.pk)}"' in html
        assert ">Enrol<" in html

    def test_a_full_session_offers_the_waiting_list(self, signed_in, course, session):
        enrol(session), enrol(session)
        assert "Join the waiting list" in content(signed_in.get(page_url(course)))

    def test_it_shows_the_persons_own_enrolment_and_waiting_position(self, signed_in, person, course, session):
        enrol(session), enrol(session), enrol(session)
        own = enrol(session, person)
        html = content(signed_in.get(page_url(course)))
        assert "You are on the waiting list (position 2)." in html
        assert f'href="{url("cancel_enrolment", own.pk)}"' in html
        assert "Leave the waiting list" in html

    def test_it_shows_a_request_awaiting_approval(self, signed_in, person, programme):
        course = make_course(programme, "Ihmeelliset vuodet", requires_manager_approval=True)
        enrol(make_session(course), person)
        html = content(signed_in.get(page_url(course)))
        assert "This course needs your manager's approval." in html
        assert "Your request is awaiting your manager's approval." in html

    def test_a_session_not_open_yet_says_when_enrolment_opens(self, signed_in, course):
        opens = timezone.now() + timedelta(days=3)
        make_session(course, enrolment_opens_at=opens)
        html = content(signed_in.get(page_url(course)))
        assert "Enrolment opens on" in html
        assert ">Enrol<" not in html

    def test_a_planned_session_is_listed_without_an_enrol_button(self, signed_in, course):
        make_session(course, status=Session.Status.PLANNED)
        html = content(signed_in.get(page_url(course)))
        assert "Not open for enrolment yet." in html and ">Enrol<" not in html


class TestEnrol:
    def test_anonymous_visitors_are_sent_to_sign_in(self, client, session):
        response = client.get(url("enrol", session.pk))
        assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
        assert client.post(url("enrol", session.pk)).status_code == 302
        assert not Enrolment.objects.exists()

    def test_the_confirmation_page_shows_the_session_and_the_free_seats(self, signed_in, session):
        response = signed_in.get(url("enrol", session.pk))
        html = content(response)
        assert response.status_code == 200
        assert "<h1>Confirm your enrolment</h1>" in html
        assert "Lapset puheeksi" in html and "Minna Canthin katu 22" in html
        assert "A seat is free" in html and ">Confirm enrolment<" in html
        assert not Enrolment.objects.exists()  # GET changes nothing

    def test_the_confirmation_page_announces_the_waiting_list_position(self, signed_in, session):
        for _ in range(4):
            enrol(session)
        html = content(signed_in.get(url("enrol", session.pk)))
        assert "You will be placed on the waiting list at position 3." in html

    def test_posting_confirms_a_free_seat(self, signed_in, person, session):
        response = signed_in.post(url("enrol", session.pk), follow=True)
        enrolment = Enrolment.objects.get(person=person)
        assert enrolment.status == Status.CONFIRMED
        assert response.redirect_chain[-1][0] == url("my_trainings")
        assert_message(response, "Your place in Lapset puheeksi on")

    def test_posting_to_a_full_session_joins_the_waiting_list_and_shows_the_position(self, signed_in, person, session):
        for _ in range(3):
            enrol(session)
        response = signed_in.post(url("enrol", session.pk), follow=True)
        assert Enrolment.objects.get(person=person).status == Status.WAITING
        assert_message(response, "You are on the waiting list at position 2")

    def test_a_course_needing_approval_makes_a_request_that_holds_no_seat(self, signed_in, person, programme):
        session = make_session(make_course(programme, "Ihmeelliset vuodet", requires_manager_approval=True))
        assert "needs your manager" in content(signed_in.get(url("enrol", session.pk)))
        response = signed_in.post(url("enrol", session.pk), follow=True)
        assert Enrolment.objects.get(person=person).status == Status.AWAITING_APPROVAL
        assert_message(response, "has been sent to your manager")
        assert "Awaiting approval" in content(response)

    def test_other_methods_are_refused(self, signed_in, session):
        assert signed_in.put(url("enrol", session.pk)).status_code == 405
        assert not Enrolment.objects.exists()

    def test_an_unknown_session_is_404(self, signed_in):
        assert signed_in.get(url("enrol", 999999)).status_code == 404

    def test_a_session_of_an_unpublished_course_is_404(self, signed_in, course, session):
        course.unpublish()
        assert signed_in.get(url("enrol", session.pk)).status_code == 404
        assert signed_in.post(url("enrol", session.pk)).status_code == 404
        assert not Enrolment.objects.exists()


class TestBadInput:
    """Each refusal shows the domain's message, sends the person back to the course and changes nothing."""

    @pytest.mark.parametrize(
        ("change", "code"),
        [
            ({"status": Session.Status.PLANNED}, "session_not_open"),
            ({"status": Session.Status.CANCELLED}, "session_cancelled"),
            ({"enrolment_closes_at": timezone.now() - timedelta(days=1)}, "enrolment_closed"),
        ],
        ids=["closed", "cancelled", "enrolment-window-closed"],
    )
    def test_enrolling_in_a_session_that_takes_no_enrolments(self, signed_in, course, session, change, code):
        Session.objects.filter(pk=session.pk).update(**change)
        for response in (
            signed_in.post(url("enrol", session.pk), follow=True),
            signed_in.get(url("enrol", session.pk), follow=True),
        ):
            assert response.redirect_chain[-1][0] == course.url
            assert_message(response, error_message(code))
        assert not Enrolment.objects.exists()

    def test_enrolling_in_a_past_session(self, signed_in, course):
        past = make_session(course, starts_in_days=-3)
        response = signed_in.post(url("enrol", past.pk), follow=True)
        assert_message(response, error_message("session_started"))
        assert_message(signed_in.get(url("enrol", past.pk), follow=True), error_message("session_started"))
        assert not Enrolment.objects.exists()

    def test_enrolling_twice(self, signed_in, person, session):
        enrol(session, person)
        response = signed_in.post(url("enrol", session.pk), follow=True)
        assert_message(response, error_message("already_enrolled"))
        assert_message(signed_in.get(url("enrol", session.pk), follow=True), error_message("already_enrolled"))
        assert list(Enrolment.objects.values_list("status", flat=True)) == [Status.CONFIRMED]

    def test_cancelling_after_the_deadline(self, signed_in, person, session):
        enrolment = enrol(session, person)
        Session.objects.filter(pk=session.pk).update(cancellation_deadline=timezone.now() - timedelta(hours=1))
        for response in (
            signed_in.post(url("cancel_enrolment", enrolment.pk), follow=True),
            signed_in.get(url("cancel_enrolment", enrolment.pk), follow=True),
        ):
            assert response.redirect_chain[-1][0] == url("my_trainings")
            assert_message(response, error_message("cancellation_deadline_passed"))
        enrolment.refresh_from_db()
        assert enrolment.status == Status.CONFIRMED
        assert "The cancellation deadline has passed." in content(signed_in.get(url("my_trainings")))

    def test_touching_someone_elses_enrolment_is_404(self, signed_in, session):
        other = enrol(session)
        assert signed_in.get(url("cancel_enrolment", other.pk)).status_code == 404
        assert signed_in.post(url("cancel_enrolment", other.pk)).status_code == 404
        other.refresh_from_db()
        assert other.status == Status.CONFIRMED

    def test_cancelling_twice(self, signed_in, person, session):
        enrolment = enrol(session, person)
        signed_in.post(url("cancel_enrolment", enrolment.pk))
        response = signed_in.post(url("cancel_enrolment", enrolment.pk), follow=True)
        assert_message(response, error_message("not_active"))
        assert_message(signed_in.get(url("cancel_enrolment", enrolment.pk), follow=True), error_message("not_active"))


class TestCancel:
    def test_anonymous_visitors_are_sent_to_sign_in(self, client, session):
        enrolment = enrol(session)
        response = client.post(url("cancel_enrolment", enrolment.pk))
        assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
        enrolment.refresh_from_db()
        assert enrolment.status == Status.CONFIRMED

    def test_the_confirmation_page_asks_first(self, signed_in, person, session):
        enrolment = enrol(session, person)
        html = content(signed_in.get(url("cancel_enrolment", enrolment.pk)))
        assert "<h1>Cancel your enrolment</h1>" in html and "Yes, cancel my enrolment" in html
        enrolment.refresh_from_db()
        assert enrolment.status == Status.CONFIRMED

    def test_cancelling_frees_the_seat_for_the_first_in_line(self, signed_in, person, session):
        enrolment = enrol(session, person)
        enrol(session)
        first_in_line = enrol(session)
        response = signed_in.post(url("cancel_enrolment", enrolment.pk), follow=True)
        assert_message(response, "Your enrolment in Lapset puheeksi on")
        enrolment.refresh_from_db(), first_in_line.refresh_from_db()
        assert (enrolment.status, first_in_line.status) == (Status.CANCELLED, Status.CONFIRMED)

    def test_leaving_the_waiting_list(self, signed_in, person, session):
        enrol(session), enrol(session)
        enrolment = enrol(session, person)
        assert "<h1>Leave the waiting list</h1>" in content(signed_in.get(url("cancel_enrolment", enrolment.pk)))
        response = signed_in.post(url("cancel_enrolment", enrolment.pk), follow=True)
        assert_message(response, "You have left the waiting list for Lapset puheeksi")


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)
