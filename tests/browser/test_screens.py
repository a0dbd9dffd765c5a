"""Every screen for every role, in Finnish and Swedish: nothing scrolls sideways at 390 px, the team heatmap
fits 1280 px with 25 competences, the self-assessment's error summary, the menu button, and axe-core on each."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.conftest import WCAG_21_AA, sign_in

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
LANGUAGES = ["fi", "sv"]
# Pages whose templates belong to training/: they pass today only because every plain table scrolls inside
# itself; the list is kept so that a page that regresses is named here rather than silently skipped.
TRAINING_PAGES = {"catalogue", "course", "my_trainings", "approvals", "organiser_sessions"}


@dataclass
class Screens:
    base_url: str
    staff: object
    manager: object
    trainer: object
    coordinator: object
    pages: list[tuple[str, str, str]]  # (name, role, path in Finnish)

    def url(self, path: str, language: str) -> str:
        if language == "fi" or path.startswith(f"/{language}/"):
            return self.base_url + path
        return f"{self.base_url}/{language}{path}"


@pytest.fixture
def screens(site_pages) -> Screens:
    from competencies.services import assessment_save
    from tests.competencies.factories import answers, make_setting
    from tests.competencies.helpers import coordinator
    from tests.factories import UserFactory, make_session
    from training.models import Enrolment

    setting = make_setting()
    assessment = assessment_save(
        round=setting.round, person=setting.colleague, ratings=answers(setting.data), submit=True
    )
    session = make_session(site_pages.course, capacity=12)
    trainer = UserFactory(is_trainer=True)
    session.trainers.add(trainer)
    Enrolment.objects.create(session=session, person=setting.person, status=Enrolment.Status.CONFIRMED)
    with translation.override("fi"):
        group_pk = setting.data.group.pk
        code = setting.data.competences[0].code
        pages = [
            ("home", "staff", site_pages.home.url),
            ("catalogue", "staff", site_pages.programme.url),
            ("course", "staff", site_pages.course.url),
            ("my_trainings", "staff", reverse("training:my_trainings")),
            ("my_surveys", "staff", reverse("competencies:my_surveys")),
            ("self_assessment", "staff", reverse("competencies:assessment", args=[setting.round.pk])),
            ("my_competences", "staff", reverse("competencies:my_competences")),
            ("evidence", "staff", reverse("competencies:evidence")),
            ("evidence_create", "staff", reverse("competencies:evidence_create")),
            ("profile", "staff", reverse("people:profile")),
            ("home_manager", "manager", site_pages.home.url),
            ("team_heatmap", "manager", reverse("competencies:team")),
            ("team_heatmap_mean", "manager", reverse("competencies:team") + "?show=mean"),
            ("team_cell", "manager", reverse("competencies:team_cell", args=[group_pk, code])),
            ("team_person", "manager", reverse("competencies:team_person", args=[setting.colleague.pk])),
            ("team_assessments", "manager", reverse("competencies:team_assessments")),
            ("discussion", "manager", reverse("competencies:discussion", args=[assessment.pk])),
            ("people", "manager", reverse("people:team")),
            ("person", "manager", reverse("people:person_detail", args=[setting.colleague.pk])),
            ("approvals", "manager", reverse("training:approvals")),
            ("home_trainer", "trainer", site_pages.home.url),
            ("organiser_sessions", "trainer", reverse("training:organiser_sessions")),
            ("home_coordinator", "coordinator", site_pages.home.url),
            ("network_heatmap", "coordinator", reverse("competencies:network")),
            ("rounds", "coordinator", reverse("competencies:rounds")),
            ("round_detail", "coordinator", reverse("competencies:round_detail", args=[setting.round.pk])),
            ("people_coordinator", "coordinator", reverse("people:team")),
        ]
    return Screens(
        base_url=site_pages.base_url,
        staff=setting.person,
        manager=setting.manager,
        trainer=trainer,
        coordinator=coordinator(),
        pages=pages,
    )


def _swedish_path(site_pages, name: str, path: str) -> str:
    """The Swedish address of a Wagtail page is its translation's; the others take the /sv/ prefix."""
    translated = {"home": site_pages.home_sv, "catalogue": site_pages.programme_sv, "course": site_pages.course_sv}
    for prefix, page in translated.items():
        if name == prefix or name.startswith(f"{prefix}_"):
            return page.url
    return path


