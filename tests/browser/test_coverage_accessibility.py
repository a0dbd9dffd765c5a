"""WCAG 2.1 A/AA checks (axe-core) of the coverage page for a manager (with the list of people) and a coordinator,
in Finnish and Swedish, and no sideways scrolling on a phone."""

import pytest

from tests.browser.conftest import assert_no_axe_violations, sign_in

pytestmark = [pytest.mark.browser]


@pytest.fixture
def coverage_site(site_pages):
    from tests.factories import UserFactory
    from tests.reporting.factories import network
    from tests.reporting.factories_projects import coordinator

    area, unit_a, unit_b, _ngo = network()
    manager = UserFactory(unit=area)
    area.managers.add(manager)
    for unit in (unit_a, unit_a, unit_b):
        UserFactory(unit=unit)
    return {"manager": manager, "coordinator": coordinator(), "course": site_pages.course}


def test_the_coverage_page_has_no_wcag_21_aa_violations(page, context, live_server, coverage_site, subtests):
    """One site for a manager and a coordinator in both languages, each a subtest of its own."""
    for who in ("manager", "coordinator"):
        for prefix in ("", "/sv"):
            with subtests.test(msg=f"{who} {prefix or '/'}"):
                page.set_viewport_size({"width": 1280, "height": 900})
                sign_in(context, live_server.url, coverage_site[who])
                url = f"{live_server.url}{prefix}/reports/coverage/?course={coverage_site['course'].pk}"

                response = page.goto(url)

                assert response.status == 200, f"{url} answered {response.status}"
                assert page.locator("table").count() == (2 if who == "manager" else 1)
                assert_no_axe_violations(page, url)
                page.set_viewport_size({"width": 390, "height": 800})
                assert page.evaluate("document.documentElement.scrollWidth") <= 390
