"""The participant statistics page in Chromium: axe-core finds no WCAG 2.1 A/AA violations with one and with two
dimensions, it works by keyboard, and on a phone only wide tables scroll sideways, inside their own box."""

from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.browser.test_accessibility import tab_to

pytestmark = [pytest.mark.browser]


@pytest.fixture
def stats_site(live_server, django_db_serialized_rollback):
    from tests.factories import ProgrammePageFactory, make_site
    from tests.reporting.factories_statistics import build_world, manager_of, privileged

    world = build_world(ProgrammePageFactory.create(make_site()))
    return {"coordinator": privileged(is_coordinator=True), "manager": manager_of(world.area), "world": world}


def statistics_url(live_server, language: str = "fi", **params) -> str:
    from tests.reporting.factories_statistics import period

    prefix = "" if language == "fi" else f"/{language}"
    return f"{live_server.url}{prefix}/reports/statistics/?{urlencode(period(**params))}"


PAGES = {
    "one": ("coordinator", {"rows": "course"}),
    "two": ("coordinator", {"rows": "course", "columns": "sector"}),
    "trend": ("coordinator", {"rows": "month", "measure": "completed"}),
    "manager-hidden": ("manager", {"rows": "course"}),
    "manager-totals": ("manager", {}),
}


def test_the_statistics_page_has_no_wcag_21_aa_violations(page, context, live_server, stats_site, subtests):
    """One world for every view of the page, each a subtest of its own."""
    for name, (who, params) in PAGES.items():
        with subtests.test(msg=name):
            sign_in(context, live_server.url, stats_site[who])
            url = statistics_url(live_server, **params)

            response = page.goto(url)

            assert response.status == 200, f"{url} answered {response.status}"
            page.locator("details.stats-definitions summary").click()  # the definitions are checked open too
            assert_no_axe_violations(page, url)


def test_the_filters_presets_and_definitions_work_by_keyboard(page, context, live_server, stats_site):
    sign_in(context, live_server.url, stats_site["coordinator"])
    page.goto(statistics_url(live_server))
    expect(page.locator(".stats-totals")).to_be_visible()

    tab_to(page, "#id_rows", limit=60)
    page.keyboard.press("ArrowDown")  # the first dimension: the kind of activity
    tab_to(page, "#id_columns")
    page.keyboard.press("End")  # the last: the year
    tab_to(page, ".stats-filters button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_url("**rows=activity_kind&columns=year*")
    expect(page.locator("#cross-heading")).to_be_visible()
    tab_to(page, "details.stats-definitions summary", limit=60)
    page.keyboard.press("Enter")
    expect(page.locator("details.stats-definitions")).to_have_attribute("open", "")
    tab_to(page, "[role=region][aria-labelledby=cross-caption]", limit=60)  # a wide table scrolls by keyboard

    tab_to(page, ".stats-presets a >> nth=1", limit=80)  # last year: nothing there
    page.keyboard.press("Enter")
    page.wait_for_url("**from=*")
    expect(page.locator(".stats-presets a >> nth=1")).to_have_attribute("aria-current", "true")
    expect(page.locator("p.empty")).to_be_visible()


def test_on_a_phone_the_page_does_not_scroll_sideways(page, context, live_server, stats_site, subtests):
    sign_in(context, live_server.url, stats_site["coordinator"])
    page.set_viewport_size({"width": 390, "height": 844})
    for language in ("fi", "sv"):
        with subtests.test(msg=language):
            page.goto(statistics_url(live_server, language, rows="course", columns="sector"))

            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            scroller = page.locator("[role=region][aria-labelledby=long-caption]")
            assert scroller.evaluate("box => box.scrollWidth > box.clientWidth")  # the wide table scrolls in its box
