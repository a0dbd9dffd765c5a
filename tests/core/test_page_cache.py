"""Anonymous pages from the shared cache: hits, the content version, and nothing personal shared."""

import pytest
from django.core.cache import cache

from core.cache import HIT_HEADER, content_version, places_version
from tests.factories import UserFactory, enrol, make_course, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(programme):
    return make_course(programme, "Lapset puheeksi")


@pytest.fixture
def session(course):
    return make_session(course, capacity=5)


def test_a_second_anonymous_visit_is_served_from_the_cache_without_queries(
    client, home, programme, course, session, django_assert_num_queries
):
    for url in ("/", programme.url, programme.url + "?q=puheeksi", course.url, "/sv" + course.url):
        first = client.get(url)
        assert first[HIT_HEADER] == "miss"
        with django_assert_num_queries(0):
            second = client.get(url)
        assert second[HIT_HEADER] == "hit"
        assert second.content == first.content
        assert second["Content-Type"] == first["Content-Type"]
        assert "Content-Security-Policy" in second
        assert "Cookie" in second["Vary"] and "Cookie" in first["Vary"]


def test_languages_and_queries_are_kept_apart(client, programme, course):
    finnish = client.get(course.url).content.decode()
    swedish = client.get("/sv" + course.url).content.decode()
    assert 'lang="fi"' in finnish and 'lang="sv"' in swedish
    assert client.get(programme.url + "?q=puheeksi").content != client.get(programme.url + "?q=zzz").content


def test_an_enrolment_shows_once_it_commits(client, course, session, django_capture_on_commit_callbacks):
    assert "5 seats left" in client.get("/en" + course.url).content.decode()
    version, content = places_version(), content_version()
    with django_capture_on_commit_callbacks(execute=True):
        enrol(session)
    # The places version moves; the content version (the site, locale and chrome lookups) stays.
    assert (places_version(), content_version()) == (version + 1, content)
    response = client.get("/en" + course.url)
    assert response[HIT_HEADER] == "miss"
    assert "4 seats left" in response.content.decode()


def test_the_version_is_not_bumped_before_the_commit(course, session, django_capture_on_commit_callbacks):
    version = places_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enrol(session)
    assert places_version() == version and callbacks


def test_publishing_shows_at_once(client, course, django_capture_on_commit_callbacks):
    client.get(course.url)
    course.title = "Lapset puheeksi -menetelmä"
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()
    assert "Lapset puheeksi -menetelmä" in client.get(course.url).content.decode()


