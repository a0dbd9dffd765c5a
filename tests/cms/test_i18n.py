"""Languages of the site: Finnish without a prefix, Swedish and English under theirs, and the switcher."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import timezone
from wagtail.models import Locale

from tests.factories import make_course

pytestmark = pytest.mark.django_db

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"


@pytest.fixture
def swedish_course(programme):
    course = make_course(programme, "Lapset puheeksi", duration_hours="1.5")
    swedish = Locale.objects.get_or_create(language_code="sv")[0]
    translated = course.copy_for_translation(swedish, copy_parents=True)
    translated.title = "Barnen på tal"
    translated.slug = "barnen-pa-tal"
    translated.save_revision().publish()  # its parents are copied as live aliases
    translated.refresh_from_db()
    return course, translated


def test_finnish_is_the_default_without_a_prefix(client, home):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "fi"
    assert '<html lang="fi">' in response.content.decode()


def test_swedish_page_is_served_under_sv_prefix(client, swedish_course):
    _, translated = swedish_course
    assert translated.url.startswith("/sv/")
    response = client.get(translated.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in content
    assert "Barnen på tal" in content


def test_language_switcher_links_to_the_translation(client, swedish_course):
    course, translated = swedish_course
    links = {link["code"]: link for link in client.get(course.url).context["languages"]}
    assert links["sv"]["url"] == translated.url
    assert links["fi"]["current"]


def test_language_switcher_falls_back_to_the_home_page_of_that_language(client, swedish_course):
    course, _ = swedish_course
    links = {link["code"]: link["url"] for link in client.get(course.url).context["languages"]}
    # No English translation exists: the switcher keeps the page's URL under /en/.
    assert links["en"].startswith("/en/")


def test_language_switcher_keeps_non_page_views(client, home):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    links = {link["code"]: link["url"] for link in client.get("/profile/").context["languages"]}
    assert links == {"fi": "/profile/", "sv": "/sv/profile/", "en": "/en/profile/"}


def test_numbers_follow_the_locale(client, swedish_course):
    course, _ = swedish_course
    assert "1,5" in client.get(course.url).content.decode()
    english = Locale.objects.get_or_create(language_code="en")[0]
    english_course = course.copy_for_translation(english, copy_parents=True)
    english_course.save_revision().publish()
    english_course.refresh_from_db()
    assert english_course.url.startswith("/en/")
    assert "1.5" in client.get(english_course.url).content.decode()


def test_times_are_in_helsinki():
    assert settings.TIME_ZONE == "Europe/Helsinki"
    assert str(timezone.get_current_timezone()) == "Europe/Helsinki"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_catalogue_is_complete(language):
    with open(LOCALE_DIR / language / "LC_MESSAGES" / "django.po", "rb") as po_file:
        catalog = read_po(po_file)
    assert not catalog.fuzzy, "the catalogue header is marked fuzzy"
    missing = [message.id for message in catalog if message.id and not message.string]
    missing += [
        message.id
        for message in catalog
        if message.id and isinstance(message.string, tuple) and not all(message.string)
    ]
    fuzzy = [message.id for message in catalog if message.id and message.fuzzy]
    assert missing == [], f"untranslated in {language}: {missing[:10]}"
    assert fuzzy == [], f"fuzzy in {language}: {fuzzy[:10]}"
