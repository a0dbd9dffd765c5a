"""Pages created in the Wagtail admin, in Debian's Chromium: the slug the admin builds from the title is ASCII."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser]

TITLE = "Vauvaperheen tukeminen – äidit ja isät"
ASCII_SLUG = "vauvaperheen-tukeminen-aidit-ja-isat"


def test_a_course_titled_with_a_and_o_gets_a_plain_letter_slug(page, site_pages):
    from tests.factories import make_administrator
    from training.models import CoursePage

    sign_in(page, site_pages.base_url, make_administrator())
    page.goto(f"{site_pages.base_url}/admin/pages/add/training/coursepage/{site_pages.programme.pk}/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("Vauvaperheen arjen tukeminen perhekeskuksessa.")
    expect(page.locator("#id_slug")).to_have_value(ASCII_SLUG)

    page.get_by_role("button", name="Tallenna luonnos").click()

    expect(page.locator(".messages .success")).to_be_visible()
    course = CoursePage.objects.get(title=TITLE)
    assert course.slug == ASCII_SLUG
    course.save_revision().publish()
    response = page.goto(f"{site_pages.url(site_pages.programme)}{ASCII_SLUG}/")
    assert response.status == 200
