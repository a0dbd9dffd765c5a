"""The site's pages render: the home page, the catalogue, standard pages and the navigation."""

import pytest

from tests.factories import make_course

pytestmark = pytest.mark.django_db


def test_home_page_renders_in_finnish(client, home):
    response = client.get("/")
    assert response.status_code == 200
    assert b'<html lang="fi">' in response.content
    assert "Perhekeskus" in response.content.decode()


def test_catalogue_lists_live_courses(client, programme):
    make_course(programme, "Lapset puheeksi")
    response = client.get(programme.url)
    assert response.status_code == 200
    assert "Lapset puheeksi" in response.content.decode()


def test_standard_page_renders_its_body(client, home):
    from cms.models import StandardPage

    page = home.add_child(
        instance=StandardPage(
            title="Saavutettavuusseloste",
            slug="saavutettavuus",
            intro="Palvelu täyttää WCAG 2.1 AA -vaatimukset.",
            body=[("paragraph", "<p>Anna palautetta.</p>")],
        )
    )
    content = client.get(page.url).content.decode()
    assert "<h1>Saavutettavuusseloste</h1>" in content
    assert "Anna palautetta." in content


def test_navigation_lists_in_menu_pages_and_footer_links_statutory_pages(client, home):
    from wagtail.models import Site

    from cms.models import SiteSettings, StandardPage

    about = home.add_child(instance=StandardPage(title="Tietoa palvelusta", slug="tietoa", show_in_menus=True))
    privacy = home.add_child(instance=StandardPage(title="Tietosuojaseloste", slug="tietosuoja"))
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.privacy_page = privacy
    settings.contact_email = "koulutus@example.fi"
    settings.save()

    content = client.get("/").content.decode()
    header, footer = content.split("<main", 1)[0], content.rsplit("</main>", 1)[1]
    assert f'href="{about.url}"' in header
    assert f'href="{privacy.url}"' in footer
    assert "koulutus@example.fi" in footer
