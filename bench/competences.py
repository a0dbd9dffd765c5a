"""The competence benchmark: gap analysis on 20,000 people x 30 competences (``python -m bench competences``).

Generates its own data once (idempotent, recognised by the framework code ``bench-gaps``): 8
professional groups, 100 units under 10 areas, 20,000 people, a published framework of 30
competences in 6 areas with requirements for every group (and stricter ones for the special
service level in two areas), one survey round with a submitted assessment and 30 ratings per
person (600,000 ratings, written with COPY on PostgreSQL), and 15 courses tagged with
competences, with sessions. Then times the network heatmap (all groups, suppressed), a
manager's heatmap filtered to one unit subtree and one group, and training demand.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

PEOPLE = 20_000
COMPETENCES = 30
AREAS = 6
GROUPS = 8
AREA_UNITS = 10
UNITS_PER_AREA = 10
COURSES = 15
FRAMEWORK_CODE = "bench-gaps"
RUNS = 10


def _generate() -> None:
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Page

    from competencies.models import (
        Assessment,
        Competence,
        CompetenceArea,
        Framework,
        FrameworkVersion,
        ProficiencyLevel,
        ProficiencyScale,
        Rating,
        Requirement,
        SurveyRound,
    )
    from people.models import Organisation, OrgUnit, ProfessionalGroup, Sector, ServiceLevel, User
    from training.models import CoursePage, Session, SessionDay, TrainingProgrammePage

    rng = random.Random(5)  # noqa: S311 - test data
    started = time.perf_counter()
    with transaction.atomic():
        scale = ProficiencyScale.objects.create(name_fi="Benchmark 1-5")
        ProficiencyLevel.objects.bulk_create(
            ProficiencyLevel(scale=scale, value=value, name_fi=str(value)) for value in range(1, 6)
        )
        framework = Framework.objects.create(code=FRAMEWORK_CODE, name_fi="Benchmark")
        version = FrameworkVersion.objects.create(
            framework=framework, number=1, status="published", scale=scale, published_at=timezone.now()
        )
        areas = CompetenceArea.objects.bulk_create(
            CompetenceArea(version=version, code=f"BA{n}", name_fi=f"Alue {n}", sort_order=n) for n in range(AREAS)
        )
        competences = Competence.objects.bulk_create(
            Competence(
                version=version, area=areas[n % AREAS], code=f"BC{n:02d}", name_fi=f"Osaaminen {n}", sort_order=n
            )
            for n in range(COMPETENCES)
        )
        groups = [
            ProfessionalGroup.objects.get_or_create(
                code=f"bench-group-{n}", defaults={"name_fi": f"Ryhmä {n}", "name_sv": f"Grupp {n}", "name_en": f"G{n}"}
            )[0]
            for n in range(GROUPS)
        ]
        requirements = []
        for competence in competences:
            for group in groups:
                requirements.append(
                    Requirement(competence=competence, professional_group=group, required_level=rng.randint(2, 4))
                )
                if competence.area_id in (areas[0].pk, areas[1].pk):
                    requirements.append(
                        Requirement(
                            competence=competence,
                            professional_group=group,
                            service_level=ServiceLevel.SPECIAL,
                            required_level=5,
                        )
                    )
        Requirement.objects.bulk_create(requirements)

        organisation = Organisation.objects.create(name="Benchmark county", sector=Sector.WELLBEING_COUNTY)
        units = []
        for a in range(AREA_UNITS):
            area = OrgUnit.objects.create(name=f"Alue {a}", kind=OrgUnit.Kind.AREA, organisation=organisation)
            units += [
                OrgUnit.objects.create(name=f"Yksikkö {a}-{u}", organisation=organisation, parent=area)
                for u in range(UNITS_PER_AREA)
            ]
        manager = User.objects.create_user(email="bench-manager@example.invalid", first_name="Bench")
        units[0].parent.managers.add(manager)

        User.objects.bulk_create(
            (
                User(
                    email=f"bench-{n}@example.invalid",
                    password="!",  # noqa: S106 - an unusable password
                    first_name="Bench",
                    last_name=f"Person {n}",
                    unit=units[n % len(units)],
                    professional_group=groups[n % GROUPS],
                    service_level=ServiceLevel.SPECIAL if n % 7 == 0 else ServiceLevel.BASIC,
                )
                for n in range(PEOPLE)
            ),
            batch_size=5000,
        )
        people = list(User.objects.filter(email__startswith="bench-", unit__isnull=False).values_list("pk", flat=True))
        survey_round = SurveyRound.objects.create(
            name_fi="Benchmark", version=version, opens_on=date.today() - timedelta(days=60), closes_on=date.today()
        )
        now = timezone.now()
        Assessment.objects.bulk_create(
            (Assessment(round=survey_round, person_id=pk, status="submitted", submitted_at=now) for pk in people),
            batch_size=5000,
        )
        assessments = list(Assessment.objects.filter(round=survey_round).values_list("pk", flat=True))
        rows = (
            (
                assessment,
                competence.pk,
                rng.randint(1, 5),
                rng.randint(1, 5) if rng.random() < 0.3 else None,
                rng.randint(1, 5),
            )
            for assessment in assessments
            for competence in competences
        )
        if connection.vendor == "postgresql":
            with (
                connection.cursor() as cursor,
                cursor.cursor.copy(
                    "COPY competencies_rating (assessment_id, competence_id, self_level, manager_level, training_need,"
                    " comment, manager_comment) FROM STDIN"
                ) as copy,
            ):
                for row in rows:
                    copy.write_row((*row, "", ""))
        else:
            Rating.objects.bulk_create(
                (
                    Rating(assessment_id=a, competence_id=c, self_level=s, manager_level=m, training_need=t)
                    for a, c, s, m, t in rows
                ),
                batch_size=5000,
            )

        root = Page.get_first_root_node()
        home = root.get_children().first() or root
        programme = home.add_child(instance=TrainingProgrammePage(title="Benchmark programme", slug="bench-programme"))
        for n in range(COURSES):
            course = programme.add_child(
                instance=CoursePage(title=f"Benchmark course {n}", slug=f"bench-course-{n}", summary="Benchmark")
            )
            course.develops_competences.set(rng.sample(competences, 3))
            course.save()
            for offset in (-90, 30):
                session = Session.objects.create(course=course, capacity=rng.choice((15, 20, 25)))
                start = now + timedelta(days=offset)
                SessionDay.objects.create(session=session, starts_at=start, ends_at=start + timedelta(hours=6))
                session.save()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"Generated {PEOPLE} people x {COMPETENCES} competences in {time.perf_counter() - started:.0f} s", flush=True)


def _timed(name: str, call, runs: int):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.__main__ import Row

    call()  # warm-up
    samples = []
    started = time.perf_counter()
    for _ in range(runs):
        before = time.perf_counter()
        call()
        samples.append((time.perf_counter() - before) * 1000)
    total = time.perf_counter() - started
    with CaptureQueriesContext(connection) as captured:
        call()
    return Row(name=name, count=runs, samples_ms=samples, total_s=total, queries=[len(captured.captured_queries)])


def bench_competences(options) -> list:
    from django.core.management import call_command

    from competencies.models import Framework
    from competencies.selectors.gaps import heatmap
    from people.access import access_for
    from people.models import OrgUnit, ProfessionalGroup, User
    from reporting.selectors.demand import training_demand

    call_command("migrate", interactive=False, verbosity=0)
    if not Framework.objects.filter(code=FRAMEWORK_CODE).exists():
        _generate()
    everyone = User.objects.filter(is_active=True)
    manager = User.objects.get(email="bench-manager@example.invalid")
    access = access_for(manager)
    unit = OrgUnit.objects.below_paths(access.managed_unit_paths).filter(kind=OrgUnit.Kind.UNIT).first()
    group = ProfessionalGroup.objects.get(code="bench-group-0")
    subtree = User.objects.filter(is_active=True, unit__in=OrgUnit.objects.below_paths([unit.path]).values("pk"))
    managed = User.objects.filter(is_active=True, unit__in=access.units().values("pk"))
    runs = max(3, min(options.requests, RUNS))

    def network():
        heatmap(people=everyone, suppress=True)

    def manager_all():
        heatmap(people=managed)

    def manager_filtered():
        heatmap(people=subtree, group=group)

    def demand():
        training_demand(people=everyone)

    ratings = 0
    from competencies.models import Rating

    ratings = Rating.objects.count()
    label = f"{everyone.count()} people, {ratings} ratings"
    return [
        _timed(f"heatmap, network, all groups ({label})", network, runs),
        _timed("heatmap, manager's area (2,000 people)", manager_all, runs),
        _timed("heatmap, manager filtered to a unit and a group", manager_filtered, runs),
        _timed("training demand, network", demand, runs),
    ]
