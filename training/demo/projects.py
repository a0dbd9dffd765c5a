"""Demo projects: the Pohjois-Savo family-centre project of 2017-2019 as it reported its work, and a current one.

The earlier project's work is known only as totals (the seed material's table): its activities are recorded
as counts spread over the three years, so that its project in numbers for 2017-2019 is exactly the table —
13 thematic seminars and training events with 1,150 participants, 7 surveys or mappings with 1,541
respondents, "Perhekeskus tutuksi työntekijöille" with 7,570 participants (events not known), 23 workshops
with 512 participants, 50 co-development working groups (participants not known), 5 method trainings with 45
participants and 50 trials and pilots (40 at the basic level, 10 at the special level) with 710 participants.

The current project takes in the demo's courses (so their sessions count in it), the competence survey
rounds and a few activities of its own, one with a list of people. Projects and activities are found again
by name and title, so a rerun adds nothing. This module writes reporting's records: the demo is the one
place where training composes with the app that reports on it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from people.models import Organisation, ServiceLevel, User
from reporting.choices import ActivityKind
from reporting.models import Activity, Project
from reporting.services.activities import activity_create
from training.models import CoursePage

from .network import COUNTY

BASIC, SPECIAL = ServiceLevel.BASIC, ServiceLevel.SPECIAL
HISTORICAL_NAMES = (
    "Perhekeskustoiminnan kehittäminen Pohjois-Savossa",
    "Utveckling av familjecentrets verksamhet i Norra Savolax",
    "Developing family-centre services in North Savo",
)
HISTORICAL_DESCRIPTION = (
    "Lapsi- ja perhepalvelujen muutosohjelman (LAPE) maakunnallinen hanke: perhekeskustoimintamallin "
    "kehittäminen ja käyttöönotto, erityis- ja vaativan tason palvelujen kehittäminen sekä osaamis- ja "
    "tukikeskusmallin kehittäminen. Perhekeskuksen supervoima on verkostoissa."
)
CURRENT_NAMES = (
    "Perhekeskuksen osaamisen vahvistaminen",
    "Att stärka kompetensen i familjecentret",
    "Strengthening competence in the family centre",
)
INTRODUCTION = "perhekeskus-tutuksi"


@dataclass(frozen=True)
class Record:
    """An activity of the earlier project: one event, or the year's total of a kind (``events`` of them)."""

    kind: str
    title: str
    day: datetime.date
    events: int | None = 1
    participants: int | None = None
    meetings: int | None = None
    level: str = ""
    introduction: bool = False  # the "Perhekeskus tutuksi" course's sessions, known only by their participants


def _d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


