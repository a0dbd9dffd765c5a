"""The demo (``manage.py load_demo``): a real Pohjois-Savo network, staff, courses and the site."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import Locale, Page, Revision, Site

from cms.models import HomePage, SiteSettings, StandardPage
from people.models import Municipality, Organisation, OrgUnit, ProfessionalGroup, Sector, User
from training.demo import DEMO_PASSWORD
from training.models import CourseKind, CoursePage, TrainingProgrammePage

pytestmark = pytest.mark.django_db

# The professional groups DOMAIN.md names (parish family and diaconal workers are two groups).
DOMAIN_GROUPS = {
    "terveydenhoitaja", "katilo", "laakari", "psykologi", "perhetyontekija", "kotipalvelu", "sosiaaliohjaaja",
    "sosiaalityontekija", "lastenvalvoja", "perheneuvoja", "perheterapeutti", "puheterapeutti", "fysioterapeutti",
    "toimintaterapeutti", "ravitsemusterapeutti", "suuhygienisti", "psykiatrinen-sairaanhoitaja",
    "varhaiskasvatuksen-opettaja", "erityisopettaja", "lastenhoitaja", "koulukuraattori", "nuorisotyontekija",
    "jarjestotyontekija", "vapaaehtoinen", "seurakunnan-perhetyontekija", "diakoniatyontekija", "kelan-asiantuntija",
    "esihenkilo", "perhekeskuskoordinaattori",
}  # fmt: skip
STAFF_LOGIN = "tyontekija@pohjoissavo.example"


def counts() -> dict[str, int]:
    return {
        "municipalities": Municipality.objects.count(),
        "organisations": Organisation.objects.count(),
        "units": OrgUnit.objects.count(),
        "managers": OrgUnit.managers.through.objects.count(),
        "groups": ProfessionalGroup.objects.count(),
        "users": User.objects.count(),
        "emails": EmailAddress.objects.count(),
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "locales": Locale.objects.count(),
        "sites": Site.objects.count(),
        "site settings": SiteSettings.objects.count(),
    }


def fi_course(slug: str) -> CoursePage:
    return CoursePage.objects.get(slug=slug, locale__language_code="fi")


def test_builds_a_network_of_real_pohjois_savo_municipalities():
    assert Municipality.objects.count() >= 10
    assert Municipality.objects.get(code="297").name_fi == "Kuopio"
    assert Municipality.objects.get(code="140").name_sv == "Idensalmi"
    assert Municipality.objects.get(code="915").name_fi == "Varkaus"


def test_builds_one_county_with_three_areas_and_at_least_thirty_units_under_them():
    county = OrgUnit.objects.get(kind=OrgUnit.Kind.COUNTY)
    areas = OrgUnit.objects.filter(kind=OrgUnit.Kind.AREA)
    assert county.name == "Pohjois-Savon hyvinvointialue"
    assert areas.count() == 3
    assert all(area.parent == county for area in areas)
    units = OrgUnit.objects.subtree_of(areas).filter(kind=OrgUnit.Kind.UNIT)
    assert units.count() >= 30


def test_organisations_cover_every_sector_of_the_network():
    sectors = set(Organisation.objects.values_list("sector", flat=True))
    assert {Sector.WELLBEING_COUNTY, Sector.MUNICIPALITY, Sector.NGO, Sector.PARISH, Sector.KELA} <= sectors
    assert Organisation.objects.filter(sector=Sector.MUNICIPALITY, units__name__startswith="Varhaiskasvatus").exists()


def test_creates_every_professional_group_of_the_domain_in_three_languages():
    groups = ProfessionalGroup.objects.all()
    assert {group.code for group in groups} >= DOMAIN_GROUPS
    assert all(group.name_fi and group.name_sv and group.name_en for group in groups)


def test_creates_over_three_hundred_people_with_roles():
    assert User.objects.count() >= 300
    assert User.objects.filter(is_coordinator=True).count() == 1
    assert User.objects.filter(is_superuser=True).count() >= 1
    assert User.objects.filter(is_trainer=True).count() >= 3
    assert User.objects.filter(managed_units__isnull=False).distinct().count() >= 30
    assert not User.objects.filter(unit__isnull=True).exists()


def test_every_unit_and_area_has_a_manager_from_that_unit():
    for unit in OrgUnit.objects.exclude(kind=OrgUnit.Kind.COUNTY).exclude(name="Perhekeskuksen koordinaatio"):
        managers = list(unit.managers.all())
        assert managers, unit.name
        assert all(manager.unit_id == unit.pk for manager in managers), unit.name


def test_people_prefer_mostly_finnish_and_some_swedish_and_english():
    languages = {code: User.objects.filter(preferred_language=code).count() for code in ("fi", "sv", "en")}
    assert languages["fi"] > languages["sv"] + languages["en"]
    assert languages["sv"] > 0
    assert languages["en"] > 0


def test_people_work_on_both_service_levels():
    assert set(User.objects.values_list("service_level", flat=True)) == {"perustaso", "erityistaso"}


def test_every_person_has_a_verified_primary_email():
    verified = set(EmailAddress.objects.filter(verified=True, primary=True).values_list("user_id", "email"))
    assert set(User.objects.values_list("pk", "email")) <= verified


def test_home_page_replaces_the_welcome_page_as_the_default_sites_root():
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert site.root_page.title == "Perhekeskuksen koulutukset"
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()


def test_programme_offers_the_introduction_method_trainings_workshops_seminars_and_elearning():
    programme = TrainingProgrammePage.objects.get(slug="koulutukset", locale__language_code="fi")
    courses = CoursePage.objects.child_of(programme).live()
    assert set(courses.values_list("kind", flat=True)) == set(CourseKind.values)
    assert courses.filter(kind=CourseKind.METHOD_TRAINING).count() >= 6
    introduction = fi_course("perhekeskus-tutuksi")
    assert introduction.title == "Perhekeskus tutuksi työntekijöille"
    assert introduction.issues_certificate
    assert introduction.target_groups.count() == ProfessionalGroup.objects.count()
    assert fi_course("ihmeelliset-vuodet").requires_manager_approval
    assert all(course.summary and course.learning_outcome_list and course.organiser for course in courses)


def test_programme_and_about_page_are_in_the_menu_but_statutory_pages_are_not():
    home = Site.objects.get(is_default_site=True).root_page
    assert set(home.get_children().in_menu().values_list("slug", flat=True)) == {"koulutukset", "tietoa-palvelusta"}


@pytest.mark.parametrize(
    ("model", "slug", "swedish", "english"),
    [
        (HomePage, "perhekeskus", "Familjecentrets utbildningar", "Family centre training"),
        (TrainingProgrammePage, "koulutukset", "Utbildningskalender", "Training calendar"),
        (StandardPage, "tietoa-palvelusta", "Om tjänsten", "About the service"),
        (StandardPage, "saavutettavuusseloste", "Tillgänglighetsutlåtande", "Accessibility statement"),
        (StandardPage, "tietosuojaseloste", "Dataskyddsbeskrivning", "Privacy notice"),
        (
            CoursePage,
            "perhekeskus-tutuksi",
            "Bekanta dig med familjecentret – för anställda",
            "Get to know the family centre – for staff",
        ),
        (CoursePage, "lapset-puheeksi", None, "Let's Talk about Children – method training"),
        (CoursePage, "ihmeelliset-vuodet", "De otroliga åren – utbildning för gruppledare", None),
    ],
)
def test_main_pages_have_live_swedish_and_english_translations(model, slug, swedish, english):
    page = model.objects.get(slug=slug, locale__language_code="fi")
    for language, title in (("sv", swedish), ("en", english)):
        translation = page.get_translation(Locale.objects.get(language_code=language))
        assert translation.live
        assert not translation.has_unpublished_changes
        if title:
            assert translation.title == title


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_course_has_a_live_page_with_its_own_texts_in_every_language(language):
    finnish = CoursePage.objects.live().filter(locale__language_code="fi")
    translated = {
        page.translation_key: page for page in CoursePage.objects.live().filter(locale__language_code=language)
    }
    assert finnish.count() == len(translated) == 15
    for course in finnish:
        page = translated[course.translation_key]
        assert page.title != course.title
        assert page.summary != course.summary
        assert len(page.learning_outcome_list) == len(course.learning_outcome_list)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_home_pages_invitation_links_to_the_introduction_course(client, language):
    course = fi_course("perhekeskus-tutuksi")
    if language != "fi":
        course = course.get_translation(Locale.objects.get(language_code=language))
    home = Site.objects.get(is_default_site=True).root_page
    home = home.get_translation(Locale.objects.get(language_code=language))
    response = client.get(home.url)
    assert f'<a href="{course.url}">{course.title}</a>' in response.content.decode()
    assert client.get(course.url).status_code == 200


def test_a_completed_training_says_suoritettu_in_finnish():
    from django.utils import translation

    from training.models.enrolments import Outcome

    with translation.override("fi"):
        assert str(Outcome.COMPLETED.label) == "Suoritettu"
    with translation.override("sv"):
        assert str(Outcome.COMPLETED.label) == "Genomfört"


def test_translations_are_served_under_the_language_prefix(client):
    assert "Familjecentrets utbildningar" in client.get("/sv/").content.decode()
    catalogue = client.get("/en/training/")
    assert catalogue.status_code == 200
    assert "Get to know the family centre – for staff" in catalogue.content.decode()


def test_site_settings_link_the_accessibility_statement_and_privacy_notice():
    settings = SiteSettings.objects.get(site__is_default_site=True)
    assert settings.organisation_name and settings.contact_email and settings.footer_text
    assert settings.accessibility_page.slug == "saavutettavuusseloste"
    assert settings.privacy_page.slug == "tietosuojaseloste"


def test_accessibility_statement_has_the_statutory_content(client):
    text = client.get("/saavutettavuusseloste/").content.decode()
    for required in ("306/2019", "WCAG 2.1", "saavutettavuus@pohjoissavo.example", "Lupa- ja valvontavirasto"):
        assert required in text
    assert "saavutettavuusvaatimukset.fi" in text


def test_privacy_notice_names_controller_purposes_retention_and_rights(client):
    text = client.get("/tietosuojaseloste/").content.decode()
    for heading in ("Rekisterinpitäjä", "Käsittelyn tarkoitukset", "Säilytysajat", "Rekisteröidyn oikeudet"):
        assert heading in text


def test_courses_are_in_the_search_index_without_a_task_worker(client):
    found = client.get("/koulutukset/", {"q": "riskinarviointi"}).context["courses"]
    assert [course.slug for course in found] == ["marak"]


def test_prints_a_login_for_every_role_and_the_admin_url(demo):
    for role in ("administrator", "coordinator", "manager", "trainer", "staff member"):
        assert role in demo
    assert DEMO_PASSWORD in demo
    assert "/admin/" in demo


def test_prints_the_sign_in_address_of_the_running_site(demo):
    assert f"{settings.SITE_URL}/accounts/login/" in demo


def test_demo_logins_have_their_roles():
    assert User.objects.get(email="admin@pohjoissavo.example").is_superuser
    assert User.objects.get(email="koordinaattori@pohjoissavo.example").is_coordinator
    assert User.objects.get(email="esihenkilo@pohjoissavo.example").managed_units.exists()
    assert User.objects.get(email="kouluttaja@pohjoissavo.example").is_trainer


def test_a_demo_staff_member_can_sign_in(client):
    response = client.post("/accounts/login/", {"login": STAFF_LOGIN, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == User.objects.get(email=STAFF_LOGIN).pk


def test_running_it_again_changes_no_counts():
    before = counts()
    output = StringIO()
    call_command("load_demo", stdout=output)
    assert counts() == before
    assert "(0 new, 0 updated)" in output.getvalue()


def test_running_it_again_restores_a_changed_demo_password_and_unverified_email(client):
    user = User.objects.get(email=STAFF_LOGIN)
    user.set_password("something-else-entirely")
    user.save()
    EmailAddress.objects.filter(user=user).update(verified=False)
    call_command("load_demo", stdout=StringIO())
    response = client.post("/accounts/login/", {"login": STAFF_LOGIN, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_scale_multiplies_units_and_staff_and_keeps_the_first_copy():
    units, people = OrgUnit.objects.filter(kind=OrgUnit.Kind.UNIT).count(), User.objects.count()
    call_command("load_demo", "--scale", "2", stdout=StringIO())
    assert OrgUnit.objects.filter(kind=OrgUnit.Kind.UNIT).count() == 2 * units - 1  # coordination is not copied
    assert User.objects.count() > 1.9 * people
    assert User.objects.filter(is_coordinator=True).count() == 1


def test_refuses_to_run_under_production_settings():
    users = User.objects.count()
    with (
        override_settings(SETTINGS_MODULE="config.settings.production"),
        pytest.raises(CommandError, match="production"),
    ):
        call_command("load_demo", stdout=StringIO())
    assert User.objects.count() == users
