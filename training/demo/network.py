"""The demo network: municipalities, organisations, professional groups and the unit tree.

Modelled on Pohjois-Savo (North Savo): one wellbeing services county, three family-centre
areas and the units of the county, municipalities, NGOs, parishes, Kela and one private firm.
Everything is upserted by its natural key, so building twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from people.models import Municipality, Organisation, OrgUnit, ProfessionalGroup, Sector, ServiceLevel

# Statistics Finland codes; a Swedish name only where the municipality has its own.
MUNICIPALITIES: tuple[tuple[str, str, str], ...] = (
    ("297", "Kuopio", ""),
    ("749", "Siilinjärvi", ""),
    ("857", "Tuusniemi", ""),
    ("204", "Kaavi", ""),
    ("140", "Iisalmi", "Idensalmi"),
    ("263", "Kiuruvesi", ""),
    ("402", "Lapinlahti", ""),
    ("762", "Sonkajärvi", ""),
    ("925", "Vieremä", ""),
    ("687", "Rautavaara", ""),
    ("595", "Pielavesi", ""),
    ("239", "Keitele", ""),
    ("915", "Varkaus", ""),
    ("420", "Leppävirta", ""),
    ("171", "Joroinen", "Jorois"),
    ("778", "Suonenjoki", ""),
    ("686", "Rautalampi", ""),
    ("844", "Tervo", ""),
    ("921", "Vesanto", ""),
)

COUNTY = "Pohjois-Savon hyvinvointialue"
KELA = "Kela, Itä-Suomen vakuutuspiiri"
MLL = "MLL:n Pohjois-Savon piiri ry"
SETLEMENTTI = "Setlementti Puijola ry"
ENSIKOTI = "Kuopion Ensi- ja turvakoti ry"
KUOPIO_PARISH = "Kuopion ev.lut. seurakuntayhtymä"

# name, sector, municipality code
ORGANISATIONS: tuple[tuple[str, str, str], ...] = (
    (COUNTY, Sector.WELLBEING_COUNTY, "297"),
    ("Kuopion kaupunki", Sector.MUNICIPALITY, "297"),
    ("Siilinjärven kunta", Sector.MUNICIPALITY, "749"),
    ("Iisalmen kaupunki", Sector.MUNICIPALITY, "140"),
    ("Kiuruveden kaupunki", Sector.MUNICIPALITY, "263"),
    ("Lapinlahden kunta", Sector.MUNICIPALITY, "402"),
    ("Varkauden kaupunki", Sector.MUNICIPALITY, "915"),
    ("Leppävirran kunta", Sector.MUNICIPALITY, "420"),
    ("Suonenjoen kaupunki", Sector.MUNICIPALITY, "778"),
    (MLL, Sector.NGO, "297"),
    (SETLEMENTTI, Sector.NGO, "297"),
    (ENSIKOTI, Sector.NGO, "297"),
    (KUOPIO_PARISH, Sector.PARISH, "297"),
    ("Iisalmen evankelis-luterilainen seurakunta", Sector.PARISH, "140"),
    ("Varkauden evankelis-luterilainen seurakunta", Sector.PARISH, "915"),
    (KELA, Sector.KELA, "297"),
    ("Perhepalvelu Tukeva Oy", Sector.PRIVATE, "915"),
)

# Every professional group of DOMAIN.md: code, Finnish, Swedish, English.
PROFESSIONAL_GROUPS: tuple[tuple[str, str, str, str], ...] = (
    ("terveydenhoitaja", "Terveydenhoitaja", "Hälsovårdare", "Public health nurse"),
    ("katilo", "Kätilö", "Barnmorska", "Midwife"),
    ("laakari", "Lääkäri", "Läkare", "Physician"),
    ("psykologi", "Psykologi", "Psykolog", "Psychologist"),
    ("perhetyontekija", "Perhetyöntekijä", "Familjearbetare", "Family worker"),
    (
        "kotipalvelu",
        "Lapsiperheiden kotipalvelun työntekijä",
        "Hemservicearbetare för barnfamiljer",
        "Home-help worker for families with children",
    ),
    ("sosiaaliohjaaja", "Sosiaaliohjaaja", "Socialhandledare", "Social counsellor"),
    ("sosiaalityontekija", "Sosiaalityöntekijä", "Socialarbetare", "Social worker"),
    ("lastenvalvoja", "Lastenvalvoja", "Barnatillsyningsman", "Child custody officer"),
    ("perheneuvoja", "Kasvatus- ja perheneuvoja", "Uppfostrings- och familjerådgivare", "Family counsellor"),
    ("perheterapeutti", "Perheterapeutti", "Familjeterapeut", "Family therapist"),
    ("puheterapeutti", "Puheterapeutti", "Talterapeut", "Speech therapist"),
    ("fysioterapeutti", "Fysioterapeutti", "Fysioterapeut", "Physiotherapist"),
    ("toimintaterapeutti", "Toimintaterapeutti", "Ergoterapeut", "Occupational therapist"),
    ("ravitsemusterapeutti", "Ravitsemusterapeutti", "Näringsterapeut", "Clinical nutritionist"),
    ("suuhygienisti", "Suuhygienisti", "Munhygienist", "Dental hygienist"),
    ("psykiatrinen-sairaanhoitaja", "Psykiatrinen sairaanhoitaja", "Psykiatrisk sjukskötare", "Psychiatric nurse"),
    (
        "varhaiskasvatuksen-opettaja",
        "Varhaiskasvatuksen opettaja",
        "Lärare inom småbarnspedagogik",
        "Early childhood education teacher",
    ),
    ("erityisopettaja", "Erityisopettaja", "Speciallärare", "Special needs teacher"),
    ("lastenhoitaja", "Lastenhoitaja", "Barnskötare", "Childcare worker"),
    ("koulukuraattori", "Koulukuraattori", "Skolkurator", "School social worker"),
    ("nuorisotyontekija", "Nuorisotyöntekijä", "Ungdomsarbetare", "Youth worker"),
    ("jarjestotyontekija", "Järjestötyöntekijä", "Organisationsarbetare", "NGO worker"),
    ("vapaaehtoinen", "Vapaaehtoinen", "Frivillig", "Volunteer"),
    (
        "seurakunnan-perhetyontekija",
        "Seurakunnan perhetyöntekijä",
        "Församlingens familjearbetare",
        "Parish family worker",
    ),
    ("diakoniatyontekija", "Diakoniatyöntekijä", "Diakoniarbetare", "Diaconal worker"),
    ("kelan-asiantuntija", "Kelan asiantuntija", "FPA:s sakkunnig", "Kela specialist"),
    ("esihenkilo", "Esihenkilö", "Chef", "Manager"),
    ("perhekeskuskoordinaattori", "Perhekeskuskoordinaattori", "Familjecenterkoordinator", "Family centre coordinator"),
)
MANAGER_GROUP = "esihenkilo"


@dataclass(frozen=True)
class Profile:
    """Who works in a kind of unit: (group code, head count) pairs, the service level, and the
    share of people on the special level instead (intensive family work, for example)."""

    staff: tuple[tuple[str, int], ...]
    level: str = ServiceLevel.BASIC
    special_share: float = 0.0


BASIC, SPECIAL = ServiceLevel.BASIC, ServiceLevel.SPECIAL
PROFILES: dict[str, Profile] = {
    "neuvola": Profile((("terveydenhoitaja", 4), ("katilo", 1), ("laakari", 1), ("psykologi", 1))),
    "perhetyo": Profile((("perhetyontekija", 5), ("kotipalvelu", 3), ("sosiaaliohjaaja", 2)), special_share=0.3),
    "perheneuvola": Profile(
        (("psykologi", 2), ("perheneuvoja", 2), ("perheterapeutti", 1), ("psykiatrinen-sairaanhoitaja", 1)), SPECIAL
    ),
    "sosiaalityo": Profile((("sosiaalityontekija", 4), ("sosiaaliohjaaja", 2), ("lastenvalvoja", 2)), SPECIAL),
    "terapia": Profile(
        (("puheterapeutti", 2), ("toimintaterapeutti", 2), ("fysioterapeutti", 2), ("ravitsemusterapeutti", 1)),
        SPECIAL,
    ),
    "suun": Profile((("suuhygienisti", 3),)),
    "opiskeluhuolto": Profile((("koulukuraattori", 4), ("psykologi", 2), ("terveydenhoitaja", 2))),
    "vaka": Profile((("varhaiskasvatuksen-opettaja", 4), ("lastenhoitaja", 4), ("erityisopettaja", 1))),
    "nuoriso": Profile((("nuorisotyontekija", 4),)),
    "kohtaamispaikka": Profile((("jarjestotyontekija", 2), ("vapaaehtoinen", 3))),
    "jarjesto": Profile((("jarjestotyontekija", 3), ("vapaaehtoinen", 2), ("perhetyontekija", 1))),
    "ensikoti": Profile((("perheterapeutti", 1), ("sosiaaliohjaaja", 1), ("jarjestotyontekija", 2)), SPECIAL),
    "seurakunta": Profile((("seurakunnan-perhetyontekija", 2), ("diakoniatyontekija", 2))),
    "kela": Profile((("kelan-asiantuntija", 3),)),
    "kotipalvelu": Profile((("kotipalvelu", 3), ("perhetyontekija", 1))),
}


@dataclass(frozen=True)
class UnitSpec:
    name: str
    organisation: str
    profile: str
    trainer_group: str | None = None  # the first person of this group in the unit runs trainings


def _u(name: str, profile: str, organisation: str = COUNTY, trainer_group: str | None = None) -> UnitSpec:
    return UnitSpec(name, organisation, profile, trainer_group)


COORDINATION_UNIT = "Perhekeskuksen koordinaatio"

AREAS: tuple[tuple[str, tuple[UnitSpec, ...]], ...] = (
    (
        "Kuopion seutu",
        (
            _u("Neuvola Kuopio keskusta", "neuvola"),
            _u("Neuvola Petonen", "neuvola"),
            _u("Neuvola Saaristokaupunki", "neuvola"),
            _u("Neuvola Siilinjärvi", "neuvola"),
            _u("Neuvola Tuusniemi ja Kaavi", "neuvola"),
            _u("Perhetyö ja lapsiperheiden kotipalvelu, Kuopion seutu", "perhetyo", trainer_group="perhetyontekija"),
            _u("Kasvatus- ja perheneuvola Kuopio", "perheneuvola"),
            _u("Lapsiperheiden sosiaalityö ja lastenvalvojat, Kuopion seutu", "sosiaalityo"),
            _u("Lasten terapiapalvelut Kuopio", "terapia", trainer_group="ravitsemusterapeutti"),
            _u("Lasten ja nuorten suun terveydenhuolto Kuopio", "suun"),
            _u("Opiskeluhuolto Kuopio", "opiskeluhuolto"),
            _u("Varhaiskasvatus Kuopio", "vaka", "Kuopion kaupunki"),
            _u("Varhaiskasvatus Siilinjärvi", "vaka", "Siilinjärven kunta"),
            _u("Nuorisopalvelut Kuopio", "nuoriso", "Kuopion kaupunki"),
            _u("Perhekeskuksen kohtaamispaikka Kuopio", "kohtaamispaikka", MLL),
            _u("MLL:n perhetoiminta Kuopio", "jarjesto", MLL, trainer_group="jarjestotyontekija"),
            _u("Setlementti Puijolan perhetoiminta", "jarjesto", SETLEMENTTI),
            _u("Ensi- ja turvakodin avopalvelut", "ensikoti", ENSIKOTI, trainer_group="perheterapeutti"),
            _u(
                "Kuopion seurakuntien perhetyö",
                "seurakunta",
                KUOPIO_PARISH,
                trainer_group="seurakunnan-perhetyontekija",
            ),
            _u("Kelan palvelupiste Kuopio", "kela", KELA),
        ),
    ),
    (
        "Ylä-Savo",
        (
            _u("Neuvola Iisalmi", "neuvola", trainer_group="terveydenhoitaja"),
            _u("Neuvola Kiuruvesi", "neuvola"),
            _u("Neuvola Lapinlahti", "neuvola"),
            _u("Neuvola Sonkajärvi, Vieremä ja Rautavaara", "neuvola"),
            _u("Neuvola Pielavesi ja Keitele", "neuvola"),
            _u("Perhetyö ja lapsiperheiden kotipalvelu, Ylä-Savo", "perhetyo"),
            _u("Kasvatus- ja perheneuvola Iisalmi", "perheneuvola", trainer_group="perheterapeutti"),
            _u("Lapsiperheiden sosiaalityö ja lastenvalvojat, Ylä-Savo", "sosiaalityo"),
            _u("Lasten terapiapalvelut Iisalmi", "terapia"),
            _u("Opiskeluhuolto Ylä-Savo", "opiskeluhuolto"),
            _u("Varhaiskasvatus Iisalmi", "vaka", "Iisalmen kaupunki"),
            _u("Varhaiskasvatus Kiuruvesi", "vaka", "Kiuruveden kaupunki"),
            _u("Varhaiskasvatus Lapinlahti", "vaka", "Lapinlahden kunta"),
            _u("Nuorisopalvelut Iisalmi", "nuoriso", "Iisalmen kaupunki"),
            _u("Perhekeskuksen kohtaamispaikka Iisalmi", "kohtaamispaikka", MLL),
            _u(
                "Iisalmen seurakunnan perhe- ja diakoniatyö", "seurakunta", "Iisalmen evankelis-luterilainen seurakunta"
            ),
        ),
    ),
    (
        "Varkauden ja Sisä-Savon seutu",
        (
            _u("Neuvola Varkaus", "neuvola"),
            _u("Neuvola Leppävirta", "neuvola"),
            _u("Neuvola Joroinen", "neuvola"),
            _u("Neuvola Suonenjoki", "neuvola"),
            _u("Neuvola Rautalampi, Tervo ja Vesanto", "neuvola"),
            _u("Perhetyö ja lapsiperheiden kotipalvelu, Varkauden seutu", "perhetyo"),
            _u("Kasvatus- ja perheneuvola Varkaus", "perheneuvola", trainer_group="psykologi"),
            _u("Lapsiperheiden sosiaalityö ja lastenvalvojat, Varkauden seutu", "sosiaalityo"),
            _u("Opiskeluhuolto Varkauden seutu", "opiskeluhuolto"),
            _u("Varhaiskasvatus Varkaus", "vaka", "Varkauden kaupunki"),
            _u("Varhaiskasvatus Leppävirta", "vaka", "Leppävirran kunta"),
            _u("Nuorisopalvelut Varkaus", "nuoriso", "Varkauden kaupunki"),
            _u("Nuorisopalvelut Suonenjoki", "nuoriso", "Suonenjoen kaupunki"),
            _u("Perhekeskuksen kohtaamispaikka Varkaus", "kohtaamispaikka", MLL),
            _u(
                "Varkauden seurakunnan perhe- ja diakoniatyö",
                "seurakunta",
                "Varkauden evankelis-luterilainen seurakunta",
            ),
            _u("Kelan palvelupiste Varkaus", "kela", KELA),
            _u("Tukeva kotipalvelu Varkaus", "kotipalvelu", "Perhepalvelu Tukeva Oy"),
        ),
    ),
)


@dataclass
class Network:
    municipalities: dict[str, Municipality]
    organisations: dict[str, Organisation]
    groups: dict[str, ProfessionalGroup]
    county: OrgUnit
    coordination: OrgUnit
    areas: dict[str, OrgUnit]
    # (unit, its spec, the copy number from --scale), in a stable order
    units: list[tuple[OrgUnit, UnitSpec, int]]


def unit_name(spec: UnitSpec, copy: int) -> str:
    """Copies made by ``--scale`` are extra teams of the same service."""
    return spec.name if copy == 1 else f"{spec.name}, tiimi {copy}"


def build_network(scale: int = 1) -> Network:
    municipalities = {}
    for code, name_fi, name_sv in MUNICIPALITIES:
        municipalities[code] = Municipality.objects.update_or_create(
            code=code, defaults={"name_fi": name_fi, "name_sv": name_sv}
        )[0]

    organisations = {}
    for name, sector, code in ORGANISATIONS:
        organisations[name] = Organisation.objects.update_or_create(
            name=name, defaults={"sector": sector, "municipality": municipalities[code]}
        )[0]

    groups = {}
    for order, (code, name_fi, name_sv, name_en) in enumerate(PROFESSIONAL_GROUPS, start=1):
        groups[code] = ProfessionalGroup.objects.update_or_create(
            code=code, defaults={"name_fi": name_fi, "name_sv": name_sv, "name_en": name_en, "sort_order": order * 10}
        )[0]

    existing = {(unit.name, unit.organisation_id): unit for unit in OrgUnit.objects.all()}

    def upsert_unit(name: str, organisation: Organisation, kind: str, parent: OrgUnit | None) -> OrgUnit:
        unit = existing.get((name, organisation.pk))
        if unit is None:
            unit = OrgUnit(name=name, organisation=organisation, kind=kind, parent=parent)
            unit.save()
            existing[(name, organisation.pk)] = unit
        elif unit.kind != kind or unit.parent_id != (parent.pk if parent else None):
            unit.kind, unit.parent = kind, parent
            unit.save()
        return unit

    county_org = organisations[COUNTY]
    county = upsert_unit(COUNTY, county_org, OrgUnit.Kind.COUNTY, None)
    coordination = upsert_unit(COORDINATION_UNIT, county_org, OrgUnit.Kind.UNIT, county)
    areas = {name: upsert_unit(name, county_org, OrgUnit.Kind.AREA, county) for name, _specs in AREAS}
    units = []
    for copy in range(1, scale + 1):
        for area_name, specs in AREAS:
            for spec in specs:
                unit = upsert_unit(
                    unit_name(spec, copy), organisations[spec.organisation], OrgUnit.Kind.UNIT, areas[area_name]
                )
                units.append((unit, spec, copy))
    return Network(municipalities, organisations, groups, county, coordination, areas, units)
