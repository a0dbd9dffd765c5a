"""The activity import in the Wagtail admin: check a file, then import exactly the file that was checked."""

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reporting.models import Activity
from tests.factories import UserFactory
from tests.reporting.factories_projects import coordinator

pytestmark = pytest.mark.django_db
URL = reverse("activities:import")
GOOD = "kind;title;starts_on;participants\r\nseminar;Väkivallan puheeksiotto;14.3.2018;120\r\n".encode("cp1252")
BAD = b"kind;title;starts_on\r\njuhla;Tuntematon laji;2018-01-01\r\n"


@pytest.fixture
def coordinator_client(client, home):
    client.force_login(coordinator())
    return client


def check(client, content: bytes):
    return client.post(URL, {"file": SimpleUploadedFile("toiminta.csv", content, content_type="text/csv")})


def test_checking_reports_and_saves_nothing_then_the_import_saves(coordinator_client):
    response = check(coordinator_client, GOOD)

    assert response.status_code == 200
    assert "Windows-1252" in response.content.decode()
    assert Activity.objects.count() == 0
    confirm = response.context["confirm"]
    response = coordinator_client.post(
        URL, {"data": confirm["data"].value(), "signature": confirm["signature"].value()}
    )

    assert response.status_code == 302
    assert Activity.objects.get().title == "Väkivallan puheeksiotto"


def test_a_bad_file_is_reported_by_line_and_cannot_be_imported(coordinator_client):
    response = check(coordinator_client, BAD)

    assert "juhla" in response.content.decode()
    assert response.context.get("confirm") is None
    assert Activity.objects.count() == 0


def test_a_file_changed_after_the_check_is_refused(coordinator_client):
    confirm = check(coordinator_client, GOOD).context["confirm"]
    tampered = GOOD.replace(b"120", b"999")
    data = base64.b64encode(tampered).decode()
    response = coordinator_client.post(URL, {"data": data, "signature": confirm["signature"].value()})

    assert response.status_code == 302
    assert Activity.objects.count() == 0


def test_the_index_offers_the_import(coordinator_client):
    assert URL in coordinator_client.get(reverse("activities:index")).content.decode()


def test_someone_without_the_right_cannot_import(client, home):
    client.force_login(UserFactory(is_staff=True))
    response = check(client, GOOD)
    assert response.status_code in (302, 403)
    assert Activity.objects.count() == 0
