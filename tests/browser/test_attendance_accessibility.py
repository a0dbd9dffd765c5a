"""The attendance pages under axe-core (WCAG 2.1 A/AA) and by keyboard alone, signed in as the trainer."""

from datetime import time

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations, assert_page_has_no_axe_violations, sign_in
from tests.browser.test_accessibility import tab_to

pytestmark = [pytest.mark.browser]


@pytest.fixture
def setup(site_pages):
    from tests.factories import UserFactory
    from tests.training.factories_attendance import seat, session_today
    from training.models import Attendance
    from training.services import check_in_open

    trainer = UserFactory(is_trainer=True, first_name="Tiina", last_name="Kouluttaja")
    session = session_today(site_pages.course, start=time(0, 0), end=time(23, 59))
    session.trainers.add(trainer)
    day = session.days.get()
    people = [seat(session) for _ in range(4)]
    Attendance.objects.create(enrolment=people[0], day=day, status="partial", minutes=90)
    check_in = check_in_open(day=day, opened_by=trainer)
    return {"trainer": trainer, "session": session, "day": day, "people": people, "check_in": check_in}


def test_organiser_attendance_pages_have_no_wcag_21_aa_violations(page, site_pages, setup, subtests):
    """One site for the four pages, each a subtest of its own."""
    session, day = setup["session"], setup["day"]
    sign_in(page, site_pages.base_url, setup["trainer"])
    for name in ("attendance_sheet", "check_in_screen", "attendance_import", "organiser_session"):
        with subtests.test(msg=name):
            args = [session.pk] if name in ("attendance_import", "organiser_session") else [session.pk, day.pk]
            assert_page_has_no_axe_violations(page, site_pages.base_url + reverse(f"training:{name}", args=args))


def test_the_import_report_has_no_violations(page, site_pages, setup, tmp_path):
    person = setup["people"][1].person
    csv = tmp_path / "lasnaolo.csv"
    csv.write_text(f"Sähköposti;Läsnäolo\n{person.email};läsnä\nvieras@example.fi;läsnä\n", encoding="utf-8-sig")
    sign_in(page, site_pages.base_url, setup["trainer"])
    page.goto(site_pages.base_url + reverse("training:attendance_import", args=[setup["session"].pk]))
    page.set_input_files("#id_file", str(csv))
    page.locator("form.form button[type=submit]").click()
    expect(page.locator("#report-heading")).to_be_visible()
    assert_no_axe_violations(page, "the import report")


def test_participant_check_in_pages_have_no_violations(page, site_pages, setup, subtests):
    """The page that asks for the code and the one reached by the QR code's link, each a subtest of its own."""
    sign_in(page, site_pages.base_url, setup["people"][2].person)
    for name, args in (("training:check_in", []), ("training:check_in_code", [setup["check_in"].code])):
        with subtests.test(msg=name):
            assert_page_has_no_axe_violations(page, site_pages.base_url + reverse(name, args=args))


def test_the_sheet_can_be_filled_in_with_the_keyboard_alone(page, site_pages, setup):
    from training.models import Attendance

    session, day, people = setup["session"], setup["day"], setup["people"]
    sign_in(page, site_pages.base_url, setup["trainer"])
    page.goto(site_pages.base_url + reverse("training:attendance_sheet", args=[session.pk, day.pk]))
    ordered = sorted(people, key=lambda e: (e.person.last_name.casefold(), e.person.first_name.casefold()))
    second = [enrolment for enrolment in ordered if enrolment != people[0]][1]  # one without a mark yet

    tab_to(page, f"#id_status_{second.pk}_0", limit=60)  # an unmarked group's first radio: "Present"
    page.keyboard.press("ArrowDown")  # radios in a group move with the arrow keys: "Partly present"
    expect(page.locator(f"#id_status_{second.pk}_1")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.locator(f"#id_minutes_{second.pk}")).to_be_focused()
    page.keyboard.type("120")
    tab_to(page, "#save-attendance", limit=60)
    page.keyboard.press("Enter")

    expect(page.locator(".message--success")).to_be_visible()
    row = Attendance.objects.get(enrolment=second, day=day)
    assert (row.status, row.minutes) == ("partial", 120)
