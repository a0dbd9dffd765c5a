"""The public certificate verification pages pass axe-core WCAG 2.1 A/AA and work by keyboard."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations

pytestmark = [pytest.mark.browser]


@pytest.fixture
def certificate(site_pages):
    from tests.factories import UserFactory
    from tests.training.factories_certificates import completed, past_session
    from training.services.certificates import certificate_issue

    person = UserFactory(first_name="Aino", last_name="Äijälä")
    return certificate_issue(enrolment=completed(past_session(site_pages.course), person))


@pytest.mark.parametrize("prefix", ["", "/sv"], ids=["in-finnish", "in-swedish"])
def test_the_verification_page_has_no_wcag_21_aa_violations(page, site_pages, certificate, prefix):
    url = f"{site_pages.base_url}{prefix}/certificates/verify/{certificate.code}/"
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    expect(page.locator("main")).to_contain_text("Aino Äijälä")
    assert_no_axe_violations(page, url)


def test_the_unknown_code_page_and_the_form_have_no_violations(page, site_pages):
    url = f"{site_pages.base_url}/certificates/verify/ABCDEFGHJKMNPQRS/"
    assert page.goto(url).status == 404
    assert_no_axe_violations(page, url)
    form_url = f"{site_pages.base_url}/certificates/verify/?code=oops"
    assert page.goto(form_url).status == 200
    assert_no_axe_violations(page, form_url)


def test_a_code_can_be_typed_and_verified_by_keyboard(page, site_pages, certificate):
    page.goto(f"{site_pages.base_url}/certificates/verify/")
    field = page.locator("#id_code")
    for _ in range(30):
        page.keyboard.press("Tab")
        if field.evaluate("element => element === document.activeElement"):
            break
    expect(field).to_be_focused()
    page.keyboard.type(certificate.code.lower())
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/certificates/verify/{certificate.code}/")
    expect(page.locator("main")).to_contain_text("Aino Äijälä")
