"""The HR import in the Wagtail admin: administrators check a file, then import exactly the file that was checked."""

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from people.models import ImportMapping, User
from tests.factories import OrganisationFactory, OrgUnitFactory, UserFactory
from tests.people.test_hr_import import ANNA, BO, csv

pytestmark = pytest.mark.django_db
URL = reverse("people_import:index")


@pytest.fixture(autouse=True)
def network():
    county = OrganisationFactory(name="Pohjois-Savon hyvinvointialue", code="PSHVA")
    OrgUnitFactory(name="Neuvola Kuopio", organisation=county)
    OrgUnitFactory(name="Perhetyö", organisation=county)
    from tests.factories import ProfessionalGroupFactory

    ProfessionalGroupFactory(code="terveydenhoitaja")
    ProfessionalGroupFactory(code="perhetyontekija")


def check(client, content: bytes, **fields):
    upload = SimpleUploadedFile("henkilosto.csv", content, content_type="text/csv")
    return client.post(URL, {"file": upload, "full": "on", **fields})


def confirm_fields(confirm) -> dict:
    return {name: confirm[name].value() or "" for name in ("data", "mapping", "full", "signature")}


def test_checking_reports_each_row_then_the_import_saves(admin_client):
    response = check(admin_client, csv(ANNA, BO))

    assert response.status_code == 200
    page = response.content.decode()
    assert "anna@phsotey.fi" in page and "bo@phsotey.fi" in page
    assert not User.objects.filter(email="anna@phsotey.fi").exists()
    response = admin_client.post(URL, confirm_fields(response.context["confirm"]))

    assert response.status_code == 302
    assert User.objects.filter(email__endswith="@phsotey.fi").count() == 2
    again = check(admin_client, csv(ANNA, BO))
    assert again.context["confirm"] is None  # nothing to change


def test_a_bad_file_is_reported_by_line_and_cannot_be_imported(admin_client):
    response = check(admin_client, csv(ANNA, BO.replace("Perhetyö", "Ei ole")))

    assert "Ei ole" in response.content.decode()
    assert response.context.get("confirm") is None
    assert not User.objects.filter(email="anna@phsotey.fi").exists()


def test_a_file_changed_after_the_check_is_refused(admin_client):
    fields = confirm_fields(check(admin_client, csv(ANNA)).context["confirm"])
    fields["data"] = base64.b64encode(csv(ANNA, BO)).decode()
    response = admin_client.post(URL, fields)

    assert response.status_code == 302
    assert not User.objects.filter(email__endswith="@phsotey.fi").exists()


def test_the_chosen_mapping_is_used(admin_client):
    mapping = ImportMapping.objects.create(name="Oma", email="Sähköposti")
    content = csv(ANNA, header=";".join(ImportMapping.FIELDS).replace("email", "Sähköposti"))
    response = check(admin_client, content, mapping=mapping.pk)
    admin_client.post(URL, confirm_fields(response.context["confirm"]))
    assert User.objects.filter(email="anna@phsotey.fi").exists()


def test_the_mappings_are_edited_in_the_admin(admin_client):
    response = admin_client.post(
        reverse("import_mappings:add"), {"name": "Savo", **{name: name.upper() for name in ImportMapping.FIELDS}}
    )
    assert response.status_code == 302
    assert ImportMapping.objects.get(name="Savo").email == "EMAIL"


def test_only_administrators_may_import(client, home):
    client.force_login(UserFactory(is_staff=True, is_coordinator=True))
    response = check(client, csv(ANNA))
    assert response.status_code in (302, 403)
    assert not User.objects.filter(email="anna@phsotey.fi").exists()
