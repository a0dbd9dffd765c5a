"""WCAG 2.1 A/AA checks (axe-core) of the project in numbers and the projects list, in Finnish and Swedish."""

from datetime import date

import pytest

from tests.browser.conftest import assert_no_axe_violations, sign_in

pytestmark = [pytest.mark.browser]


@pytest.fixture
def project_site(site_pages):
    from tests.factories import UserFactory
    from tests.reporting.factories_projects import activity, coordinator, make_project

    project = make_project(site_pages.programme)
    activity(project, "seminar", date(2017, 3, 1), level="perustaso", event_count=13, participant_count=1150)
    activity(project, "survey", date(2018, 3, 1), event_count=7, participant_count=1541)
    activity(
        project, "course", date(2018, 9, 1), course=project.headline_course, event_count=None, participant_count=7570
    )
    activity(project, "working_group", date(2019, 1, 9), event_count=50, meeting_count=251)
    activity(project, "pilot", date(2019, 2, 1), level="erityistaso", people=UserFactory.create_batch(3))
    return {"project": project, "coordinator": coordinator()}


def test_project_pages_have_no_wcag_21_aa_violations(page, context, live_server, project_site, subtests):
    """One site for both pages in both languages, each a subtest of its own."""
    sign_in(context, live_server.url, project_site["coordinator"])
    for path in ("/reports/projects/", "/reports/projects/{pk}/numbers/"):
        for prefix in ("", "/sv"):
            url = live_server.url + prefix + path.format(pk=project_site["project"].pk)
            with subtests.test(msg=url):
                response = page.goto(url)

                assert response.status == 200, f"{url} answered {response.status}"
                assert page.locator("table").count() == 1
                assert_no_axe_violations(page, url)