SEMINAR, SURVEY, WORKSHOP = ActivityKind.SEMINAR, ActivityKind.SURVEY, ActivityKind.WORKSHOP
WORKING_GROUP, METHOD, PILOT = ActivityKind.WORKING_GROUP, ActivityKind.METHOD_TRAINING, ActivityKind.PILOT
HISTORY = [
    # 13 thematic seminars and training events, 1,150 participants
    Record(SEMINAR, "Perhekeskus Pohjois-Savoon – aloitusseminaari", _d("2017-03-15"), participants=180),
    Record(SEMINAR, "LAPE-muutosohjelman maakunnallinen seminaari", _d("2017-05-17"), participants=120),
    Record(SEMINAR, "Vanhemmuuden tuki perhekeskuksessa", _d("2017-09-20"), participants=75),
    Record(SEMINAR, "Kohtaamispaikat ja järjestöyhteistyö", _d("2017-11-08"), participants=60),
    Record(SEMINAR, "Eroauttaminen ja yhteistyövanhemmuus", _d("2018-02-07"), participants=95),
    Record(SEMINAR, "Lähisuhdeväkivallan ehkäisy – MARAK-seminaari", _d("2018-03-21"), participants=110),
    Record(SEMINAR, "Sähköinen perhekeskus", _d("2018-05-16"), participants=70),
    Record(SEMINAR, "Perhekeskuspäivä 2018", _d("2018-09-12"), participants=160),
    Record(SEMINAR, "Lapsen ja nuoren osallisuus", _d("2018-11-14"), participants=85),
    Record(SEMINAR, "Monialainen yhteistyö vaativissa tilanteissa", _d("2019-02-13"), participants=40),
    Record(SEMINAR, "Varhainen tuki varhaiskasvatuksessa ja koulussa", _d("2019-04-10"), participants=35),
    Record(SEMINAR, "Perhekeskuspäivä 2019", _d("2019-09-18"), participants=50),
    Record(SEMINAR, "Päätösseminaari: Verkosto on perhekeskuksen supervoima", _d("2019-11-27"), participants=70),
    # 7 surveys or mappings, 1,541 respondents
    Record(SURVEY, "Vanhempien kysely perhepalveluista", _d("2017-04-03"), participants=512),
    Record(SURVEY, "Työntekijöiden osaamiskartoitus", _d("2017-10-02"), participants=386),
    Record(SURVEY, "Kohtaamispaikkojen kartoitus", _d("2018-01-15"), participants=42),
    Record(SURVEY, "Nuorten kysely perhekeskuksen palveluista", _d("2018-03-05"), participants=297),
    Record(SURVEY, "Eroauttamisen palvelujen kartoitus", _d("2018-09-03"), participants=58),
    Record(SURVEY, "Järjestöjen ja seurakuntien toiminnan kartoitus", _d("2019-02-04"), participants=71),
    Record(SURVEY, "Perhekeskustoiminnan arviointikysely", _d("2019-10-07"), participants=175),
    # "Perhekeskus tutuksi työntekijöille": 7,570 participants, the number of sessions not known
    *(
        Record(ActivityKind.COURSE, f"Perhekeskus tutuksi työntekijöille {year}", _d(f"{year}-{start}"),
               events=None, participants=people, introduction=True)
        for year, start, people in ((2017, "09-01", 1890), (2018, "01-08", 3640), (2019, "01-07", 2040))
    ),
    # 23 workshops, 512 participants
    *(
        Record(WORKSHOP, f"Työpajat {year}", _d(f"{year}-{start}"), events=events, participants=people)
        for year, start, events, people in ((2017, "02-06", 6, 128), (2018, "01-15", 10, 236), (2019, "01-14", 7, 148))
    ),
    # 50 co-development working groups, participants not recorded
    *(
        Record(WORKING_GROUP, f"Yhteiskehittämisen työryhmät {year}", _d(f"{year}-{start}"), events=events,
               meetings=meetings)
        for year, start, events, meetings in (
            (2017, "03-01", 14, 62), (2018, "01-10", 22, 118), (2019, "01-09", 14, 71),
        )
    ),
    # 5 method trainings, 45 participants
    Record(METHOD, "Lapset puheeksi -menetelmäkoulutus", _d("2017-10-10"), participants=12),
    Record(METHOD, "Vahvuutta vanhemmuuteen -ohjaajakoulutus", _d("2018-01-23"), participants=8),
    Record(METHOD, "Ihmeelliset vuodet -ryhmänohjaajakoulutus", _d("2018-04-09"), participants=6, level=SPECIAL),
    Record(METHOD, "MARAK-koulutus", _d("2018-10-16"), participants=10, level=SPECIAL),
    Record(METHOD, "Eroauttamisen menetelmäkoulutus", _d("2019-03-12"), participants=9),
    # 50 trials and pilots, 40 at the basic level and 10 at the special level, 710 participants
    *(
        Record(PILOT, f"Kokeilut ja pilotoinnit {year}, {name}", _d(f"{year}-{start}"), events=events,
               participants=people, level=level)
        for year, start, level, name, events, people in (
            (2017, "04-01", BASIC, "perustaso", 10, 120), (2018, "02-01", BASIC, "perustaso", 18, 250),
            (2019, "02-01", BASIC, "perustaso", 12, 175), (2017, "05-01", SPECIAL, "erityis- ja vaativin taso", 2, 30),
            (2018, "03-01", SPECIAL, "erityis- ja vaativin taso", 5, 85),
            (2019, "03-01", SPECIAL, "erityis- ja vaativin taso", 3, 50),
        )
    ),
]  # fmt: skip