def _visit_all(page, screens, site_pages, language: str):
    role_now = None
    for name, role, path in screens.pages:
        if role != role_now:
            page.context.clear_cookies()
            sign_in(page, screens.base_url, getattr(screens, role))
            role_now = role
        if language == "sv":
            path = _swedish_path(site_pages, name, path)
        response = page.goto(screens.url(path, language))
        assert response.status == 200, f"{name} {path} answered {response.status}"
        yield name, path


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_scrolls_sideways_on_a_phone(browser, screens, site_pages, language):
    context = browser.new_context(viewport=PHONE, locale="fi-FI", timezone_id="Europe/Helsinki")
    page = context.new_page()
    too_wide = []
    measured = 0
    for name, path in _visit_all(page, screens, site_pages, language):
        width = page.evaluate("document.documentElement.scrollWidth")
        measured += 1
        if width > PHONE["width"]:
            too_wide.append(f"{name} ({path}): {width} px{' [training template]' if name in TRAINING_PAGES else ''}")
    context.close()
    assert measured == len(screens.pages)
    assert not too_wide, "Scrolls sideways at 390 px:\n" + "\n".join(too_wide)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_screen_has_no_wcag_21_aa_violations(page, screens, site_pages, language):
    failures = []
    for name, path in _visit_all(page, screens, site_pages, language):
        results = Axe().run(
            page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
        )
        if results.violations_count:
            failures.append(f"{name} ({path}):\n{results.generate_report()}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_header_folds_into_a_menu_button_on_a_phone(browser, screens, language):
    context = browser.new_context(viewport=PHONE, locale="fi-FI")
    page = context.new_page()
    sign_in(page, screens.base_url, screens.staff)
    page.goto(screens.url(reverse("competencies:my_competences"), language))
    button = page.locator(".menu-button")
    menu = page.locator("#site-menu")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(menu.get_by_role("link", name=screens.staff.get_full_name())).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(button).to_be_focused()
    context.close()


def test_the_header_is_not_folded_on_a_desktop(page, screens):
    sign_in(page, screens.base_url, screens.staff)
    page.goto(screens.base_url + reverse("competencies:my_competences"))
    expect(page.locator(".menu-button")).to_be_hidden()
    expect(page.locator("#site-menu").get_by_role("link", name=screens.staff.get_full_name())).to_be_visible()


# The self-assessment's error summary
# ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_incomplete_submit_lists_the_missing_competences_and_moves_focus_there(page, screens, language):
    from competencies.models import SurveyRound

    survey = SurveyRound.objects.get()
    sign_in(page, screens.base_url, screens.staff)
    page.goto(screens.url(reverse("competencies:assessment", args=[survey.pk]), language))
    expect(page.locator(".assessment-progress label")).to_contain_text("0 / ")
    first = page.locator("details.area").first
    first.locator("input[type=radio]").first.check()
    page.locator("button[value=submit]").click()
    page.wait_for_load_state()

    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    links = summary.locator("a")
    assert links.count() >= 1
    target = links.first.get_attribute("href")
    links.first.click()
    radio = page.locator(target)
    expect(radio).to_be_visible()
    expect(radio).to_have_attribute("aria-invalid", "true")
    described = radio.get_attribute("aria-describedby")
    expect(page.locator(f"#{described}")).to_be_visible()
    expect(page.locator(".assessment-progress label")).to_contain_text("1 / ")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    assert not results.violations_count, results.generate_report()


# The team heatmap at 1280 px
# ------------------------------------------------------------------------------

CODES = tuple(f"{area}{number}" for area in "ABCDE" for number in range(1, 6))
GROUPS = ["Terveydenhoitaja", "Sosiaaliohjaaja", "Perhetyöntekijä", "Varhaiskasvatuksen erityisopettaja", "Psykologi"]


@pytest.fixture
def heatmap_site(live_server, django_db_serialized_rollback):
    from tests.competencies.factories import assess, make_gap_framework, make_gap_round, make_people, make_unit_tree
    from tests.factories import ProfessionalGroupFactory, UserFactory, make_site

    make_site()
    groups = [
        ProfessionalGroupFactory(code=f"g{index}", name_fi=name, name_sv=f"{name} (sv)", sort_order=index)
        for index, name in enumerate(GROUPS)
    ]
    framework = make_gap_framework(groups, codes=CODES, required=3)
    survey = make_gap_round(framework.version)
    area, child, _other = make_unit_tree()
    manager = UserFactory(unit=area, professional_group=None)
    area.managers.add(manager)
    for offset, group in enumerate(groups):
        for index, person in enumerate(make_people(5, unit=child, group=group)):
            assess(person, survey, {code: 1 + (index + offset + position) % 5 for position, code in enumerate(CODES)})
    return live_server.url, manager


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_team_heatmap_of_25_competences_fits_1280_px(page, heatmap_site, language):
    base_url, manager = heatmap_site
    sign_in(page, base_url, manager)
    prefix = "" if language == "fi" else f"/{language}"
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base_url}{prefix}{reverse('competencies:team')}")

    box = page.locator(".heatmap-scroll")
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    assert box.evaluate("box => box.scrollWidth <= box.clientWidth"), "the heatmap scrolls inside its box"
    assert page.locator(".heatmap--compact thead th").count() == 1 + len(CODES)
    assert page.locator(".heatmap--compact tbody tr").count() == len(GROUPS)
    assert page.locator(".heatmap--compact thead th").first.evaluate("th => getComputedStyle(th).position") == "sticky"
    assert page.locator(".heatmap--compact tbody th").first.evaluate("th => getComputedStyle(th).position") == "sticky"
    first_cell = page.locator(".heatmap--compact tbody td a").first
    shown = first_cell.evaluate("a => [...a.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('')")
    assert shown.strip().isdigit()

    page.locator(".toggle a").nth(1).click()
    page.wait_for_load_state()
    expect(page.locator(".toggle a[aria-current]")).to_have_count(1)
    assert "show=mean" in page.url
    shown = page.locator(".heatmap--compact tbody td a").first.evaluate(
        "a => [...a.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('')"
    )
    assert "," in shown.strip() or shown.strip().replace(".", "").isdigit()
    assert box.evaluate("box => box.scrollWidth <= box.clientWidth")

    page.locator(".heatmap-details summary").click()
    expect(page.locator(".heatmap--data")).to_be_visible()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    assert not results.violations_count, results.generate_report()

    page.locator(".heatmap--compact tbody td a").first.click()
    page.wait_for_load_state()
    expect(page.locator(".cell-facts")).to_be_visible()
    expect(page.locator(".cell-facts")).to_contain_text("/5")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_heatmap_scrolls_inside_its_box_on_a_phone(browser, heatmap_site, language):
    base_url, manager = heatmap_site
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    sign_in(page, base_url, manager)
    prefix = "" if language == "fi" else f"/{language}"
    page.goto(f"{base_url}{prefix}{reverse('competencies:team')}")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()
