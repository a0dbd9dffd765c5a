"""The Wagtail admin in Debian's Chromium: slugs built from titles, and avatars that need no other site."""

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


def test_the_admin_shows_no_broken_images_and_asks_no_other_site(page, site_pages):
    from tests.factories import UserFactory, make_administrator

    UserFactory(first_name="Tiina", last_name="Ruotsalainen")
    sign_in(page, site_pages.base_url, make_administrator(first_name="Ari", last_name="Heikkinen"))
    elsewhere = []

    def only_this_site(route):
        if route.request.url.startswith((site_pages.base_url, "data:")):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_site)
    for path in ("/admin/", "/admin/users/"):
        page.goto(site_pages.base_url + path)
        page.wait_for_load_state("networkidle")
        broken = page.evaluate("[...document.images].filter(i => !i.complete || !i.naturalWidth).map(i => i.src)")
        assert broken == [], path
    assert elsewhere == []
