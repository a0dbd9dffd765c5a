"""The demo staff: generated deterministically, written with bulk queries, keyed by email."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db.models import F

from people.models import OrgUnit, ServiceLevel, User

from . import names
from .network import MANAGER_GROUP, PROFILES, Network

DEMO_PASSWORD = "perhekeskus-demo"  # noqa: S105 - published on purpose: demo logins only
EMAIL_DOMAIN = "pohjoissavo.example"
# A fixed salt makes the hash identical on every run, so "has the password changed?" is a
# string comparison instead of one slow hasher call per login.
_DEMO_SALT = "perhekeskusdemo"

FI, SV, EN = User.Language.FI, User.Language.SV, User.Language.EN


@dataclass
class Person:
    email: str
    first_name: str
    last_name: str
    unit: OrgUnit
    group: str | None
    level: str = ServiceLevel.BASIC
    language: str = FI
    is_trainer: bool = False
    is_coordinator: bool = False
    is_superuser: bool = False
    manages: list[OrgUnit] = field(default_factory=list)
    role: str = ""  # set for the well-known demo logins

    def values(self, groups: dict) -> dict:
        return {
            "first_name": self.first_name,
            "last_name": self.last_name,
            "unit_id": self.unit.pk,
            "professional_group_id": groups[self.group].pk if self.group else None,
            "service_level": self.level,
            "preferred_language": self.language,
            "is_trainer": self.is_trainer,
            "is_coordinator": self.is_coordinator,
            "is_superuser": self.is_superuser,
            "is_staff": self.is_superuser,
            "is_active": True,
        }


@dataclass
class StaffResult:
    people: list[Person]
    created: int
    updated: int
    logins: list[Person]


def _demo_logins(network: Network) -> list[Person]:
    """One well-known login per role, all with :data:`DEMO_PASSWORD`."""
    by_name = {unit.name: unit for unit, _spec, _copy in network.units}
    clinic = by_name["Neuvola Kuopio keskusta"]
    counselling = by_name["Kasvatus- ja perheneuvola Kuopio"]
    return [
        Person(
            f"admin@{EMAIL_DOMAIN}", "Ari", "Heikkinen", network.coordination, None,
            is_superuser=True, role="administrator",
        ),
        Person(
            f"koordinaattori@{EMAIL_DOMAIN}", "Kaisa", "Väisänen", network.coordination, "perhekeskuskoordinaattori",
            is_coordinator=True, role="coordinator",
        ),
        Person(
            f"esihenkilo@{EMAIL_DOMAIN}", "Minna", "Hyvönen", clinic, MANAGER_GROUP, manages=[clinic], role="manager",
        ),
        Person(
            f"kouluttaja@{EMAIL_DOMAIN}", "Tiina", "Ruotsalainen", counselling, "psykologi",
            level=ServiceLevel.SPECIAL, is_trainer=True, role="trainer",
        ),
        Person(f"tyontekija@{EMAIL_DOMAIN}", "Sanna", "Kauppinen", clinic, "terveydenhoitaja", role="staff member"),
    ]  # fmt: skip


class _Namer:
    """Draws names and hands out unique ``firstname.lastname`` addresses."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken

    def person(self, rng: random.Random, unit: OrgUnit, group: str, level: str) -> Person:
        roll = rng.random()
        if roll < 0.06:
            language, first, last = SV, rng.choice(names.SWEDISH_FIRST_NAMES), rng.choice(names.SWEDISH_LAST_NAMES)
        elif roll < 0.10:
            language = EN
            first, last = rng.choice(names.INTERNATIONAL_FIRST_NAMES), rng.choice(names.INTERNATIONAL_LAST_NAMES)
        else:
            language = FI
            pool = names.FINNISH_FIRST_NAMES_MALE if rng.random() < 0.15 else names.FINNISH_FIRST_NAMES_FEMALE
            first, last = rng.choice(pool), rng.choice(names.FINNISH_LAST_NAMES)
        local = names.email_local_part(first, last)
        email, number = f"{local}@{EMAIL_DOMAIN}", 1
        while email in self.taken:
            number += 1
            email = f"{local}{number}@{EMAIL_DOMAIN}"
        self.taken.add(email)
        return Person(email, first, last, unit, group, level=level, language=language)


