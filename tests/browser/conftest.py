"""Playwright against Debian's Chromium and pytest-django's live server.

Only the system browser is used: Playwright's own browser downloads are not available here.
"""

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import skip_or_fail

CHROMIUM = Path("/usr/bin/chromium")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="package", autouse=True)
def _allow_orm_beside_playwright():
    """Playwright's sync API runs an asyncio event loop in the test's thread, so Django's
    async-safety check would refuse the ORM calls of the fixtures and tests. Only here:
    elsewhere (e.g. the deploy check's subprocess) the variable must stay unset."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser_type_launch_args():
    """Debian's Chromium, headless; checked here so that collection never fails without it."""
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} is not installed (apt-get install chromium)")
    return {
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


def sign_in(browser, base_url: str, user) -> None:
    """Give the browser (a Playwright page or context) the session cookie of a signed-in ``user``; the sign-in
    form itself is tested elsewhere."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context = getattr(browser, "context", browser)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}])


def assert_no_axe_violations(page, where: str) -> None:
    """axe-core finds no WCAG 2.1 A/AA violation in the page as it is now; ``where`` names it in the report."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]})
    assert results.violations_count == 0, f"{where}:\n{results.generate_report()}"


def assert_page_has_no_axe_violations(page, url: str) -> None:
    """Open ``url`` (it must answer 200) and check it with ``assert_no_axe_violations``."""
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    assert_no_axe_violations(page, url)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": {"width": 1280, "height": 900},
        "locale": "fi-FI",
        "timezone_id": "Europe/Helsinki",
    }


@dataclass
class SitePages:
    """The pages of a small bilingual site, with their URLs on the live server."""

    base_url: str
    home: object
    programme: object
    course: object
    home_sv: object
    programme_sv: object
    course_sv: object

    def url(self, page) -> str:
        return self.base_url + page.url


def _translate(page, locale, *, title: str, slug: str, **fields):
    """A live translation of ``page``, saved as its live row: the pages are served from it, and a revision and
    its publishing would cost each browser test's set-up a quarter of a second."""
    translated = page.copy_for_translation(locale, copy_parents=True)
    translated.title = title
    translated.slug = slug
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.live = True
    translated.has_unpublished_changes = False
    translated.save()
    return translated


@pytest.fixture
def site_pages(live_server, django_db_serialized_rollback) -> SitePages:
    """Home, catalogue and a course in Finnish, each translated into Swedish."""
    from wagtail.models import Locale, Page, Site

    from cms.models import SiteSettings
    from people.models import ServiceLevel
    from tests.factories import ProfessionalGroupFactory, ProgrammePageFactory, make_course, make_site
    from training.models import CourseKind

    if Page.get_first_root_node() is None:
        pytest.fail("The test database has no Wagtail root page: run once with --create-db")
    home = make_site()
    home.intro = "Yhteiset koulutukset perhekeskusverkoston työntekijöille."
    home.save()  # the live row is what is served; a revision would only cost time
    # Pages are served on localhost:<port>; the site must match it for Wagtail's routing and URLs.
    port = int(live_server.url.rsplit(":", 1)[1])
    Site.objects.filter(is_default_site=True).update(port=port)
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.update_or_create(
        site=site, defaults={"organisation_name": "Hyvinvointialue", "contact_email": "koulutus@example.fi"}
    )

    programme = ProgrammePageFactory.create(home)
    programme.show_in_menus = True
    programme.intro = "Perhekeskuksen koulutustarjonta."
    programme.save()

    nurse = ProfessionalGroupFactory(code="terveydenhoitaja", name_fi="Terveydenhoitaja", name_sv="Hälsovårdare")
    youth = ProfessionalGroupFactory(code="nuorisotyontekija", name_fi="Nuorisotyöntekijä", name_sv="Ungdomsarbetare")
    course = make_course(
        programme,
        "Lapset puheeksi",
        kind=CourseKind.METHOD_TRAINING,
        duration_hours="1.5",
        summary="Lapset puheeksi -keskustelu vanhemman kanssa.",
        learning_outcomes="Osaa käydä keskustelun.\nTuntee menetelmän periaatteet.",
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

    swedish = Locale.objects.get_or_create(language_code="sv")[0]
    home_sv = _translate(
        home, swedish, title="Familjecentret", slug="hem", intro="Gemensamma utbildningar för familjecentrets personal."
    )
    programme_sv = _translate(
        programme, swedish, title="Utbildningar", slug="utbildningar", intro="Familjecentrets utbildningsutbud."
    )
    course_sv = _translate(
        course,
        swedish,
        title="Barnen på tal",
        slug="barnen-pa-tal",
        summary="Barnen på tal-samtal med föräldern.",
        learning_outcomes="Kan föra samtalet.\nKänner till metodens principer.",
    )

    for page in (home, programme, course):
        page.refresh_from_db()
    return SitePages(
        base_url=live_server.url,
        home=home,
        programme=programme,
        course=course,
        home_sv=home_sv,
        programme_sv=programme_sv,
        course_sv=course_sv,
    )
