"""Self check-in on a phone (390 px): the QR code's page, then My trainings, fit the screen in Finnish and Swedish."""

from datetime import time

import pytest
from playwright.sync_api import expect

from tests.browser.test_attendance_accessibility import sign_in

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("prefix", ["", "/sv"], ids=["in-finnish", "in-swedish"])
def test_checking_in_by_the_qr_code_fits_a_phone_screen(page, site_pages, prefix):
    from tests.training.factories_attendance import seat, session_today
    from training.services import check_in_open

    session = session_today(site_pages.course, start=time(0, 0), end=time(23, 59))
    person = seat(session).person
    code = check_in_open(day=session.days.get()).code
    sign_in(page, site_pages.base_url, person)
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"{site_pages.base_url}{prefix}/check-in/{code}/")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".message")).to_be_visible()
    # The enrolment table scrolls in its own box; the page itself does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
