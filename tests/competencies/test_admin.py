"""The framework in the Wagtail admin: pages load, drafts are edited, a published version is read-only."""

import json

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Permission
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from competencies.models import Competence, FrameworkVersion, ProficiencyScale, Requirement
from competencies.services import framework_version_draft
from tests.competencies.factories import make_draft, make_published
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


def competence_form(competence: Competence, name_fi: str, required_level: int) -> dict:
    requirements = list(competence.requirements.all())
    return nested_form_data(
        {
            "version": competence.version_id,
            "area": competence.area_id,
            "code": competence.code,
            "sort_order": competence.sort_order,
            "name_fi": name_fi,
            "name_sv": competence.name_sv,
            "name_en": competence.name_en,
            "description_fi": "",
            "description_sv": "",
            "description_en": "",
            "requirements": inline_formset(
                [
                    {
                        "id": requirement.pk,
                        "professional_group": requirement.professional_group_id,
                        "service_level": requirement.service_level,
                        "required_level": required_level,
                    }
                    for requirement in requirements
                ],
                initial=len(requirements),
            ),
        }
    )


@pytest.mark.parametrize(
    "url",
    [
        "/admin/competences/frameworks/",
        "/admin/competences/versions/",
        "/admin/competences/versions/new/",
        "/admin/competences/areas/",
        "/admin/competences/competences/",
        "/admin/competences/scales/",
        "/admin/competences/scales/new/",
    ],
)
def test_the_admin_pages_load_for_an_administrator(admin_client, published, url):
    assert admin_client.get(url).status_code == 200


def test_the_pages_of_a_published_version_open_read_only(admin_client, published):
    competence = published.competences.get(code="A1")
    area = competence.area

    for kind, pk in (("versions", published.pk), ("areas", area.pk), ("competences", competence.pk)):
        response = admin_client.get(f"/admin/competences/{kind}/edit/{pk}/")
        assert response.status_code == 302
        assert response["Location"] == f"/admin/competences/{kind}/inspect/{pk}/"
        assert admin_client.get(response["Location"]).status_code == 200


def test_a_published_competence_cannot_be_changed_or_deleted_through_the_admin(admin_client, published):
    competence = published.competences.get(code="A1")

    edit = admin_client.post(
        f"/admin/competences/competences/edit/{competence.pk}/", competence_form(competence, "Uusi", 5)
    )
    delete = admin_client.post(f"/admin/competences/competences/delete/{competence.pk}/")

    assert edit.status_code == delete.status_code == 302
    competence.refresh_from_db()
    assert competence.name_fi == "Osaaminen 1"
    assert set(competence.requirements.values_list("required_level", flat=True)) == {3, 4}


def test_a_draft_competence_is_edited_with_its_requirements(admin_client, published):
    draft = framework_version_draft(framework=published.framework)
    competence = draft.competences.get(code="A1")

    response = admin_client.post(
        f"/admin/competences/competences/edit/{competence.pk}/", competence_form(competence, "Uusi nimi", 5)
    )

    assert response.status_code == 302
    competence.refresh_from_db()
    assert competence.name_fi == "Uusi nimi"
    assert set(competence.requirements.values_list("required_level", flat=True)) == {5}
    assert set(Requirement.objects.filter(competence__version=published).values_list("required_level", flat=True)) == {
        3,
        4,
    }


def test_a_required_level_outside_the_scale_is_refused_in_the_admin(admin_client):
    draft = make_draft()
    competence = draft.competences.get(code="A1")

    response = admin_client.post(
        f"/admin/competences/competences/edit/{competence.pk}/", competence_form(competence, "Uusi nimi", 7)
    )

    assert response.status_code == 200
    competence.refresh_from_db()
    assert competence.name_fi == "Osaaminen 1"
    assert set(competence.requirements.values_list("required_level", flat=True)) == {3, 4}


def test_publishing_from_the_admin_asks_first_and_retires_the_previous_version(admin_client, published):
    draft = framework_version_draft(framework=published.framework)
    url = f"/admin/competences/versions/{draft.pk}/publish/"

    assert admin_client.get(url).status_code == 200
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT

    response = admin_client.post(url)

    assert response.status_code == 302
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.status, published.status) == (Status.PUBLISHED, Status.RETIRED)


