"""Courses tagged with the competences they develop: the demo tags and the recommendations built on them."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from tests.competencies.factories import make_gap_framework
from tests.factories import ProfessionalGroupFactory, enrol, make_course, make_session
from training.demo.course_competences import tag_course_competences
from training.models import CoursePage
from training.selectors.recommendations import courses_developing

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework():
    return make_gap_framework([ProfessionalGroupFactory()], codes=("H3", "C1"), code="perhekeskus")


def test_demo_tags_use_the_codes_the_framework_has_and_skip_the_rest(programme, framework):
    course = make_course(programme, "Lapset puheeksi")
    other = make_course(programme, "Ei demossa")

    assert tag_course_competences([course, other]) == 1

    course = CoursePage.objects.get(pk=course.pk)
    assert sorted(course.develops_competences.values_list("code", flat=True)) == ["C1", "H3"]  # H2 is unknown
    assert not other.develops_competences.exists()
    assert tag_course_competences([course, other]) == 0  # idempotent


def test_without_the_framework_nothing_is_tagged(programme):
    course = make_course(programme, "Lapset puheeksi")
    assert tag_course_competences([course]) == 0


def test_recommendations_match_codes_and_carry_upcoming_sessions(programme, framework, django_assert_num_queries):
    course = make_course(programme, "Lapset puheeksi")
    course.develops_competences.set([framework["H3"]])
    course.save_revision().publish()
    make_session(course, capacity=5)
    make_session(course, starts_in_days=-30)  # over: not listed
    unpublished = make_course(programme, "Luonnos")
    unpublished.develops_competences.set([framework["H3"]])
    unpublished.save()
    unpublished.unpublish()

    with translation.override("fi"), django_assert_num_queries(4):
        courses = courses_developing(["H3", "X9"])

    assert [page.title for page in courses] == ["Lapset puheeksi"]
    assert courses[0].matched_codes == ["H3"]
    assert [session.seats_left for session in courses[0].upcoming_sessions] == [5]
    assert courses_developing([]) == []


def test_a_full_session_in_recommendations_offers_the_waiting_list(programme, framework):
    course = make_course(programme, "Lapset puheeksi")
    course.develops_competences.set([framework["H3"]])
    course.save_revision().publish()
    enrol(make_session(course, capacity=1))
    with translation.override("fi"):
        html = render_to_string("training/includes/recommended_courses.html", {"courses": courses_developing(["H3"])})
    assert "Täynnä – jonotuslista" in html
    assert "0 paikkaa" not in html


def test_a_recommended_course_without_a_translation_stays_in_the_readers_language(programme, framework):
    from wagtail.models import Locale

    course = make_course(programme, "Perhekeskus tutuksi")
    course.develops_competences.set([framework["H3"]])
    course.save_revision().publish()
    other = make_course(programme, "Lapset puheeksi")
    swedish = Locale.objects.get_or_create(language_code="sv")[0]
    other.copy_for_translation(swedish, copy_parents=True).save_revision().publish()
    programme_sv = programme.get_translation(swedish)

    with translation.override("sv"):
        [recommended] = courses_developing(["H3"])
        html = render_to_string("training/includes/recommended_courses.html", {"courses": [recommended]})
        expected = f"{programme_sv.url}perhekeskus-tutuksi/"
    assert recommended.url_here == expected
    assert f'<a href="{expected}" lang="fi">Perhekeskus tutuksi</a>' in html
