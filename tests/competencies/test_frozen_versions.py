"""A published or retired version is frozen: neither Wagtail's copy views nor a direct model write change it."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from competencies.errors import CompetenceError
from competencies.models import Competence, CompetenceArea, FrameworkVersion, Requirement
from competencies.services import framework_version_draft, framework_version_publish
from tests.competencies.factories import make_draft, make_published
from tests.competencies.test_admin import competence_form
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
Status = FrameworkVersion.Status


@pytest.fixture
def admin_client(client, home):
    admin = UserFactory(is_superuser=True, is_staff=True)
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)
    return client


@pytest.fixture
def published():
    return make_published(competences=2)


def snapshot(version: FrameworkVersion) -> tuple:
    version.refresh_from_db()
    framework = version.framework
    framework.refresh_from_db()
    return (
        framework.code,
        framework.name_fi,
        version.status,
        version.notes,
        version.scale.name_fi,
        sorted(version.areas.values_list("code", "name_fi", "sort_order")),
        sorted(version.competences.values_list("code", "name_fi", "area_id")),
        sorted(
            Requirement.objects.filter(competence__version=version).values_list("competence__code", "required_level")
        ),
    )


def copy_posts(version: FrameworkVersion) -> list[tuple[str, dict]]:
    competence = version.competences.get(code="A1")
    area = competence.area
    return [
        (
            f"/admin/competences/versions/copy/{version.pk}/",
            {"framework": version.framework_id, "scale": version.scale_id, "notes": "Muutettu"},
        ),
        (
            f"/admin/competences/areas/copy/{area.pk}/",
            {"version": version.pk, "code": "A", "sort_order": 9, "name_fi": "Muutettu alue"},
        ),
        (f"/admin/competences/competences/copy/{competence.pk}/", competence_form(competence, "Muutettu", 5)),
        (
            f"/admin/competences/frameworks/copy/{version.framework_id}/",
            {"code": version.framework.code, "name_fi": "Muutettu kehys"},
        ),
        (f"/admin/competences/scales/copy/{version.scale_id}/", {"name_fi": "Muutettu asteikko"}),
    ]


def test_the_copy_views_do_not_exist_and_change_nothing(admin_client, published):
    before = snapshot(published)

    for url, data in copy_posts(published):
        assert admin_client.get(url).status_code == 404, url
        assert admin_client.post(url, data).status_code == 404, url

    assert snapshot(published) == before


class TestModelGuard:
    def test_content_of_a_published_version_is_not_saved(self, published):
        competence = published.competences.get(code="A1")
        area = competence.area
        requirement = competence.requirements.first()
        competence.name_fi = area.name_fi = "Muutettu"
        requirement.required_level = 5
        published.notes = "Muutettu"

        for obj in (competence, area, requirement, published):
            with pytest.raises(CompetenceError) as error:
                obj.save()
            assert error.value.code == "version_not_editable"

        published.refresh_from_db()
        assert published.notes == ""
        assert published.competences.get(code="A1").name_fi == "Osaaminen 1"

    def test_content_of_a_published_version_is_not_deleted(self, published):
        competence = published.competences.get(code="A1")

        for obj in (competence.requirements.first(), competence, competence.area, published):
            with pytest.raises(CompetenceError):
                obj.delete()

        assert FrameworkVersion.objects.filter(pk=published.pk).exists()
        assert Requirement.objects.filter(competence__version=published).count() == 4

    def test_no_content_is_added_to_a_published_version(self, published):
        area = published.areas.get()
        with pytest.raises(CompetenceError):
            CompetenceArea.objects.create(version=published, code="Z", name_fi="Uusi")
        with pytest.raises(CompetenceError):
            Competence.objects.create(version=published, area=area, code="Z1", name_fi="Uusi")

    def test_draft_content_cannot_be_moved_into_a_published_version(self, published):
        draft = make_draft("toinen")
        area = draft.areas.get()
        area.version = published
        with pytest.raises(CompetenceError):
            area.save()

    def test_drafting_editing_publishing_and_retiring_still_work(self, published):
        draft = framework_version_draft(framework=published.framework)
        competence = draft.competences.get(code="A1")
        competence.name_fi = "Uusi"
        competence.save()
        competence.requirements.update(required_level=2)

        framework_version_publish(version=draft)

        published.refresh_from_db()
        draft.refresh_from_db()
        assert (published.status, draft.status) == (Status.RETIRED, Status.PUBLISHED)
        assert draft.competences.get(code="A1").name_fi == "Uusi"

    def test_a_draft_is_deleted(self):
        draft = make_draft("poistettava")
        draft.competences.first().delete()
        draft.delete()
        assert not FrameworkVersion.objects.filter(pk=draft.pk).exists()