def test_a_new_version_is_drafted_from_the_framework_list_by_post_only(admin_client, published):
    url = f"/admin/competences/frameworks/{published.framework_id}/draft/"

    assert admin_client.get(url).status_code == 405
    response = admin_client.post(url)

    draft = published.framework.versions.get(status=Status.DRAFT)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/competences/versions/edit/{draft.pk}/"
    assert draft.competences.count() == 2
    assert admin_client.get(response["Location"]).status_code == 200


def test_a_version_added_in_the_admin_is_a_numbered_draft_copy(admin_client, published):
    response = admin_client.post(
        "/admin/competences/versions/new/",
        {"framework": published.framework_id, "scale": published.scale_id, "notes": "Vuoden 2026 päivitys"},
    )

    assert response.status_code == 302
    draft = published.framework.versions.get(status=Status.DRAFT)
    assert (draft.number, draft.notes, draft.competences.count()) == (2, "Vuoden 2026 päivitys", 2)
    again = admin_client.post(
        "/admin/competences/versions/new/", {"framework": published.framework_id, "scale": published.scale_id}
    )
    assert again.status_code == 200
    assert published.framework.versions.count() == 2


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_version_downloads_as_csv_and_json(admin_client, published, fmt):
    response = admin_client.get(f"/admin/competences/versions/{published.pk}/export/{fmt}/")

    assert response.status_code == 200
    assert f'filename="pk-v1.{fmt}"' in response["Content-Disposition"]
    body = response.content.decode("utf-8-sig")
    if fmt == "json":
        assert json.loads(body)["framework"]["code"] == "pk"
    else:
        assert body.startswith("record;code;parent")


def test_scale_levels_are_edited_in_the_admin_but_values_in_use_stay(admin_client, published):
    scale = published.scale
    levels = list(scale.levels.all())

    def post(values):
        return admin_client.post(
            f"/admin/competences/scales/edit/{scale.pk}/",
            nested_form_data(
                {
                    "name_fi": scale.name_fi,
                    "name_sv": scale.name_sv,
                    "name_en": scale.name_en,
                    "levels": inline_formset(
                        [
                            {
                                "id": level.pk,
                                "value": value,
                                "name_fi": level.name_fi + " (muokattu)",
                                "name_sv": level.name_sv,
                                "name_en": level.name_en,
                                "descriptor_fi": level.descriptor_fi,
                                "descriptor_sv": level.descriptor_sv,
                                "descriptor_en": level.descriptor_en,
                            }
                            for level, value in zip(levels, values, strict=True)
                        ],
                        initial=len(levels),
                    ),
                }
            ),
        )

    refused = post([1, 2, 3, 4, 6])
    assert refused.status_code == 200
    assert sorted(scale.levels.values_list("value", flat=True)) == [1, 2, 3, 4, 5]

    accepted = post([1, 2, 3, 4, 5])
    assert accepted.status_code == 302
    assert scale.levels.get(value=1).name_fi.endswith("(muokattu)")
    assert ProficiencyScale.objects.count() == 1


def test_a_person_without_admin_access_is_kept_out(client, home, published):
    client.force_login(UserFactory())

    for url in (
        "/admin/competences/versions/",
        f"/admin/competences/versions/{published.pk}/export/csv/",
        f"/admin/competences/frameworks/{published.framework_id}/draft/",
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url
    response = client.post(f"/admin/competences/frameworks/{published.framework_id}/draft/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert published.framework.versions.count() == 1


def test_an_editor_without_the_competence_permissions_is_refused(client, home, published):
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    TOTP.activate(editor, generate_totp_secret())
    client.force_login(editor)

    assert client.get("/admin/").status_code == 200
    for url in (
        "/admin/competences/versions/",
        f"/admin/competences/versions/{published.pk}/export/csv/",
        f"/admin/competences/versions/{published.pk}/publish/",
    ):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/"), url
    response = client.post(f"/admin/competences/frameworks/{published.framework_id}/draft/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert published.framework.versions.count() == 1
    assert published.framework.versions.count() == 1
