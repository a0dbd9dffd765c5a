"""Calendar links, the subscription address, the organiser's session list and an ended session under axe-core
(WCAG 2.1 A/AA) in Finnish and Swedish, and the copy button by keyboard alone."""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.conftest import assert_page_has_no_axe_violations, sign_in
from tests.browser.test_accessibility import tab_to

pytestmark = [pytest.mark.browser]

LANGUAGES = ["fi", "sv"]


@pytest.fixture
def setup(site_pages):
    from tests.factories import UserFactory, enrol, make_session
    from training.models import Enrolment

    person = UserFactory(first_name="Aino", last_name="Virtanen")
    trainer = UserFactory(is_trainer=True, first_name="Tiina", last_name="Kouluttaja")
    upcoming = make_session(site_pages.course, starts_in_days=10)
    ended = make_session(site_pages.course, starts_in_days=-5)
    for session in (upcoming, ended):
        session.trainers.add(trainer)
    enrol(upcoming, person)
    Enrolment.objects.create(session=ended, person=UserFactory(), status=Enrolment.Status.CONFIRMED)
    return {"person": person, "trainer": trainer, "upcoming": upcoming, "ended": ended}


def address(name: str, language: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_calendar_pages_have_no_violations(page, site_pages, setup, language):
    sign_in(page, site_pages.base_url, setup["person"])
    course = site_pages.course if language == "fi" else site_pages.course_sv
    assert_page_has_no_axe_violations(page, site_pages.url(course))
    expect(page.locator("a.calendar-link").first).to_be_visible()
    for name in ("training:my_trainings", "people:profile", "training:calendar_feed_regenerate"):
        assert_page_has_no_axe_violations(page, site_pages.base_url + address(name, language))


@pytest.mark.parametrize("language", LANGUAGES)
def test_organiser_pages_have_no_violations(page, site_pages, setup, language):
    sign_in(page, site_pages.base_url, setup["trainer"])
    sessions = site_pages.base_url + address("training:organiser_sessions", language)
    assert_page_has_no_axe_violations(page, sessions)
    assert_page_has_no_axe_violations(page, sessions + "?status=ended")
    assert_page_has_no_axe_violations(
        page, site_pages.base_url + address("training:organiser_session", language, setup["ended"].pk)
    )
    expect(page.locator("#add-heading")).to_have_count(0)


def test_the_address_is_copied_with_the_keyboard(page, site_pages, setup):
    sign_in(page, site_pages.base_url, setup["person"])
    page.goto(site_pages.base_url + address("training:my_trainings", "fi"))
    field = page.locator("#calendar-feed-address")
    expect(field).to_have_attribute("readonly", "")
    tab_to(page, "button[data-copy-target]", limit=80)
    page.keyboard.press("Enter")
    expect(page.locator(".copy-field__status")).to_have_text("Osoite kopioitu")
    assert page.locator("a[href^='webcal://']").count() == 1