def generate_people(network: Network) -> tuple[list[Person], list[Person]]:
    """All demo people and, separately, the demo logins among them. Same input, same people."""
    logins = _demo_logins(network)
    namer = _Namer({person.email for person in logins})
    managed = {unit.pk for person in logins for unit in person.manages}
    people = list(logins)
    for area_name, area in network.areas.items():
        rng = random.Random(f"perhekeskus-demo:area:{area_name}")
        manager = namer.person(rng, area, MANAGER_GROUP, ServiceLevel.BASIC)
        manager.manages = [area]
        people.append(manager)
    for unit, spec, _copy in network.units:
        profile = PROFILES[spec.profile]
        rng = random.Random(f"perhekeskus-demo:unit:{unit.name}:{spec.organisation}")
        if unit.pk not in managed:
            manager = namer.person(rng, unit, MANAGER_GROUP, profile.level)
            manager.manages = [unit]
            people.append(manager)
        trainer_pending = spec.trainer_group
        for group, count in profile.staff:
            for _ in range(count):
                level = ServiceLevel.SPECIAL if rng.random() < profile.special_share else profile.level
                person = namer.person(rng, unit, group, level)
                if group == trainer_pending:
                    person.is_trainer, trainer_pending = True, None
                people.append(person)
    return people, logins


def build_staff(network: Network) -> StaffResult:
    people, logins = generate_people(network)
    password = make_password(DEMO_PASSWORD, salt=_DEMO_SALT)
    groups = network.groups
    fields = list(people[0].values(groups))

    existing = {user.email: user for user in User.objects.filter(email__in=[p.email for p in people])}
    to_create, to_update = [], []
    login_emails = {person.email for person in logins}
    for person in people:
        values = person.values(groups)
        user = existing.get(person.email)
        if user is None:
            to_create.append(User(email=person.email, password=password, **values))
            continue
        changed = any(getattr(user, name) != value for name, value in values.items())
        # The printed logins must work: put their password back if someone changed it.
        if person.email in login_emails and user.password != password:
            user.password, changed = password, True
        if changed:
            for name, value in values.items():
                setattr(user, name, value)
            to_update.append(user)
    User.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        User.objects.bulk_update(to_update, [*fields, "password"], batch_size=500)

    user_ids = dict(User.objects.filter(email__in=[p.email for p in people]).values_list("email", "pk"))
    _verify_emails(user_ids)
    _set_managers(people, user_ids)
    return StaffResult(people=people, created=len(to_create), updated=len(to_update), logins=logins)


def _verify_emails(user_ids: dict[str, int]) -> None:
    """A verified primary address per person: allauth's mandatory verification lets them sign in."""
    addresses = EmailAddress.objects.filter(user_id__in=user_ids.values())
    have = set(addresses.values_list("email", flat=True))
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user_id=pk, email=email, verified=True, primary=True)
            for email, pk in user_ids.items()
            if email not in have
        ],
        batch_size=500,
    )
    stale = addresses.filter(email=F("user__email")).exclude(verified=True, primary=True)
    if stale.exists():
        stale_users = list(stale.values_list("user_id", flat=True))
        EmailAddress.objects.filter(user_id__in=stale_users).exclude(email=F("user__email")).update(primary=False)
        stale.update(verified=True, primary=True)


def _set_managers(people: list[Person], user_ids: dict[str, int]) -> None:
    Through = OrgUnit.managers.through
    Through.objects.bulk_create(
        [Through(orgunit_id=unit.pk, user_id=user_ids[p.email]) for p in people for unit in p.manages],
        ignore_conflicts=True,
        batch_size=500,
    )
