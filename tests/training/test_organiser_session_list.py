"""The organiser's session list: filters by course, period, status and place, totals, pages, constant queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import UserFactory, make_course, make_session
from tests.training import test_organiser_views as base
from tests.training.test_organiser_views import Status, queries_for, text, url
from training.models import Enrolment, Session
from training.views.organiser import SESSIONS_PER_PAGE

pytestmark = pytest.mark.django_db
course = base.course
trainer = base.trainer
as_trainer = base.as_trainer


def organised(trainer, course, **kwargs) -> Session:
    session = make_session(course, **kwargs)
    session.trainers.add(trainer)
    return session


def listed(response) -> list[int]:
    return [session.pk for session in response.context["sessions"]]


@pytest.fixture
def sessions(trainer, course, programme):
    other = make_course(programme, "Ihmeelliset vuodet")
    soon = organised(trainer, course, starts_in_days=5, capacity=4)
    later = organised(trainer, other, starts_in_days=40, capacity=6, place_name="Siilinjärven perhekeskus")
    past = organised(trainer, course, starts_in_days=-10, capacity=3)
    online = organised(trainer, other, starts_in_days=20, place_name="", online_url="https://teams.example/x")
    cancelled = organised(trainer, course, starts_in_days=60, status=Session.Status.CANCELLED)
    for session in (soon, soon, past):
        Enrolment.objects.create(session=session, person=UserFactory(), status=Status.CONFIRMED)
    Enrolment.objects.create(session=soon, person=UserFactory(), status=Status.WAITING)
    return {"soon": soon, "later": later, "past": past, "online": online, "cancelled": cancelled, "other": other}


class TestFilters:
    def test_by_course(self, as_trainer, sessions):
        response = as_trainer.get(url("organiser_sessions"), {"course": sessions["other"].pk})
        assert listed(response) == [sessions["online"].pk, sessions["later"].pk]

    def test_by_period_of_start_dates(self, as_trainer, sessions):
        today = timezone.localdate()
        response = as_trainer.get(
            url("organiser_sessions"),
            {"starts_from": today.isoformat(), "starts_until": (today + timedelta(days=30)).isoformat()},
        )
        assert listed(response) == [sessions["soon"].pk, sessions["online"].pk]

    @pytest.mark.parametrize(
        ("status", "expected"),
        [("upcoming", ["soon", "online", "later"]), ("ended", ["past"]), ("cancelled", ["cancelled"])],
    )
    def test_by_status(self, as_trainer, sessions, status, expected):
        response = as_trainer.get(url("organiser_sessions"), {"status": status})
        assert listed(response) == [sessions[name].pk for name in expected]

    def test_by_place_or_online(self, as_trainer, sessions):
        by_place = as_trainer.get(url("organiser_sessions"), {"place": "Siilinjärven perhekeskus"})
        assert listed(by_place) == [sessions["later"].pk]
        assert listed(as_trainer.get(url("organiser_sessions"), {"place": "online"})) == [sessions["online"].pk]

    def test_a_period_that_ends_before_it_starts_is_an_error(self, as_trainer, sessions):
        response = as_trainer.get(
            url("organiser_sessions"), {"starts_from": "2027-02-02", "starts_until": "2027-02-01"}
        )
        assert "The end of the period cannot be before its start." in text(response)
        assert len(listed(response)) == 5

    def test_nothing_matching_says_so_and_offers_to_clear(self, as_trainer, sessions):
        response = as_trainer.get(url("organiser_sessions"), {"status": "in_progress"})
        assert "No session matches these filters." in text(response)


class TestTotals:
    def test_they_count_the_filtered_sessions_participants_and_seats(self, as_trainer, sessions):
        assert as_trainer.get(url("organiser_sessions")).context["totals"] == {
            "sessions": 5,
            "confirmed": 3,
            "capacity": 4 + 6 + 3 + 10 + 10,
        }
        filtered = as_trainer.get(url("organiser_sessions"), {"course": sessions["soon"].course_id})
        assert filtered.context["totals"] == {"sessions": 3, "confirmed": 3, "capacity": 4 + 3 + 10}
        assert "3 confirmed participants" in text(filtered)


class TestPagesAndQueries:
    def test_pages_keep_the_filters(self, as_trainer, trainer, course):
        for offset in range(SESSIONS_PER_PAGE + 1):
            organised(trainer, course, starts_in_days=offset + 1)
        response = as_trainer.get(url("organiser_sessions"), {"course": course.pk})
        assert len(listed(response)) == SESSIONS_PER_PAGE
        assert f"?course={course.pk}&amp;page=2" in text(response)
        assert len(listed(as_trainer.get(url("organiser_sessions"), {"course": course.pk, "page": 2}))) == 1

    def test_the_query_count_does_not_grow_with_the_sessions(
        self, as_trainer, trainer, course, django_assert_max_num_queries
    ):
        organised(trainer, course, place_name="Paikka")
        addresses = [
            url("organiser_sessions"),
            url("organiser_sessions") + f"?course={course.pk}&status=upcoming&place=Paikka",
        ]
        as_trainer.get(addresses[0])
        with_one = [queries_for(as_trainer, address) for address in addresses]
        for offset in range(6):
            session = organised(trainer, course, starts_in_days=offset + 2, place_name="Paikka")
            Enrolment.objects.create(session=session, person=UserFactory(), status=Status.CONFIRMED)
        for address, count in zip(addresses, with_one, strict=True):
            with django_assert_max_num_queries(count):
                response = as_trainer.get(address)
            assert len(listed(response)) == 7
