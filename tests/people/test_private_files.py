"""Private files: their own storage outside MEDIA_ROOT, random names, never a /media/ address, X-Accel-Redirect."""

import importlib
import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import clear_url_caches, reverse

from competencies.models import Evidence
from core.private_files import PrivateFileSystemStorage, private_storage, random_name
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SPELLINGS = [
    "/media//evidence/x.pdf",
    "/media/./evidence/x.pdf",
    "/media/evidence%2Fx.pdf",
    "/media/%65vidence/x.pdf",
    "/media/images/../evidence/x.pdf",
    "/media/Evidence/x.pdf",
    "/media/evidence/x.pdf",
    "/media/%2Fevidence/x.pdf",
    "/media/images/%2E%2E/evidence/x.pdf",
    "/media/certificates/2026/x.pdf",
]


@pytest.fixture
def development_urls(settings, tmp_path):
    """The URLs as the development server (DEBUG) has them, serving a MEDIA_ROOT that holds an evidence file
    where it used to be stored and a public image."""
    import config.urls

    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    for name, content in (("evidence/x.pdf", PDF), ("certificates/2026/x.pdf", PDF), ("images/kuva.png", b"png")):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(content)
    clear_url_caches()
    importlib.reload(config.urls)
    yield
    settings.DEBUG = False
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.mark.parametrize("address", SPELLINGS)
def test_no_spelling_of_a_media_address_reaches_a_private_file(client, development_urls, address):
    response = client.get(address)
    assert response.status_code == 404, address


def test_public_images_are_still_served_in_development(client, development_urls):
    response = client.get("/media/images/kuva.png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"png"


def test_evidence_is_stored_privately_under_a_random_name(client, home):
    from competencies.services import evidence_create

    person = UserFactory()
    evidence = evidence_create(
        person=person, title="Todistus", achieved_on=__import__("datetime").date(2025, 1, 1),
        file=SimpleUploadedFile("Matti Meikäläinen todistus.pdf", PDF),
    )  # fmt: skip
    assert re.fullmatch(r"evidence/[0-9a-f]{32}\.pdf", evidence.file.name)
    assert evidence.file.storage is private_storage()
    assert "Meik" not in evidence.file.name
    assert Evidence._meta.get_field("file").storage is private_storage()


def test_the_private_storage_has_no_addresses_and_refuses_media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    storage = PrivateFileSystemStorage(location=tmp_path / "private")
    with pytest.raises(ValueError, match="no address"):
        storage.url("evidence/x.pdf")
    for inside in (tmp_path / "media", tmp_path / "media" / "private"):
        with pytest.raises(ImproperlyConfigured):
            PrivateFileSystemStorage(location=inside)


def test_the_configured_private_root_is_outside_media_root():
    from django.conf import settings

    from config.settings import base

    assert Path(base.MEDIA_ROOT).resolve() not in Path(base.PRIVATE_MEDIA_ROOT).resolve().parents
    assert base.STORAGES["private"]["BACKEND"] == "core.private_files.PrivateFileSystemStorage"
    assert settings.STORAGES["private"]


def test_random_names_keep_only_a_plain_extension():
    assert re.fullmatch(r"exports/[0-9a-f]{32}\.zip", random_name("exports", "Minun tietoni.ZIP"))
    assert re.fullmatch(r"exports/[0-9a-f]{32}", random_name("exports", "x.p h p"))
    assert random_name("e", "a.pdf") != random_name("e", "a.pdf")


def test_with_accel_redirect_the_proxy_sends_the_file(client, home, settings):
    from competencies.services import evidence_create

    settings.PRIVATE_FILES_ACCEL_REDIRECT = "/protected/"
    person = UserFactory()
    evidence = evidence_create(
        person=person, title="Todistus", achieved_on=__import__("datetime").date(2025, 1, 1),
        file=SimpleUploadedFile("todistus.pdf", PDF),
    )  # fmt: skip
    client.force_login(person)
    response = client.get(reverse("competencies:evidence_file", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected/{evidence.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="todistus.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    client.force_login(UserFactory())
    assert client.get(reverse("competencies:evidence_file", args=[evidence.pk])).status_code == 404
