"""My trainings: a person's enrolments by section, and the staff pages' query counts."""

import pytest
from django.urls import reverse

from core.cache import bump_places_version
from tests.factories import enrol, make_course, make_session
from tests.training import test_enrolment_views as base
from tests.training.test_enrolment_views import Status, _queries, content, page_url, url
from training.models import Enrolment

pytestmark = pytest.mark.django_db
course = base.course
session = base.session
person = base.person
signed_in = base.signed_in


class TestMyTrainings:
    def test_anonymous_visitors_are_sent_to_sign_in(self, client):
        response = client.get(url("my_trainings"))
        assert response.status_code == 302 and response.url.startswith(reverse("account_login"))

    def test_each_section_says_when_it_is_empty(self, signed_in):
        html = content(signed_in.get(url("my_trainings")))
        assert "<h1>My trainings</h1>" in html
        for empty in (
            "You have no upcoming trainings.",
            "You are not on any waiting list.",
            "You have no requests waiting for approval.",
            "You have no past trainings yet.",
            "Nothing has been cancelled or declined recently.",
        ):
            assert empty in html

    def test_it_sorts_enrolments_into_sections(self, signed_in, person, programme, course):
        upcoming = enrol(make_session(course), person)
        full = make_session(course, capacity=1, starts_in_days=30)
        enrol(full), enrol(full)
        waiting = enrol(full, person)
        approval_course = make_course(programme, "Ihmeelliset vuodet", requires_manager_approval=True)
        awaiting = enrol(make_session(approval_course), person)
        past = Enrolment.objects.create(
            session=make_session(course, starts_in_days=-30), person=person, status=Status.CONFIRMED
        )
        cancelled = enrol(make_session(course, starts_in_days=40), person)
        signed_in.post(url("cancel_enrolment", cancelled.pk))
        someone_elses = enrol(make_session(course, starts_in_days=50))

        response = signed_in.get(url("my_trainings"))
        names = ("upcoming", "waiting", "awaiting_approval", "past", "closed")
        sections = {name: [e.pk for e in response.context[name]] for name in names}
        assert sections == {
            "upcoming": [upcoming.pk],
            "waiting": [waiting.pk],
            "awaiting_approval": [awaiting.pk],
            "past": [past.pk],
            "closed": [cancelled.pk],
        }
        assert [e.queue_position for e in response.context["waiting"]] == [2]
        html = content(response)
        assert "You are on the waiting list (position 2)." in html
        assert "Ihmeelliset vuodet" in html
        assert f'href="{url("cancel_enrolment", someone_elses.pk)}"' not in html

    def test_a_declined_request_shows_the_reason(self, signed_in, person, programme):
        session = make_session(make_course(programme, "Ihmeelliset vuodet", requires_manager_approval=True))
        request = enrol(session, person)
        Enrolment.objects.filter(pk=request.pk).update(status=Status.DECLINED, decision_reason="Ei resursseja")
        assert "Declined: Ei resursseja" in content(signed_in.get(url("my_trainings")))


class TestQueryCounts:
    """The pages cost the same number of queries for 1 and for 50 sessions."""

    def test_course_page(
        self, signed_in, person, course, django_assert_max_num_queries, django_capture_on_commit_callbacks
    ):
        session = make_session(course, capacity=1)
        enrol(session), enrol(session, person)
        signed_in.get(page_url(course))  # warm the caches (site root, locales, route)
        with django_capture_on_commit_callbacks(execute=True):
            bump_places_version()  # the sessions are read afresh, as after any enrolment
        with_one = _queries(signed_in, page_url(course))
        with django_capture_on_commit_callbacks(execute=True):
            for number in range(49):
                extra = make_session(course, capacity=1, days=2, starts_in_days=15 + number)
                enrol(extra), enrol(extra)
                if number % 2:
                    enrol(extra, person)
        with django_assert_max_num_queries(with_one):
            response = signed_in.get(page_url(course))
        assert len(response.context["sessions"]) == 50

    def test_course_page_for_anonymous_visitors(self, client, course, django_assert_max_num_queries):
        enrol(make_session(course))
        client.get(page_url(course))
        with_one = _queries(client, page_url(course))
        for number in range(49):
            enrol(make_session(course, starts_in_days=15 + number))
        with django_assert_max_num_queries(with_one):
            client.get(page_url(course))

    def test_my_trainings(self, signed_in, person, programme, course, django_assert_max_num_queries):
        approval_course = make_course(programme, "Ihmeelliset vuodet", requires_manager_approval=True)

        def add_one_of_each(offset: int) -> None:
            enrol(make_session(course, starts_in_days=10 + offset), person)
            full = make_session(course, capacity=1, starts_in_days=10 + offset)
            enrol(full), enrol(full, person)
            enrol(make_session(approval_course, starts_in_days=10 + offset), person)
            Enrolment.objects.create(
                session=make_session(course, starts_in_days=-10 - offset), person=person, status=Status.CONFIRMED
            )
            Enrolment.objects.create(
                session=make_session(course, starts_in_days=10 + offset), person=person, status=Status.CANCELLED
            )

        add_one_of_each(0)
        signed_in.get(url("my_trainings"))
        with_one = _queries(signed_in, url("my_trainings"))
        for offset in range(1, 10):  # 5 sessions each: 50 in all
            add_one_of_each(offset)
        with django_assert_max_num_queries(with_one):
            response = signed_in.get(url("my_trainings"))
        assert len(response.context["waiting"]) == 10
        assert len(response.context["past"]) == 10

    def test_catalogue(self, client, programme, course, django_assert_max_num_queries):
        make_session(course)
        client.get(programme.url)
        with_one = _queries(client, programme.url)
        for number in range(49):
            make_session(course, starts_in_days=15 + number)
        with django_assert_max_num_queries(with_one):
            client.get(programme.url)
