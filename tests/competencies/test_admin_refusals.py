"""The admin refuses what would break the data, with a message rather than a server error."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse
from django.utils.translation import gettext

from competencies.models import Framework
from tests.competencies.factories import make_draft, make_framework, make_round
from tests.factories import OrgUnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, home):
    admin = UserFactory(is_superuser=True, is_staff=True)
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)
    return client


def delete_url(framework: Framework) -> str:
    return f"/admin/competences/frameworks/delete/{framework.pk}/"


def test_a_framework_with_survey_rounds_is_not_deleted(admin_client):
    data = make_framework()
    make_round(data, units=[OrgUnitFactory()])
    framework = data.version.framework

    for response in (admin_client.get(delete_url(framework)), admin_client.post(delete_url(framework))):
        assert response.status_code == 302
        assert response["Location"] == "/admin/competences/frameworks/"

    assert Framework.objects.filter(pk=framework.pk).exists()
    page = admin_client.get("/admin/competences/frameworks/").content.decode()
    expected = gettext("%(framework)s has published or retired versions and cannot be deleted.") % {
        "framework": framework
    }
    assert expected in page or expected.replace("'", "&#x27;") in page


def test_a_framework_with_only_a_draft_is_deleted(admin_client):
    framework = make_draft("luonnos").framework

    assert admin_client.get(delete_url(framework)).status_code == 200
    assert admin_client.post(delete_url(framework)).status_code == 302
    assert not Framework.objects.filter(pk=framework.pk).exists()


@pytest.mark.parametrize("fmt", ["xml", "CSV", "html"])
def test_an_unknown_version_export_format_is_404(admin_client, fmt):
    version = make_draft("vienti")
    assert admin_client.get(f"/admin/competences/versions/{version.pk}/export/{fmt}/").status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_cell_download_of_an_unknown_competence_is_404_like_the_page(client, world, fmt):
    client.force_login(world.manager)

    page = client.get(reverse("competencies:team_cell", args=[world.nurse.pk, "EI-OLE"]))
    download = client.get(reverse("competencies:team_cell_export", args=[world.nurse.pk, "EI-OLE", fmt]))

    assert page.status_code == download.status_code == 404
    known = client.get(reverse("competencies:team_cell_export", args=[world.nurse.pk, "A1", fmt]))
    assert known.status_code == 200
