"""Uploaded evidence gets a safe stored name (no control or bidi characters, the extension of its real
type) and a date in a sensible range."""

import datetime
import unicodedata
from pathlib import PurePath

import pytest
from django.urls import reverse
from django.utils import timezone

from competencies.errors import CompetenceError
from competencies.models import Evidence
from competencies.services import evidence_create
from competencies.validators import EVIDENCE_EARLIEST
from tests.competencies.helpers import login, text
from tests.competencies.test_evidence import PDF, PNG, post_data, upload

pytestmark = pytest.mark.django_db
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
TODAY = timezone.localdate()


def unsafe(name: str) -> list[str]:
    """The characters of ``name`` a file name must not hold: controls, formats (bidi overrides), separators."""
    return [char for char in name if (unicodedata.category(char)[0] in "CZ" and char != " ") or char in "/\\"]


@pytest.mark.parametrize(
    ("name", "content", "suffix"),
    [
        ("lasku\u202efdp.exe", PDF, ".pdf"),  # shows as "laskuexe.pdf" where the override is honoured
        ("scan.bin", PNG, ".png"),
        ("kuva.pdf", JPEG, ".jpg"),
        ("todistus.pdf.exe", PDF, ".pdf"),
        ("Äitiysneuvola\u200f todistus\u2066\u0007.PDF", PDF, ".pdf"),
        ("\u202e.png", PNG, ".png"),
    ],
)
def test_the_stored_name_is_safe_and_carries_the_real_extension(client, setting, name, content, suffix):
    login(client, setting.person)

    response = client.post(reverse("competencies:evidence_create"), post_data(setting, file=upload(content, name)))

    assert response.status_code == 302
    stored = PurePath(Evidence.objects.get().file.name)
    assert stored.suffix == suffix
    assert stored.stem and "." not in stored.stem
    assert unsafe(stored.name) == []
    download = client.get(reverse("competencies:evidence_file", args=[Evidence.objects.get().pk]))
    disposition = download["Content-Disposition"]
    assert unsafe(disposition) == [] and suffix in disposition


def test_a_long_name_is_shortened_keeping_its_extension(setting):
    long = upload(PDF, "a" * 300 + ".pdf")
    evidence = evidence_create(person=setting.person, title="x", achieved_on=TODAY, file=long)
    stored = PurePath(evidence.file.name)
    assert stored.suffix == ".pdf" and len(stored.name) <= 100
    assert evidence.file_name.endswith(".pdf") and len(evidence.file_name) <= 100


def test_letters_of_other_languages_stay(setting):
    evidence = evidence_create(
        person=setting.person, title="x", achieved_on=TODAY, file=upload(PDF, "Ääkköset ja å.pdf")
    )
    assert evidence.file_name.startswith("Ääkköset_ja_å")  # the download's name; the stored one is random


@pytest.mark.parametrize(
    "achieved_on",
    [EVIDENCE_EARLIEST - datetime.timedelta(days=1), TODAY + datetime.timedelta(days=1), datetime.date(1, 1, 1)],
)
def test_a_date_outside_the_sensible_range_is_refused(client, setting, achieved_on):
    login(client, setting.person)

    response = client.post(
        reverse("competencies:evidence_create"), post_data(setting, achieved_on=achieved_on.isoformat())
    )

    assert response.status_code == 400
    assert "achieved_on" in response.context["form"].errors
    assert not Evidence.objects.exists()
    with pytest.raises(CompetenceError) as error:
        evidence_create(person=setting.person, title="x", achieved_on=achieved_on, file=upload())
    assert error.value.code == "evidence_date_invalid"


@pytest.mark.parametrize("achieved_on", [EVIDENCE_EARLIEST, TODAY])
def test_the_ends_of_the_range_are_accepted(client, setting, achieved_on):
    login(client, setting.person)
    response = client.post(
        reverse("competencies:evidence_create"), post_data(setting, achieved_on=achieved_on.isoformat())
    )
    assert response.status_code == 302
    assert Evidence.objects.get().achieved_on == achieved_on


def test_the_date_field_states_the_range(client, setting):
    login(client, setting.person)
    page = text(client.get(reverse("competencies:evidence_create")))
    assert f'min="{EVIDENCE_EARLIEST.isoformat()}"' in page and f'max="{TODAY.isoformat()}"' in page


def test_a_file_stored_before_under_its_uploaded_name_downloads_under_a_safe_one(client, setting):
    from django.core.files.base import ContentFile

    from core.private_files import private_storage

    name = private_storage().save("evidence/2024/05/todistus.pdf.exe", ContentFile(PNG))
    evidence = Evidence.objects.create(
        person=setting.person, kind=Evidence.Kind.EXTERNAL, title="Vanha", achieved_on=TODAY, file=name
    )
    login(client, setting.person)

    response = client.get(reverse("competencies:evidence_file", args=[evidence.pk]))

    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="todistus.png"'
