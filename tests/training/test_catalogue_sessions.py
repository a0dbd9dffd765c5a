"""The catalogue answers "what is on soon near me": next session on the card, filters by period,
place, online, free places and competence, ordering by the next session, constant queries."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone, translation

from tests.competencies.factories import make_gap_framework
from tests.factories import ProfessionalGroupFactory, enrol, make_course, make_session

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [course.title for course in response.context["courses"]]


@pytest.fixture
def courses(programme):
    soon = make_course(programme, "Aaa myöhemmin")
    make_session(soon, starts_in_days=60, capacity=1, place_name="Iisalmen perhekeskus", place_address="Iisalmi")
    full = make_course(programme, "Bbb täynnä")
    session = make_session(full, starts_in_days=5, capacity=1)
    enrol(session)
    online = make_course(programme, "Ccc verkossa")
    make_session(online, starts_in_days=20, place_name="", place_address="", online_url="https://example.fi/meet")
    make_course(programme, "Ddd ei aikoja")
    return {"later": soon, "full": full, "online": online}


def test_cards_show_the_next_sessions_date_place_and_seats(client, programme, courses):
    with translation.override("fi"):
        html = client.get(programme.url).content.decode()
    first_day = (timezone.localdate() + datetime.timedelta(days=60)).strftime("%-d.%-m.%Y")
    assert first_day in html
    assert "Iisalmen perhekeskus" in html
    assert "1 paikka jäljellä" in html
    assert "Täynnä – jonotuslista" in html
    assert "Verkossa" in html
    assert "Tulevia koulutuskertoja ei vielä ole." in html


def test_filters_by_period(client, programme, courses):
    today = timezone.localdate()
    params = {"starts_from": today.isoformat(), "starts_until": (today + datetime.timedelta(days=30)).isoformat()}
    assert titles(client.get(programme.url, params)) == ["Bbb täynnä", "Ccc verkossa"]


def test_filters_by_municipality_or_place(client, programme, courses):
    assert titles(client.get(programme.url, {"place": "iisalmi"})) == ["Aaa myöhemmin"]


def test_filters_online_sessions(client, programme, courses):
    assert titles(client.get(programme.url, {"online": "on"})) == ["Ccc verkossa"]


def test_filters_sessions_with_places_left(client, programme, courses):
    assert titles(client.get(programme.url, {"has_places": "on"})) == ["Aaa myöhemmin", "Ccc verkossa"]


def test_one_session_must_meet_every_session_filter(client, programme, courses):
    assert titles(client.get(programme.url, {"place": "iisalmi", "online": "on"})) == []


def test_sorts_by_next_session_with_undated_courses_last(client, programme, courses):
    assert titles(client.get(programme.url, {"sort": "next"})) == [
        "Bbb täynnä",
        "Ccc verkossa",
        "Aaa myöhemmin",
        "Ddd ei aikoja",
    ]


def test_filters_by_competence_developed(client, programme, courses):
    nurse = ProfessionalGroupFactory(code="th-cat")
    framework = make_gap_framework([nurse], codes=("A1", "A2"), code="cat")
    courses["online"].develops_competences.set([framework["A1"]])
    courses["online"].save_revision().publish()
    assert titles(client.get(programme.url, {"competence": "A1"})) == ["Ccc verkossa"]


@pytest.mark.parametrize("params", [{}, {"sort": "next", "has_places": "on", "place": "kuopio", "online": ""}])
def test_query_count_stays_constant_with_sessions(client, programme, params, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(number):
        course = make_course(programme, f"Koulutus {number:02d}")
        make_session(course, starts_in_days=number + 1)
        make_session(course, starts_in_days=number + 40)

    # The page is rendered each time, not served from the anonymous page cache (a cookie of one's own bypasses it).
    client.cookies[settings.CSRF_COOKIE_NAME] = "x" * 32
    add(0)
    client.get(programme.url, params)  # warm caches (site root, locales)
    with CaptureQueriesContext(connection) as baseline:
        assert client.get(programme.url, params).status_code == 200
    for number in range(1, 30):
        add(number)
    with django_assert_max_num_queries(len(baseline)):
        response = client.get(programme.url, params)
    assert response.status_code == 200
    assert len(response.context["courses"]) == 12
