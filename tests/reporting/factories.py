"""Helpers for the reporting tests: a small network, sessions that move into the past, facts as tuples."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import F

from reporting.models import Participation
from tests.factories import OrganisationFactory, OrgUnitFactory
from training.models import Session, SessionDay

# Every column of a fact but its id: what a rebuild must reproduce.
FACT_FIELDS = [field.attname for field in Participation._meta.concrete_fields if field.attname != "id"]


def facts() -> list[tuple]:
    """Every fact as a tuple of its columns, in source order."""
    return list(Participation.objects.order_by("source", "source_id").values_list(*FACT_FIELDS))


def network():
    """A county with an area and two units below it, and an NGO unit: (area, unit_a, unit_b, ngo_unit)."""
    county = OrganisationFactory(name="Hyvinvointialue")
    area = OrgUnitFactory(organisation=county, kind="area", name="Alue")
    unit_a = OrgUnitFactory(organisation=county, parent=area, name="Neuvola A")
    unit_b = OrgUnitFactory(organisation=county, parent=area, name="Perhetyö B")
    ngo_unit = OrgUnitFactory(organisation=OrganisationFactory(name="Järjestö ry", sector="jarjesto"), name="Järjestö")
    return area, unit_a, unit_b, ngo_unit


def shift(session: Session, *, days: int) -> Session:
    """Move every day of ``session`` by ``days`` (negative: into the past), as time passing would."""
    SessionDay.objects.filter(session=session).update(
        starts_at=F("starts_at") + timedelta(days=days), ends_at=F("ends_at") + timedelta(days=days)
    )
    session.refresh_from_db()
    session.save()
    return session
