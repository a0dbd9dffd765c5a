"""My data (people.services.data_exports): the ZIP from the profile page and the API, only one's own, for a while."""

import datetime
import io
import json
import zipfile
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import APIToken

from competencies.models import Evidence
from people.models import PersonalDataExport
from people.services.data_exports import data_exports_delete_expired
from tests.factories import UserFactory, make_course
from tests.training.factories_certificates import completed
from tests.training.factories_certificates import past_session as finished_session
from training.models import Attendance, Certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(programme):
    person = UserFactory(first_name="Aino", last_name="Aaltonen")
    enrolment = completed(finished_session(make_course(programme, "Lapset puheeksi")), person, minutes=360)
    Attendance.objects.create(enrolment=enrolment, day=enrolment.session.days.get(), status="present")
    Certificate.objects.create(
        enrolment=enrolment, person=person, session=enrolment.session, holder_name="Aino Aaltonen",
        course_title="Lapset puheeksi", completed_on=enrolment.completed_on,
    )  # fmt: skip
    Evidence.objects.create(
        person=person, kind="external", title="MIELI", achieved_on=datetime.date(2025, 5, 20),
        file=ContentFile(b"%PDF-1.4 evidence", name="todistus.pdf"),
    )  # fmt: skip
    APIToken.create_token(user=person, name="Kalenterisynkronointi")
    return person


def read_zip(response) -> tuple[dict, list[str]]:
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return json.loads(archive.read("data.json")), archive.namelist()


def test_the_profile_button_builds_the_download_with_everything(client, person, django_capture_on_commit_callbacks):
    client.force_login(person)
    assert f'action="{reverse("people:data_export_create")}"' in client.get(reverse("people:profile")).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("people:data_export_create"))
    export = PersonalDataExport.objects.get(person=person)
    assert response.url == reverse("people:data_export", args=[export.token])
    page = client.get(response.url)
    assert page.status_code == 200 and "Refresh" not in page
    download = client.get(reverse("people:data_export_download", args=[export.token]))

    assert download["Content-Type"] == "application/zip"
    data, names = read_zip(download)
    assert data["profile"]["email"] == person.email
    [enrolment] = data["enrolments"]
    assert (enrolment["outcome"], enrolment["attended_minutes"]) == ("completed", 360)
    assert enrolment["attendance"][0]["status"] == "present"
    assert data["certificates"][0]["holder_name"] == "Aino Aaltonen"
    assert data["evidence"][0]["file"] in names
    assert [token["name"] for token in data["api_tokens"]] == ["Kalenterisynkronointi"]
    assert data["email_addresses"][0]["email"] == person.email
    assert "last_login" in data["profile"]


def test_someone_elses_download_is_not_found(client, person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(person)
        client.post(reverse("people:data_export_create"))
    export = PersonalDataExport.objects.get()
    client.force_login(UserFactory())
    assert client.get(reverse("people:data_export", args=[export.token])).status_code == 404
    assert client.get(reverse("people:data_export_download", args=[export.token])).status_code == 404


def test_an_expired_download_is_gone(client, person, django_capture_on_commit_callbacks):
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("people:data_export_create"))
    export = PersonalDataExport.objects.get()
    PersonalDataExport.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    assert client.get(reverse("people:data_export_download", args=[export.token])).status_code == 404
    assert data_exports_delete_expired() == 1
    assert not PersonalDataExport.objects.exists()


def test_the_api_starts_the_export_and_gives_its_status_and_download(
    client, person, django_capture_on_commit_callbacks
):
    _token, plain = APIToken.create_token(user=person, name="Ohjelma")
    headers = {"Authorization": f"Bearer {plain}"}

    with django_capture_on_commit_callbacks(execute=True):
        started = client.get("/api/v1/me/export", headers=headers)

    assert started.status_code == 202
    status_url = started.json()["status_url"]
    status = client.get(urlsplit(status_url).path, headers=headers)
    assert status.status_code == 200
    assert status.json()["state"] == "done"
    download_url = status.json()["download_url"]
    download = client.get(urlsplit(download_url).path, headers=headers)
    data, _names = read_zip(download)
    assert data["profile"]["email"] == person.email


def test_the_api_status_of_someone_elses_export_is_not_found(client, person):
    export = PersonalDataExport.objects.create(person=person)
    _token, plain = APIToken.create_token(user=UserFactory(), name="Ohjelma")
    response = client.get(f"/api/v1/me/export/{export.token}", headers={"Authorization": f"Bearer {plain}"})
    assert response.status_code == 404


def test_the_download_page_costs_the_same_queries_whatever_the_person_holds(
    client, person, django_assert_max_num_queries
):
    pages = []
    for owner in (UserFactory(), person):
        export = PersonalDataExport.objects.create(person=owner)
        client.force_login(owner)
        client.get(reverse("people:data_export", args=[export.token]))  # the site's own caches warm up
        with django_assert_max_num_queries(20) as queries:
            assert client.get(reverse("people:data_export", args=[export.token])).status_code == 200
        pages.append(len(queries))
    assert pages[0] == pages[1]