def test_unpublishing_shows_at_once(client, programme, course, django_capture_on_commit_callbacks):
    assert "Lapset puheeksi" in client.get(programme.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        course.unpublish()
    assert client.get(course.url).status_code == 404
    assert "Lapset puheeksi" not in client.get(programme.url).content.decode()


def test_a_forgotten_version_starts_again_from_a_fresh_page(client, course):
    client.get(course.url)
    cache.delete("content-version")
    assert client.get(course.url)[HIT_HEADER] == "miss"


def test_nothing_personal_is_shared(client, course, session):
    anna = UserFactory(first_name="Anna", last_name="Aalto")
    ben = UserFactory(first_name="Bertil", last_name="Berg")
    enrol(session, anna)
    visitors = []
    for person in (anna, ben, None):
        visitor = client.__class__()
        if person:
            visitor.force_login(person)
        visitors.append(visitor)
    anonymous = visitors[2]
    for _ in range(2):  # the second round would be served from the cache if anything were stored
        pages = [visitor.get(course.url) for visitor in visitors]
        assert pages[0].get(HIT_HEADER) is None and pages[1].get(HIT_HEADER) is None
        html = [page.content.decode() for page in pages]
        assert "Anna Aalto" in html[0] and "Bertil Berg" not in html[0]
        assert "Bertil Berg" in html[1] and "Anna Aalto" not in html[1]
        assert "Anna Aalto" not in html[2] and "Bertil Berg" not in html[2]
        assert "csrfmiddlewaretoken" in html[0] and "csrfmiddlewaretoken" not in html[2]
        assert "status--" in html[0]
        assert "status--" not in html[1] and "status--" not in html[2]
    assert anonymous.get(course.url)[HIT_HEADER] == "hit"


def test_a_visitor_with_a_session_or_csrf_cookie_is_never_served_from_the_cache(client, course):
    client.get(course.url)
    client.cookies["csrftoken"] = "x" * 32
    assert client.get(course.url).get(HIT_HEADER) is None
    del client.cookies["csrftoken"]
    client.cookies["sessionid"] = "nothing"
    assert client.get(course.url).get(HIT_HEADER) is None
    del client.cookies["sessionid"]
    client.cookies["messages"] = "a message waiting"
    assert client.get(course.url).get(HIT_HEADER) is None


def test_a_page_that_sets_a_cookie_is_not_stored(client, home):
    # The sign-in page embeds a CSRF token (and sets its cookie): it is never stored.
    first = client.get("/accounts/login/")
    assert first.get(HIT_HEADER) is None
    client.cookies.clear()
    assert client.get("/accounts/login/").get(HIT_HEADER) is None


# The catalogue's listing, shared by signed-in readers too
# ------------------------------------------------------------------------------


def _signed_in(client, person):
    visitor = client.__class__()
    visitor.force_login(person)
    return visitor


def _queries(visitor, url) -> list[str]:
    """The SQL of one successful request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert visitor.get(url).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def _listing_queries(visitor, url) -> list[str]:
    # The seats and the courses of the listing (the catalogue page itself is routed to as any page).
    return [sql for sql in _queries(visitor, url) if "training_session" in sql]


def test_a_signed_in_reader_gets_the_listing_from_the_shared_cache(client, programme, course, session):
    visitor = _signed_in(client, UserFactory())
    assert _listing_queries(visitor, programme.url + "?q=puheeksi")  # the first reader counts the seats
    assert _listing_queries(visitor, programme.url + "?q=puheeksi") == []
    # Another address is another listing.
    assert _listing_queries(visitor, programme.url + "?q=lapset")


def test_the_shared_listing_follows_enrolments_and_publishing(
    client, programme, course, session, django_capture_on_commit_callbacks
):
    visitor = _signed_in(client, UserFactory())
    assert "5 seats left" in visitor.get("/en" + programme.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        enrol(session)
    assert "4 seats left" in visitor.get("/en" + programme.url).content.decode()
    new = make_course(programme, "Vauvaperheen arki", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        new.save_revision().publish()
    assert "Vauvaperheen arki" in visitor.get("/en" + programme.url).content.decode()


def test_two_signed_in_readers_share_the_listing_and_nothing_else(client, programme, course, session):
    anna = UserFactory(first_name="Anna", last_name="Aalto")
    bertil = UserFactory(first_name="Bertil", last_name="Berg")
    enrol(session, anna)
    first = _signed_in(client, anna).get(programme.url).content.decode()
    second = _signed_in(client, bertil).get(programme.url).content.decode()
    assert "Anna Aalto" in first and "Bertil Berg" not in first
    assert "Bertil Berg" in second and "Anna Aalto" not in second
    listing = first[first.index("<h1") : first.index("</main>")]
    assert listing in second and "Lapset puheeksi" in listing


def test_a_signed_in_reader_sees_a_published_change_of_the_course_at_once(
    client, course, session, django_capture_on_commit_callbacks
):
    visitor = _signed_in(client, UserFactory())
    assert "Lapset puheeksi" in visitor.get(course.url).content.decode()
    course.summary = "Uusi kuvaus menetelmästä."
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()
    assert "Uusi kuvaus menetelmästä." in visitor.get(course.url).content.decode()


@pytest.mark.parametrize("page_name", ["programme", "course"])
def test_a_preview_shows_the_draft_and_shares_nothing(client, request, page_name, course, session):
    page = request.getfixturevalue(page_name)
    visitor = _signed_in(client, UserFactory())
    title, host = page.title, page.get_site().hostname  # a preview asks for the page at its site's host
    visitor.get(page.url, HTTP_HOST=host)  # the shared fragments are in place
    page.title = "Luonnos: uusi otsikko"
    preview = page.make_preview_request()
    assert "<h1>Luonnos: uusi otsikko</h1>" in preview.content.decode()
    after = visitor.get(page.url, HTTP_HOST=host).content.decode()
    assert f"<h1>{title}</h1>" in after and "Luonnos" not in after


# A course page's sessions and the route to a page, shared by signed-in readers
# ------------------------------------------------------------------------------


def _queried_tables(visitor, url) -> str:
    return " ".join(_queries(visitor, url))


def test_a_signed_in_reader_gets_the_sessions_and_the_route_from_the_shared_cache(client, course, session):
    visitor = _signed_in(client, UserFactory())
    first = _queried_tables(visitor, course.url)
    assert 'FROM "training_session"' in first and 'FROM "wagtailcore_page"' in first
    second = _queried_tables(visitor, course.url)
    assert 'FROM "training_session"' not in second and 'FROM "wagtailcore_page"' not in second
    # Their own enrolments are still read on every request.
    assert 'FROM "training_enrolment"' in second


def test_the_course_pages_sessions_follow_enrolments_and_sessions(
    client, course, session, django_capture_on_commit_callbacks
):
    anna = UserFactory()
    visitor = _signed_in(client, anna)
    assert "5 seats left" in visitor.get("/en" + course.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        enrol(session)
    assert "4 seats left" in visitor.get("/en" + course.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        enrol(session, anna)
    html = visitor.get("/en" + course.url).content.decode()
    assert "3 seats left" in html and "You are enrolled." in html
    with django_capture_on_commit_callbacks(execute=True):
        make_session(course, capacity=7, starts_in_days=40)
    assert "7 seats left" in visitor.get("/en" + course.url).content.decode()


def test_a_signed_in_reader_follows_unpublishing_and_a_new_address_at_once(
    client, programme, course, django_capture_on_commit_callbacks
):
    visitor = _signed_in(client, UserFactory())
    old_url = course.url
    assert visitor.get(old_url).status_code == 200
    course.slug = "lapset-puheeksi-menetelma"
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()
    course.refresh_from_db()
    moved = visitor.get(old_url)  # Wagtail's redirect from the old address, not the page routed before
    assert moved.status_code == 301 and moved["Location"] == course.url
    assert visitor.get(course.url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        course.unpublish()
    assert visitor.get(course.url).status_code == 404


def test_my_trainings_shows_a_course_as_published_at_once(client, course, session, django_capture_on_commit_callbacks):
    from django.urls import reverse

    anna = UserFactory()
    enrol(session, anna)
    visitor = _signed_in(client, anna)
    my_trainings = reverse("training:my_trainings")
    assert "Lapset puheeksi" in visitor.get(my_trainings).content.decode()
    assert 'FROM "wagtailcore_page"' not in _queried_tables(visitor, my_trainings)  # the courses, shared
    course.title = "Lapset puheeksi -menetelmä"
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()
    assert "Lapset puheeksi -menetelmä" in visitor.get(my_trainings).content.decode()


def test_an_address_that_leads_nowhere_is_not_kept(client, programme, course):
    from core.cache import _local

    def routes() -> list[str]:
        return [key for key in _local._cache if ":route:" in key]

    visitor = _signed_in(client, UserFactory())
    visitor.get(course.url)
    assert len(routes()) == 1  # the course page's
    for number in range(5):
        assert visitor.get(f"{programme.url}ei-ole-{number}/").status_code == 404
    assert len(routes()) == 1
