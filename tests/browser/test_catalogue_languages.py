"""Every course in every language, in a browser: the Swedish catalogue lists the untranslated
courses in Finnish, and the language switcher keeps the reader on the course (axe-core clean)."""

import re

import pytest

from tests.browser.conftest import assert_no_axe_violations

pytestmark = [pytest.mark.browser]


def test_swedish_catalogue_lists_every_course_and_marks_the_finnish_ones(page, site_pages):
    page.goto(site_pages.url(site_pages.programme_sv))

    cards = page.locator(".card-list .card")
    assert cards.count() == 3  # as many as the Finnish catalogue
    marak = page.locator(".card", has=page.locator('a[lang="fi"]', has_text="MARAK"))
    assert marak.locator(".tag--language").inner_text() == "på finska"
    assert page.locator('.card a[lang="fi"]', has_text="Barnen på tal").count() == 0
    assert_no_axe_violations(page, page.url)

    marak.get_by_role("link", name="MARAK").click()
    assert page.url == f"{site_pages.url(site_pages.programme_sv)}marak/"
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator('h1[lang="fi"]').inner_text() == "MARAK"
    assert page.locator(".tag--language").inner_text() == "på finska"
    assert_no_axe_violations(page, page.url)


def test_the_switcher_keeps_the_reader_on_an_untranslated_course(page, site_pages):
    finnish_url = site_pages.url(site_pages.programme) + "marak/"
    page.goto(finnish_url)
    assert page.locator("html").get_attribute("lang") == "fi"
    assert page.locator("h1").get_attribute("lang") is None
    assert_no_axe_violations(page, page.url)

    page.locator(".language-nav").get_by_role("link", name="Svenska").click()
    assert page.url == f"{site_pages.url(site_pages.programme_sv)}marak/"
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.get_by_role("heading", level=1).inner_text() == "MARAK"

    page.locator(".language-nav").get_by_role("link", name="Suomi").click()
    assert page.url == finnish_url


def test_the_switcher_goes_to_the_translation_when_there_is_one(page, site_pages):
    page.goto(site_pages.url(site_pages.course))
    page.locator(".language-nav").get_by_role("link", name="Svenska").click()
    assert page.url == site_pages.url(site_pages.course_sv)
    assert page.locator("h1").get_attribute("lang") is None
    assert re.search("Barnen på tal", page.locator("h1").inner_text())
