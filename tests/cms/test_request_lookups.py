"""Signed-in pages: at most 10 queries whatever the data, Wagtail's lookups once per request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.factories import UserFactory, enrol, make_administrator, make_course, make_session

pytestmark = pytest.mark.django_db


def add_courses(programme, count: int) -> list:
    courses = []
    for number in range(count):
        course = make_course(programme, f"Kurssi {number}")
        for days in (10, 20):
            enrol(make_session(course, starts_in_days=days))
        courses.append(course)
    return courses


@pytest.fixture
def person():
    return UserFactory()


@pytest.mark.parametrize("size", [1, 8])
def test_signed_in_pages_spend_at_most_ten_queries(client, programme, person, size, django_assert_max_num_queries):
    courses = add_courses(programme, size)
    for course in courses:
        enrol(make_session(course, starts_in_days=30), person)
    client.force_login(person)
    pages = [
        "/",
        programme.url,
        programme.url + "?kind=course",
        programme.url + "?q=Kurssi",
        courses[0].url,
        "/sv" + courses[0].url,
        reverse("training:my_trainings"),
    ]
    for url in pages:
        client.get(url)  # the cached site, locale and chrome are in place after the first visit
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200


def test_site_locale_and_permissions_are_not_looked_up_again(client, programme, person):
    course = add_courses(programme, 2)[0]
    client.force_login(person)
    client.get(course.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(course.url)
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    # No query reads these tables (a page's own locale may come joined to it).
    for table in ("wagtailcore_site", "wagtailcore_locale", "auth_permission", "cms_sitesettings", "django_session"):
        assert f'FROM "{table}"' not in sql


def test_administrators_still_get_the_admin_link_and_user_bar(client, programme):
    client.force_login(make_administrator())
    html = client.get(programme.url).content.decode()
    assert reverse("wagtailadmin_home") in html
    assert "wagtail-userbar" in html


def test_other_people_get_neither(client, programme, person):
    client.force_login(person)
    html = client.get(programme.url).content.decode()
    assert reverse("wagtailadmin_home") not in html
    assert "wagtail-userbar" not in html


def test_a_view_restriction_added_later_applies_at_once(client, programme, django_capture_on_commit_callbacks):
    course = add_courses(programme, 1)[0]
    client.cookies["csrftoken"] = "x" * 32  # keeps the anonymous page cache out of the way
    assert client.get(course.url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=programme, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(course.url).status_code == 302
