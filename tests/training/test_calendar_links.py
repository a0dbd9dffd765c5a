"""Calendars in the interface: "Add to calendar" per session, the subscription address and a new address."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import enrol, make_session
from tests.training import test_enrolment_views as base
from tests.training.test_enrolment_views import content, page_url, url
from training.documents.calendar import feed_url
from training.models import CalendarFeed

pytestmark = pytest.mark.django_db
course = base.course
person = base.person
signed_in = base.signed_in


def calendar_links(html: str) -> list[str]:
    return re.findall(r'<a class="calendar-link" href="([^"]+)"[^>]*>(.*?)</a>', html, re.S)


class TestAddToCalendar:
    def test_every_session_on_the_course_page_has_its_own_named_link(self, client, course):
        first = make_session(course, starts_in_days=10)
        second = make_session(course, starts_in_days=20)

        links = calendar_links(content(client.get(page_url(course))))

        assert [href for href, _ in links] == [
            reverse("calendar:session", args=[first.pk]),
            reverse("calendar:session", args=[second.pk]),
        ]
        names = [re.sub(r"<[^>]+>", "", text) for _, text in links]
        assert len(set(names)) == 2  # the dates tell them apart
        assert all(name.startswith("Add to calendar") for name in names)
        with translation.override("en"):
            assert str(first.starts_at.astimezone().day) in names[0]

    def test_my_trainings_offers_it_for_upcoming_sessions(self, signed_in, person, course):
        enrolment = enrol(make_session(course), person)
        links = calendar_links(content(signed_in.get(url("my_trainings"))))
        assert [href for href, _ in links] == [reverse("calendar:session", args=[enrolment.session.pk])]


class TestSubscriptionAddress:
    @pytest.mark.parametrize("page", ["my_trainings", "profile"])
    def test_it_shows_the_address_readonly_with_copy_button_and_webcal_link(self, signed_in, person, page):
        with translation.override("en"):
            path = url("my_trainings") if page == "my_trainings" else reverse("people:profile")
        html = content(signed_in.get(path))
        address = feed_url(CalendarFeed.objects.get(person=person))
        assert f'readonly value="{address}"' in html
        assert 'data-copy-target="calendar-feed-address"' in html
        assert f'href="webcal://{address.partition("://")[2]}"' in html
        assert "/static/js/copy.js" in html
        assert "<script>" not in html  # no inline script (CSP)

    def test_a_new_address_asks_first_and_the_old_one_stops_working(self, signed_in, person):
        old = feed_url(CalendarFeed.objects.get_or_create(person=person)[0])
        regenerate = url("calendar_feed_regenerate")

        asked = signed_in.get(regenerate + "?next=" + url("my_trainings"))
        assert "stops working" in content(asked)
        assert CalendarFeed.objects.get(person=person).token in old

        response = signed_in.post(regenerate, {"confirm": "yes", "next": url("my_trainings")})

        assert response.status_code == 302 and response.url.startswith(url("my_trainings"))
        new = feed_url(CalendarFeed.objects.get(person=person))
        assert new != old
        assert signed_in.get(urlsplit(old).path).status_code == 404

    def test_a_post_without_confirmation_changes_nothing(self, signed_in, person):
        token = CalendarFeed.objects.get_or_create(person=person)[0].token
        signed_in.post(url("calendar_feed_regenerate"), {"next": "https://evil.example/"})
        assert CalendarFeed.objects.get(person=person).token == token

    def test_it_does_not_redirect_elsewhere(self, signed_in):
        response = signed_in.post(url("calendar_feed_regenerate"), {"confirm": "yes", "next": "https://evil.example/"})
        assert response.url.startswith(url("my_trainings"))

    def test_anonymous_visitors_are_sent_to_sign_in(self, client):
        response = client.post(url("calendar_feed_regenerate"), {"confirm": "yes"})
        assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
