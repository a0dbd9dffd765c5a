"""Factories of the people and training objects the tests build on, and shortcuts for courses and sessions."""

import factory
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from cms.models import HomePage
from people.models import Municipality, Organisation, OrgUnit, ProfessionalGroup, Sector, User
from training.models import CourseKind, CoursePage, TrainingProgrammePage


class GetOrCreateFactory(factory.django.DjangoModelFactory):
    """``django_get_or_create`` as a SELECT and, if none, an INSERT: Django's ``get_or_create`` also wraps the
    INSERT in a savepoint, for a race that tests do not run, and every person made has a municipality and a
    group made this way."""

    class Meta:
        abstract = True

    @classmethod
    def _get_or_create(cls, model_class, *args, **kwargs):
        keys = {field: kwargs.pop(field) for field in cls._meta.django_get_or_create}
        manager = cls._get_manager(model_class)
        return manager.filter(**keys).first() or manager.create(*args, **keys, **kwargs)


class MunicipalityFactory(GetOrCreateFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{n % 1000:03d}")
    name_fi = factory.Sequence(lambda n: f"Kunta {n}")
    name_sv = factory.Sequence(lambda n: f"Kommun {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisaatio {n}")
    sector = Sector.WELLBEING_COUNTY
    municipality = factory.SubFactory(MunicipalityFactory)


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    name = factory.Sequence(lambda n: f"Yksikkö {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    kind = OrgUnit.Kind.UNIT
    parent = None


class ProfessionalGroupFactory(GetOrCreateFactory):
    class Meta:
        model = ProfessionalGroup
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"group-{n}")
    name_fi = factory.Sequence(lambda n: f"Ammattiryhmä {n}")
    name_sv = factory.Sequence(lambda n: f"Yrkesgrupp {n}")
    name_en = factory.Sequence(lambda n: f"Professional group {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.fi")
    first_name = factory.Faker("first_name", locale="fi_FI")
    last_name = factory.Faker("last_name", locale="fi_FI")
    unit = factory.SubFactory(OrgUnitFactory)
    professional_group = factory.SubFactory(ProfessionalGroupFactory)
    password = factory.django.Password("correct-horse-battery")  # hashed before the INSERT: no second save

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        """Sign-in needs a verified address (allauth's mandatory verification)."""
        if create and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


def make_administrator(**fields) -> User:
    """A superuser with two-step verification set up, as the admin requires of administrators."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    admin = UserFactory(is_superuser=True, is_staff=True, **fields)
    TOTP.activate(admin, generate_totp_secret())
    return admin


def make_site() -> HomePage:
    """A Finnish home page as the default site's root, replacing Wagtail's welcome page."""
    locale = Locale.objects.get_or_create(language_code="fi")[0]
    # Transactional tests flush the tree that Wagtail's migrations created; plant a new root then.
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    home = root.add_child(instance=HomePage(title="Perhekeskus", slug="koti", locale=locale))
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    return home


class ProgrammePageFactory:
    @staticmethod
    def create(parent: Page, title: str = "Koulutukset") -> TrainingProgrammePage:
        return parent.add_child(instance=TrainingProgrammePage(title=title, slug=slugify(title)))


def make_course(programme: TrainingProgrammePage, title: str, **fields) -> CoursePage:
    groups = fields.pop("target_groups", [])
    fields.setdefault("summary", f"{title}: yhteinen koulutus perhekeskuksen työntekijöille.")
    fields.setdefault("kind", CourseKind.COURSE)
    fields.setdefault("duration_hours", 3)
    course = programme.add_child(instance=CoursePage(title=title, slug=slugify(title), **fields))
    if groups:
        course.target_groups.set(groups)
        course.save_revision().publish()
    return course


def make_session(course: CoursePage, *, capacity: int = 10, days: int = 1, starts_in_days: int = 14, **fields):
    """A session open for enrolment with ``days`` consecutive days of 9.00-15.00 Helsinki time."""
    from datetime import datetime, time, timedelta
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from training.models import Session, SessionDay

    helsinki = ZoneInfo("Europe/Helsinki")
    first = timezone.localdate() + timedelta(days=starts_in_days)
    fields.setdefault("place_name", "Perhekeskus Kuopio, Kokoushuone Kallavesi")
    fields.setdefault("place_address", "Minna Canthin katu 22, 70100 Kuopio")
    session = Session(course=course, capacity=capacity, **fields)
    session.days = [  # saved with the session, as the admin's form saves them
        SessionDay(
            starts_at=datetime.combine(first + timedelta(days=offset), time(9), helsinki),
            ends_at=datetime.combine(first + timedelta(days=offset), time(15), helsinki),
        )
        for offset in range(days)
    ]
    session.save()
    return session


def enrol(session, person=None):
    """``person`` (a new one by default) enrols themself through the service."""
    from training.services import enrolment_create

    person = person or UserFactory()
    return enrolment_create(session=session, person=person, by=person)