@dataclass
class ProjectsResult:
    projects: list[Project]
    created: int  # activities


def _project(names: tuple[str, str, str], starts_on, ends_on, introduction: CoursePage, **fields) -> Project:
    project = Project.objects.filter(name_fi=names[0]).first()
    if project is None:
        project = Project.objects.create(
            name_fi=names[0], name_sv=names[1], name_en=names[2], starts_on=starts_on, ends_on=ends_on,
            headline_course=introduction, **fields,
        )  # fmt: skip
    return project


def _record(project: Project, existing: set[str], title: str, **fields) -> int:
    if title in existing:
        return 0
    activity_create(project=project, title=title, **fields)
    return 1


def build_projects(courses: list[CoursePage], people: list[User], today: datetime.date | None = None) -> ProjectsResult:
    """The earlier project with its totals and the current project with the demo's courses (Finnish pages)."""
    today = today or timezone.localdate()
    introduction = next(course for course in courses if course.slug == INTRODUCTION)
    county = Organisation.objects.filter(name=COUNTY).first()
    earlier = _project(
        HISTORICAL_NAMES, _d("2017-01-01"), _d("2019-12-31"), introduction,
        description=HISTORICAL_DESCRIPTION, organiser=county,
    )  # fmt: skip
    earlier.courses.add(introduction)
    current = _project(
        CURRENT_NAMES, datetime.date(today.year - 1, 1, 1), datetime.date(today.year + 1, 12, 31), introduction,
        organiser=county,
    )  # fmt: skip
    current.courses.add(*courses)

    created = 0
    existing = set(Activity.objects.filter(project=earlier).values_list("title", flat=True))
    for record in HISTORY:
        created += _record(
            earlier, existing, record.title, kind=record.kind, starts_on=record.day, level=record.level,
            organiser=county, event_count=record.events, participant_count=record.participants,
            meeting_count=record.meetings, course=introduction if record.introduction else None,
        )  # fmt: skip
    created += _current_activities(current, county, people, today)
    # The competence survey rounds of the project's period are its surveys.
    Activity.objects.filter(
        survey_round__isnull=False, project__isnull=True, starts_on__gte=current.starts_on,
        starts_on__lte=current.ends_on,
    ).update(project=current)  # fmt: skip
    return ProjectsResult(projects=[earlier, current], created=created)


def _current_activities(project: Project, county, people: list[User], today: datetime.date) -> int:
    existing = set(Activity.objects.filter(project=project).values_list("title", flat=True))
    year = project.starts_on.year + 1
    created = _record(
        project, existing, f"Perhekeskuspäivä {year}", kind=SEMINAR, starts_on=datetime.date(year, 5, 20),
        organiser=county, level=BASIC, participant_count=140, hours=6,
    )  # fmt: skip
    created += _record(
        project, existing, "Vastuutyöntekijämallin pilotointi", kind=PILOT, starts_on=datetime.date(year, 2, 1),
        ends_on=datetime.date(year, 6, 30), organiser=county, level=SPECIAL, participant_count=24,
    )  # fmt: skip
    group = [person for person in people if person.professional_group_id][:8]
    created += _record(
        project, existing, "Kohtaamispaikkojen yhteiskehittämisen työryhmä", kind=WORKING_GROUP,
        starts_on=datetime.date(year, 1, 15), ends_on=datetime.date(year, 11, 30), organiser=county,
        meeting_count=6, people=group,
    )  # fmt: skip
    return created
