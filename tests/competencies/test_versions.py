"""Framework versions: drafts are edited, publishing freezes them, a new draft copies the published one."""

import datetime

import pytest

from competencies.errors import CompetenceError
from competencies.models import Competence, FrameworkVersion, Requirement, SurveyRound
from competencies.services import (
    competence_area_delete,
    competence_area_save,
    competence_delete,
    competence_save,
    framework_version_draft,
    framework_version_publish,
    framework_version_update,
    requirement_set,
)
from tests.competencies.factories import make_draft, make_groups, make_published

pytestmark = pytest.mark.django_db
Status = FrameworkVersion.Status


def content(version: FrameworkVersion) -> list[tuple]:
    return sorted(
        Requirement.objects.filter(competence__version=version).values_list(
            "competence__area__code",
            "competence__code",
            "competence__name_fi",
            "professional_group__code",
            "service_level",
            "required_level",
        )
    )


def test_publishing_a_draft_freezes_it():
    version = framework_version_publish(version=make_draft())

    assert version.status == Status.PUBLISHED
    assert version.published_at is not None
    assert not version.is_editable


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.RETIRED])
def test_every_content_write_refuses_a_version_that_is_not_a_draft(status):
    version = make_published()
    version.status = status
    version.save(update_fields=["status"])
    competence = version.competences.get(code="A1")
    area = competence.area
    group = Requirement.objects.filter(competence=competence).first().professional_group
    before = content(version)

    writes = [
        lambda: competence_area_save(version=version, code="B", name_fi="Uusi"),
        lambda: competence_area_save(version=version, code="A", name_fi="Muutettu"),
        lambda: competence_save(version=version, area=area, code="A1", name_fi="Muutettu"),
        lambda: requirement_set(competence=competence, professional_group=group, required_level=5),
        lambda: competence_delete(competence=competence),
        lambda: competence_area_delete(area=area),
        lambda: framework_version_update(version=version, notes="Muutettu"),
    ]
    for write in writes:
        with pytest.raises(CompetenceError) as error:
            write()
        assert error.value.code == "version_not_editable"
    assert content(version) == before


def test_a_new_draft_copies_the_published_version_and_edits_do_not_touch_it():
    published = make_published(groups=make_groups("terveydenhoitaja", "psykologi"))
    draft = framework_version_draft(framework=published.framework)

    assert (draft.number, draft.status, draft.scale_id) == (2, Status.DRAFT, published.scale_id)
    assert content(draft) == content(published)
    assert set(draft.competences.values_list("pk", flat=True)).isdisjoint(
        published.competences.values_list("pk", flat=True)
    )
    before = content(published)

    a1 = draft.competences.get(code="A1")
    competence_save(version=draft, area=a1.area, code="A1", name_fi="Uusi nimi")
    requirement_set(competence=a1, professional_group=a1.requirements.first().professional_group, required_level=5)
    competence_delete(competence=draft.competences.get(code="A2"))

    assert content(published) == before
    assert content(draft) != before


def test_competence_codes_stay_the_same_across_versions():
    published = make_published(competences=3)
    draft = framework_version_draft(framework=published.framework)

    assert list(draft.competences.values_list("code", flat=True)) == ["A1", "A2", "A3"]
    assert all(competence.area.version_id == draft.pk for competence in draft.competences.select_related("area"))


def test_publishing_retires_the_previous_version_and_rounds_keep_theirs():
    first = make_published()
    survey = SurveyRound.objects.create(
        name_fi="Kartoitus 2024", version=first, opens_on=datetime.date(2024, 1, 1), closes_on=datetime.date(2024, 2, 1)
    )
    second = framework_version_publish(version=framework_version_draft(framework=first.framework))

    first.refresh_from_db()
    survey.refresh_from_db()
    assert first.status == Status.RETIRED
    assert second.status == Status.PUBLISHED
    assert survey.version_id == first.pk
    assert first.competences.count() == 2
    assert first.framework.versions.filter(status=Status.PUBLISHED).get() == second


def test_only_one_draft_at_a_time():
    draft = make_draft()

    with pytest.raises(CompetenceError) as error:
        framework_version_draft(framework=draft.framework)

    assert error.value.code == "draft_exists"
    assert draft.framework.versions.count() == 1


def test_only_a_draft_can_be_published():
    version = make_published()

    with pytest.raises(CompetenceError) as error:
        framework_version_publish(version=version)

    assert error.value.code == "not_a_draft"


def test_an_empty_draft_cannot_be_published():
    published = make_published()
    draft = framework_version_draft(framework=published.framework)
    Competence.objects.filter(version=draft).delete()

    with pytest.raises(CompetenceError) as error:
        framework_version_publish(version=draft)

    assert error.value.code == "version_empty"
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED


def test_a_competence_cannot_be_put_in_another_versions_area():
    published = make_published()
    draft = framework_version_draft(framework=published.framework)

    with pytest.raises(CompetenceError) as error:
        competence_save(version=draft, area=published.areas.get(), code="X1", name_fi="X")

    assert error.value.code == "area_other_version"


def test_the_first_draft_of_a_new_framework_uses_the_default_scale():
    draft = make_draft()

    assert draft.number == 1
    assert [level.value for level in draft.scale.levels.all()] == [1, 2, 3, 4, 5]


def test_a_new_area_in_a_draft_is_saved():
    draft = make_draft()

    area = competence_area_save(version=draft, code="B", name_fi="Alue B", sort_order=2)

    assert list(draft.areas.values_list("code", flat=True)) == ["A", "B"]
    assert area.name_fi == "Alue B"
