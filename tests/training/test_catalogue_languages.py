"""Every course in every language: untranslated courses in the Swedish catalogue, served under /sv/."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from tests.factories import UserFactory, enrol, make_course, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogues(programme):
    talk = make_course(programme, "Lapset puheeksi", summary="Keskustelu vanhemman kanssa.")
    intro = make_course(programme, "Perhekeskus tutuksi", summary="Perehdytys perhekeskukseen.")
    swedish = Locale.objects.get_or_create(language_code="sv")[0]
    translated = talk.copy_for_translation(swedish, copy_parents=True)
    translated.title = "Barnen på tal"
    translated.slug = "barnen-pa-tal"
    translated.summary = "Samtal med föräldern."
    translated.save_revision().publish()
    translated.refresh_from_db()
    sv_programme = programme.get_translation(swedish).specific
    return {"talk": talk, "intro": intro, "translated": translated.specific, "sv_programme": sv_programme}


def test_swedish_catalogue_lists_every_course_once(client, catalogues):
    response = client.get(catalogues["sv_programme"].url)
    titles = sorted(course.title for course in response.context["courses"])
    assert titles == ["Barnen på tal", "Perhekeskus tutuksi"]


def test_untranslated_course_is_marked_finnish_in_the_swedish_catalogue(client, catalogues):
    content = client.get(catalogues["sv_programme"].url).content.decode()
    programme_url = catalogues["sv_programme"].url
    assert f'<a href="{programme_url}perhekeskus-tutuksi/" lang="fi">Perhekeskus tutuksi</a>' in content
    assert '<p lang="fi">Perehdytys perhekeskukseen.</p>' in content
    assert "på finska" in content
    assert '<p lang="fi">Samtal' not in content


def test_untranslated_course_is_served_in_the_swedish_interface(client, catalogues):
    url = f"{catalogues['sv_programme'].url}perhekeskus-tutuksi/"
    response = client.get(url)
    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in content
    assert '<h1 lang="fi">Perhekeskus tutuksi</h1>' in content
    links = {link["code"]: link["url"] for link in response.context["languages"]}
    assert links == {
        "fi": catalogues["intro"].url,
        "sv": url,
        "en": links["en"],
    }
    assert links["en"].endswith("/perhekeskus-tutuksi/") and links["en"].startswith("/en/")


def test_switcher_on_an_untranslated_course_keeps_the_person_on_it(client, catalogues):
    response = client.get(catalogues["intro"].url)
    links = {link["code"]: link["url"] for link in response.context["languages"]}
    assert links["sv"] == f"{catalogues['sv_programme'].url}perhekeskus-tutuksi/"
    assert client.get(links["sv"]).status_code == 200


def test_switcher_on_a_translated_course_links_to_the_translation(client, catalogues):
    links = {link["code"]: link["url"] for link in client.get(catalogues["talk"].url).context["languages"]}
    assert links["sv"] == catalogues["translated"].url


def test_a_translated_course_is_not_served_under_its_original_slug(client, catalogues):
    assert client.get(f"{catalogues['sv_programme'].url}lapset-puheeksi/").status_code == 404


def test_cancel_links_screen_reader_text_marks_an_untranslated_course_as_finnish(client, catalogues):
    person = UserFactory()
    enrol(make_session(catalogues["intro"]), person)
    enrol(make_session(catalogues["talk"]), person)
    client.force_login(person)
    with translation.override("sv"):
        my_trainings = reverse("training:my_trainings")
    html = client.get(my_trainings).content.decode()
    assert '<span lang="fi">Perhekeskus tutuksi</span>' in html
    assert "<span>Barnen på tal</span>" in html
    course_page = client.get(f"{catalogues['sv_programme'].url}perhekeskus-tutuksi/").content.decode()
    assert '<span lang="fi">Perhekeskus tutuksi</span>' in course_page
