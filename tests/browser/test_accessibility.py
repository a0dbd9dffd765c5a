"""WCAG 2.1 A/AA checks with axe-core, and keyboard use, in Debian's Chromium.

axe is injected with Playwright's `page.evaluate`, which runs through the DevTools protocol
and is not subject to the page's Content-Security-Policy (script-src 'self'): the browser
context does not need `bypass_csp`, so the pages are tested under the policy they ship with.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations

pytestmark = [pytest.mark.browser]

LANGUAGES = {"fi": "Finnish", "sv": "Swedish"}
LOGIN_HEADINGS = {"fi": "Kirjaudu sisään", "sv": "Logga in"}


def page_url_and_heading(site_pages, name: str, language: str) -> tuple[str, str]:
    if name == "login":
        prefix = "" if language == "fi" else f"/{language}"
        return f"{site_pages.base_url}{prefix}/accounts/login/", LOGIN_HEADINGS[language]
    page = getattr(site_pages, name if language == "fi" else f"{name}_{language}")
    return site_pages.url(page), page.title


@pytest.mark.parametrize("language", list(LANGUAGES), ids=[f"in-{name.lower()}" for name in LANGUAGES.values()])
@pytest.mark.parametrize("name", ["home", "programme", "course", "login"])
def test_page_has_no_wcag_21_aa_violations(page, site_pages, name, language):
    url, heading = page_url_and_heading(site_pages, name, language)
    response = page.goto(url)
    # Make sure axe looks at the real page in the right language, not at an error page.
    assert response.status == 200, f"{url} answered {response.status}"
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("h1")).to_have_text(heading)

    assert_no_axe_violations(page, url)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, site_pages):
    page.goto(site_pages.url(site_pages.programme))

    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()  # it is off-screen until it has focus
    page.keyboard.press("Enter")

    expect(page.locator("#main")).to_be_focused()


def tab_to(page, selector: str, *, limit: int = 30) -> None:
    """Press Tab until the element matching `selector` has focus."""
    target = page.locator(selector)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{selector} was not reached in {limit} presses of Tab")


def test_catalogue_filters_can_be_used_with_the_keyboard_alone(page, site_pages):
    page.goto(site_pages.url(site_pages.programme))
    cards = page.locator(".card-list .card__title")
    expect(cards).to_have_count(3)

    tab_to(page, "#id_q")
    page.keyboard.type("riskinarviointi")
    page.keyboard.press("Tab")
    expect(page.locator("#id_kind")).to_be_focused()
    page.keyboard.press("ArrowDown")  # a closed select changes its value with the arrow keys
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_kind")).to_have_value("method")
    tab_to(page, ".filters button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_url("**?q=riskinarviointi&kind=method*")
    expect(cards).to_have_text(["MARAK"])
    expect(page.locator("#id_q")).to_have_value("riskinarviointi")
    expect(page.locator("#id_kind")).to_have_value("method")
