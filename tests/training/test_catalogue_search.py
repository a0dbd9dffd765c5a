"""The catalogue's search finds Finnish word forms: full-text with the Finnish configuration and
prefixes on PostgreSQL, stems on SQLite."""

import pytest
from django.db import connection

from tests.conftest import skip_or_fail
from tests.factories import make_course
from training.selectors.catalogue import finnish_stem, search_words

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [course.title for course in response.context["courses"]]


@pytest.fixture
def courses(programme):
    make_course(programme, "Vauvaperheen arki", summary="Tukea ensimmäistä lastaan odottaville.")
    make_course(programme, "Systeeminen työote", summary="Työote lapsiperheiden palveluissa.")
    make_course(programme, "Verkostojohtaminen", summary="Esihenkilöille ja koordinaattoreille.")


@pytest.mark.parametrize(
    ("word", "stem"), [("lapsiperheiden", "lapsiperhe"), ("vauva", "vauv"), ("lapsiperhe", "lapsiperh"), ("työ", "työ")]
)
def test_stems_cut_one_common_ending_and_keep_four_letters(word, stem):
    assert finnish_stem(word) == stem


def test_search_words_are_letters_only():
    assert search_words("Vauva & (perhe):*") == ["vauva", "perhe"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("lapsiperhe", ["Systeeminen työote"]),
        ("vauva", ["Vauvaperheen arki"]),
        ("Vauvaperheet arki", ["Vauvaperheen arki"]),
        ("koordinaattori", ["Verkostojohtaminen"]),
        ("vauva verkosto", []),
        ("&:*|!", ["Systeeminen työote", "Vauvaperheen arki", "Verkostojohtaminen"]),
    ],
)
def test_search_finds_finnish_word_forms(client, programme, courses, q, expected):
    assert titles(client.get(programme.url, {"q": q})) == expected


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("q", "expected"),
    [("lapsiperhe", ["Systeeminen työote"]), ("vauva", ["Vauvaperheen arki"]), ("esihenkilö", ["Verkostojohtaminen"])],
)
def test_postgres_uses_finnish_full_text_with_prefixes(client, programme, courses, q, expected):
    if connection.vendor != "postgresql":
        skip_or_fail("full-text search needs PostgreSQL: run with DATABASE_URL=postgres://...")
    assert titles(client.get(programme.url, {"q": q})) == expected
