"""The HR import page of the Wagtail admin in Chromium: axe-core finds no WCAG 2.1 A/AA violations in the upload
form, in a report with errors and in a report ready to import; the import goes through by the keyboard's Enter."""

import pytest
from playwright.sync_api import expect

from people.models import ImportMapping
from tests.browser.conftest import assert_no_axe_violations, sign_in

pytestmark = [pytest.mark.browser]

HEADER = ";".join(ImportMapping.FIELDS)
GOOD = f"{HEADER}\n1001;anna@phsotey.fi;Anna;Aalto;Pohjois-Savon hyvinvointialue;Neuvola;th;perustaso;fi;x;\n"
BAD = f"{HEADER}\n1002;bo@phsotey.fi;Bo;Berg;Pohjois-Savon hyvinvointialue;Ei ole;th;;;;\n"


@pytest.fixture
def import_page(page, live_server, django_db_serialized_rollback, tmp_path):
    from tests.factories import (
        OrganisationFactory,
        OrgUnitFactory,
        ProfessionalGroupFactory,
        make_administrator,
        make_site,
    )

    make_site()
    OrgUnitFactory(name="Neuvola", organisation=OrganisationFactory(name="Pohjois-Savon hyvinvointialue"))
    ProfessionalGroupFactory(code="th")
    sign_in(page, live_server.url, make_administrator())
    for name, content in (("good.csv", GOOD), ("bad.csv", BAD)):
        (tmp_path / name).write_text(content, encoding="utf-8")
    page.goto(f"{live_server.url}/admin/network/people-import/")
    return tmp_path


def test_the_import_page_has_no_wcag_21_aa_violations(page, import_page):
    from people.models import User

    assert_no_axe_violations(page, "form")
    page.set_input_files("#id_file", str(import_page / "bad.csv"))
    page.get_by_role("button", name="Tarkista tiedosto").click()
    expect(page.locator("#report-heading")).to_be_visible()
    assert_no_axe_violations(page, "errors")

    page.set_input_files("#id_file", str(import_page / "good.csv"))
    page.get_by_role("button", name="Tarkista tiedosto").click()
    # Exactly "Tuo": the admin's own account button in the sidebar bears their name, which may begin so (Tuomas).
    import_button = page.get_by_role("button", name="Tuo", exact=True)
    expect(import_button).to_be_visible()
    assert_no_axe_violations(page, "ready")
    import_button.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messages .success")).to_be_visible()
    assert User.objects.filter(email="anna@phsotey.fi").exists()
