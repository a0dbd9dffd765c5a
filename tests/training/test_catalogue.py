"""The catalogue page: courses in title order, filters by kind, level and group, search and pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from people.models import ServiceLevel
from tests.factories import ProfessionalGroupFactory, make_course
from training.models import CourseKind

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [course.title for course in response.context["courses"]]


@pytest.fixture
def courses(programme):
    nurse = ProfessionalGroupFactory(code="terveydenhoitaja", name_fi="Terveydenhoitaja")
    youth = ProfessionalGroupFactory(code="nuorisotyontekija", name_fi="Nuorisotyöntekijä")
    make_course(
        programme,
        "Lapset puheeksi",
        kind=CourseKind.METHOD_TRAINING,
        summary="Lapset puheeksi -keskustelu vanhemman kanssa.",
        target_groups=[nurse],
    )
    make_course(
        programme,
        "MARAK",
        kind=CourseKind.METHOD_TRAINING,
        level=ServiceLevel.SPECIAL,
        summary="Moniammatillinen riskinarviointi lähisuhdeväkivallassa.",
        target_groups=[nurse, youth],
    )
    make_course(programme, "Kohtaamispaikan työpaja", kind=CourseKind.WORKSHOP, summary="Yhteiskehittäminen.")
    return {"nurse": nurse, "youth": youth}


def test_catalogue_lists_courses_alphabetically(client, programme, courses):
    response = client.get(programme.url)
    assert titles(response) == ["Kohtaamispaikan työpaja", "Lapset puheeksi", "MARAK"]


def test_filters_by_kind(client, programme, courses):
    assert titles(client.get(programme.url, {"kind": "workshop"})) == ["Kohtaamispaikan työpaja"]


def test_filters_by_level(client, programme, courses):
    assert titles(client.get(programme.url, {"level": ServiceLevel.SPECIAL})) == ["MARAK"]


def test_filters_by_professional_group(client, programme, courses):
    assert titles(client.get(programme.url, {"group": "nuorisotyontekija"})) == ["MARAK"]
    assert titles(client.get(programme.url, {"group": "terveydenhoitaja"})) == ["Lapset puheeksi", "MARAK"]


def test_searches_text_in_summaries(client, programme, courses):
    assert titles(client.get(programme.url, {"q": "riskinarviointi"})) == ["MARAK"]


def test_search_combines_with_filters(client, programme, courses):
    response = client.get(programme.url, {"q": "puheeksi", "kind": "workshop"})
    assert titles(response) == []
    assert response.context["is_filtered"]
    assert 'class="empty"' in response.content.decode()


def test_unknown_filter_values_show_an_error_and_all_courses(client, programme, courses):
    response = client.get(programme.url, {"kind": "sauna"})
    assert response.status_code == 200
    assert response.context["filter_form"].errors["kind"]
    assert len(titles(response)) == 3


def test_unpublished_courses_are_hidden(client, programme, courses):
    draft = make_course(programme, "Luonnos")
    draft.unpublish()
    assert "Luonnos" not in titles(client.get(programme.url))


def test_catalogue_paginates(client, programme):
    for number in range(programme.courses_per_page + 3):
        make_course(programme, f"Koulutus {number:02d}")
    first = client.get(programme.url)
    second = client.get(programme.url, {"page": 2})
    assert len(titles(first)) == programme.courses_per_page
    assert len(titles(second)) == 3
    assert 'rel="next"' in first.content.decode()


def test_pagination_keeps_the_filters(client, programme):
    for number in range(programme.courses_per_page + 1):
        make_course(programme, f"Työpaja {number:02d}", kind=CourseKind.WORKSHOP)
    content = client.get(programme.url, {"kind": "workshop"}).content.decode()
    assert "?kind=workshop&amp;page=2" in content


def _count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"group": "terveydenhoitaja", "kind": "method"}, {"q": "koulutus"}])
def test_catalogue_query_count_is_the_same_for_1_and_50_courses(client, programme, params):
    group = ProfessionalGroupFactory(code="terveydenhoitaja")
    make_course(programme, "Koulutus 00", kind=CourseKind.METHOD_TRAINING, target_groups=[group])
    client.get(programme.url, params)  # warm caches (site root, locales)
    with_one = _count_queries(client, programme.url, params)
    for number in range(1, 50):
        make_course(programme, f"Koulutus {number:02d}", kind=CourseKind.METHOD_TRAINING, target_groups=[group])
    assert _count_queries(client, programme.url, params) == with_one


def test_course_page_shows_the_details(client, programme, courses):
    course = make_course(
        programme,
        "Vahvuutta vanhemmuuteen",
        duration_hours="31.5",
        learning_outcomes="Osaa ohjata vertaisryhmää\nTuntee vanhemmuuden roolikartan",
        requires_manager_approval=True,
        target_groups=[courses["nurse"]],
    )
    content = client.get(course.url).content.decode()
    assert "31,5" in content  # Finnish decimal comma
    assert "<li>Osaa ohjata vertaisryhmää</li>" in content
    assert "Terveydenhoitaja" in content


def test_course_page_query_count_does_not_grow_with_target_groups(client, programme, django_assert_max_num_queries):
    course = make_course(programme, "Neuvokas perhe", target_groups=[ProfessionalGroupFactory()])
    client.get(course.url)
    with CaptureQueriesContext(connection) as baseline:
        client.get(course.url)
    course.target_groups.set([ProfessionalGroupFactory() for _ in range(15)])
    course.save_revision().publish()
    with django_assert_max_num_queries(len(baseline)):
        client.get(course.url)
