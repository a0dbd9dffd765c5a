"""My data (the profile's section and the download page) and an erased holder's verification page pass axe-core
WCAG 2.1 A/AA, and the download is asked for with the keyboard alone."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations, sign_in

pytestmark = [pytest.mark.browser]


@pytest.fixture
def person(site_pages):
    from tests.factories import UserFactory
    from tests.training.factories_certificates import completed, past_session
    from training.services.certificates import certificate_issue

    person = UserFactory(first_name="Aino", last_name="Äijälä")
    certificate_issue(enrolment=completed(past_session(site_pages.course), person))
    return person


@pytest.mark.parametrize("prefix", ["", "/sv"], ids=["in-finnish", "in-swedish"])
def test_my_data_is_asked_for_by_keyboard_and_both_pages_have_no_violations(page, site_pages, person, prefix):
    sign_in(page, site_pages.base_url, person)
    url = f"{site_pages.base_url}{prefix}/profile/"
    assert page.goto(url).status == 200
    assert_no_axe_violations(page, url)
    button = page.locator("#my-data ~ form button[type=submit]")
    for _ in range(40):
        page.keyboard.press("Tab")
        if button.evaluate("element => element === document.activeElement"):
            break
    expect(button).to_be_focused()
    page.keyboard.press("Enter")

    page.wait_for_url("**/profile/data/*/")
    expect(page.locator("main a[download]")).to_be_visible()
    assert_no_axe_violations(page, page.url)


def test_an_erased_holders_verification_page_has_no_violations(page, site_pages, person):
    from people.services.erasure import person_erase
    from training.models import Certificate

    code = Certificate.objects.get(person=person).code
    person_erase(person=person)
    url = f"{site_pages.base_url}/certificates/verify/{code}/"
    assert page.goto(url).status == 200
    expect(page.locator("main")).not_to_contain_text("Äijälä")
    assert_no_axe_violations(page, url)
