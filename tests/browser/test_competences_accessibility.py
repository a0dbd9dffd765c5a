"""WCAG 2.1 A/AA checks (axe-core) of the signed-in competence pages: my competences, the heatmaps, training demand."""

import pytest

from tests.browser.conftest import assert_no_axe_violations, sign_in

pytestmark = [pytest.mark.browser]


@pytest.fixture
def competence_site(site_pages):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from tests.competencies.factories import assess, make_gap_framework, make_gap_round, make_people, make_unit_tree
    from tests.factories import ProfessionalGroupFactory, UserFactory

    nurse = ProfessionalGroupFactory(code="th-axe", name_fi="Terveydenhoitaja")
    small = ProfessionalGroupFactory(code="st-axe", name_fi="Sosiaalityöntekijä")
    framework = make_gap_framework([nurse, small], codes=("A1", "A2", "B1"), code="axe")
    survey_round = make_gap_round(framework.version)
    area, child, _other = make_unit_tree()
    manager = UserFactory(unit=area, professional_group=None)
    area.managers.add(manager)
    for level, person in enumerate(make_people(6, unit=child, group=nurse)):
        assess(person, survey_round, {"A1": level % 5 + 1, "A2": 3, "B1": (2, 4)})
    for person in make_people(2, unit=child, group=small):
        assess(person, survey_round, {"A1": 1})
    course = site_pages.course
    course.develops_competences.set([framework["A1"]])
    course.save_revision().publish()
    staff = make_people(1, unit=child, group=nurse)[0]
    assess(staff, survey_round, {"A1": 1, "A2": 4})
    coordinator = UserFactory(is_coordinator=True, professional_group=None)
    TOTP.activate(coordinator, generate_totp_secret())
    return {"staff": staff, "manager": manager, "coordinator": coordinator, "nurse": nurse}


PAGES = [
    ("staff", "/competences/"),
    ("manager", "/competences/team/"),
    ("manager", "/competences/team/groups/{nurse}/A1/"),
    ("coordinator", "/competences/network/"),
    ("coordinator", "/training-demand/"),
]


def test_competence_pages_have_no_wcag_21_aa_violations(page, context, live_server, competence_site, subtests):
    """One site for all the pages (building it is most of the time), each page a subtest of its own."""
    for who, path in PAGES:
        with subtests.test(msg=f"{who} {path}"):
            sign_in(context, live_server.url, competence_site[who])
            url = live_server.url + path.format(nurse=competence_site["nurse"].pk)

            response = page.goto(url)

            assert response.status == 200, f"{url} answered {response.status}"
            assert_no_axe_violations(page, url)
