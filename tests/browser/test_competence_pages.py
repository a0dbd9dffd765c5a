"""WCAG 2.1 A/AA checks with axe-core on the competence survey pages, signed in, and keyboard use of the form."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import WCAG_21_AA, sign_in

pytestmark = [pytest.mark.browser]


@pytest.fixture
def competence_site(live_server, django_db_serialized_rollback):
    from competencies.services import assessment_save, evidence_create, evidence_record_course_completion
    from tests.competencies.factories import answers, make_setting
    from tests.competencies.helpers import coordinator

    setting = make_setting()
    assessment = assessment_save(
        round=setting.round, person=setting.colleague, ratings=answers(setting.data), submit=True
    )
    evidence_create(
        person=setting.person,
        title="Lapset puheeksi -todistus",
        achieved_on=timezone.localdate() - datetime.timedelta(days=30),
        file=SimpleUploadedFile("todistus.pdf", b"%PDF-1.4\n%%EOF\n"),
        competences=setting.data.competences[:1],
    )
    evidence_record_course_completion(
        person=setting.person,
        competence_codes=["A2"],
        title="Perhekeskus tutuksi",
        achieved_on=timezone.localdate(),
        source_key="enrolment:1",
    )
    setting.assessment = assessment
    setting.coordinator = coordinator()
    setting.base_url = live_server.url
    return setting


def pages_of(setting):
    return [
        ("person", reverse("competencies:my_surveys")),
        ("person", reverse("competencies:assessment", args=[setting.round.pk])),
        ("person", reverse("competencies:evidence")),
        ("person", reverse("competencies:evidence_create")),
        ("colleague", reverse("competencies:assessment", args=[setting.round.pk])),
        ("manager", reverse("competencies:team_assessments")),
        ("manager", reverse("competencies:discussion", args=[setting.assessment.pk])),
        ("coordinator", reverse("competencies:rounds")),
        ("coordinator", reverse("competencies:round_create")),
        ("coordinator", reverse("competencies:round_detail", args=[setting.round.pk])),
    ]


def test_competence_pages_have_no_wcag_21_aa_violations(page, competence_site):
    failures = []
    for role, path in pages_of(competence_site):
        page.context.clear_cookies()
        sign_in(page, competence_site.base_url, getattr(competence_site, role))
        response = page.goto(competence_site.base_url + path)
        assert response.status == 200, f"{path} answered {response.status}"
        expect(page.locator("h1")).to_be_visible()
        results = Axe().run(
            page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
        )
        if results.violations_count:
            failures.append(f"{path} ({role}):\n{results.generate_report()}")
    assert not failures, "\n".join(failures)


def test_the_self_assessment_can_be_filled_in_with_the_keyboard(page, competence_site):
    setting = competence_site
    sign_in(page, setting.base_url, setting.person)
    page.goto(setting.base_url + reverse("competencies:assessment", args=[setting.round.pk]))
    first = setting.data.competences[0]
    radio = page.locator(f"#level-{first.pk}-1")
    radio.focus()
    page.keyboard.press("Space")
    expect(radio).to_be_checked()
    page.keyboard.press("ArrowDown")  # arrows move the choice inside the group
    expect(page.locator(f"#level-{first.pk}-2")).to_be_checked()
    expect(page.locator(f"#level-{first.pk}-2")).to_be_focused()
    page.keyboard.press("Tab")  # out of the group, to the need for training
    expect(page.locator(f"#need-{first.pk}")).to_be_focused()
    page.locator("button[value=draft]").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator(".message--success")).to_be_visible()
    expect(page.locator(f"#level-{first.pk}-2")).to_be_checked()
