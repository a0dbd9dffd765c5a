"""The feedback pages pass axe-core's WCAG 2.1 A/AA checks and the answer form works by keyboard."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations, assert_page_has_no_axe_violations, sign_in
from tests.factories import UserFactory
from tests.training.factories_feedback import answer, attendee, past_session

pytestmark = [pytest.mark.browser]

FIVE = [
    {"overall": 5, "recommend": True, "most_useful": "Vertaiskeskustelut"},
    {"overall": 4, "recommend": True, "improve": "Enemmän taukoja"},
    {"overall": 4, "recommend": False},
    {"overall": 3, "recommend": True, "most_useful": "Aineistot"},
    {"overall": 5, "recommend": True},
]


@pytest.fixture
def feedback_site(site_pages):
    """A past session of the demo course with five answers, a trainer, and an attendee yet to answer."""
    session = past_session(site_pages.course)
    trainer = UserFactory(is_trainer=True)
    session.trainers.add(trainer)
    for values in FIVE:
        answer(attendee(session), **values)
    person = UserFactory()
    enrolment = attendee(session, person)
    return site_pages, session, trainer, person, enrolment


@pytest.mark.parametrize("name", ["feedback_session", "feedback_course"])
def test_results_pages_have_no_wcag_21_aa_violations(page, context, feedback_site, name):
    site_pages, session, trainer, _person, _enrolment = feedback_site
    sign_in(context, site_pages.base_url, trainer)
    target = session.pk if name == "feedback_session" else session.course_id

    assert_page_has_no_axe_violations(page, site_pages.base_url + reverse(f"training:{name}", args=[target]))

    expect(page.locator("svg.chart")).to_have_count(3)


def test_answer_form_and_my_trainings_have_no_violations_and_work_by_keyboard(page, context, feedback_site):
    site_pages, _session, _trainer, person, enrolment = feedback_site
    sign_in(context, site_pages.base_url, person)
    assert_page_has_no_axe_violations(page, site_pages.base_url + reverse("training:my_trainings"))
    address = site_pages.base_url + reverse("training:feedback_answer", args=[enrolment.pk])
    assert_page_has_no_axe_violations(page, address)

    # Sending it empty shows the errors, and the page with them passes too.
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".form__errors")).to_be_visible()
    assert_no_axe_violations(page, "the answer form with its errors")

    # By keyboard: Tab into each radio group, arrows choose the rating.
    page.locator("#id_overall_0").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#id_overall_3")).to_be_checked()
    for name in ("usefulness", "trainers"):
        page.keyboard.press("Tab")
        expect(page.locator(f"#id_{name}_0")).to_be_focused()
        page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(page.locator("#id_recommend_0")).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("Harjoitukset")
    page.locator("form.form button[type=submit]").focus()
    page.keyboard.press("Enter")

    expect(page.locator(".callout")).to_be_visible()
    expect(page.locator("form.form")).to_have_count(0)
    assert_page_has_no_axe_violations(page, address)
