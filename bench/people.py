"""The HR import benchmark: 20,000 people from one file (``python -m bench people``).

Brings its own data: an organisation with 100 units and 8 professional groups (created once,
recognised by the organisation's code ``bench-hr``), and a 20,000-row CSV export generated in
memory. Times, each once on the same file and with the number of queries:

1. the dry run (read and check, nothing written);
2. the first import (20,000 people created, every 50th a manager of their unit);
3. the same file again (nothing changes: idempotence);
4. a month later: 10 % moved to another unit, 5 % with an end date in the past, 5 % missing
   from the export (deactivated), 2 % new.

The people of the run are deleted afterwards, so each run starts from the same state.
"""

from __future__ import annotations

import datetime
import time

PEOPLE = 20_000
UNITS = 100
GROUPS = 8
CODE = "bench-hr"
DOMAIN = "bench-hr.example.invalid"
HEADER = ";".join(
    (
        "employee_id",
        "email",
        "first_name",
        "last_name",
        "organisation",
        "unit",
        "professional_group",
        "service_level",
        "language",
        "manager",
        "end_date",
    )
)


def _network():
    from people.models import Organisation, OrgUnit, ProfessionalGroup, Sector

    organisation, _created = Organisation.objects.get_or_create(
        code=CODE, defaults={"name": "Benchmark HR", "sector": Sector.WELLBEING_COUNTY}
    )
    existing = set(organisation.units.values_list("name", flat=True))
    for number in range(UNITS):
        if f"Yksikkö {number:03d}" not in existing:
            OrgUnit.objects.create(name=f"Yksikkö {number:03d}", organisation=organisation, code=f"Y{number:03d}")
    for number in range(GROUPS):
        ProfessionalGroup.objects.get_or_create(
            code=f"bench-hr-{number}", defaults={"name_fi": f"Ryhmä {number}", "name_sv": "", "name_en": ""}
        )
    return organisation


def _row(number: int, *, unit: int, end_date: str = "") -> str:
    level = "erityistaso" if number % 7 == 0 else "perustaso"
    language = ("fi", "sv", "en")[number % 10 % 3] if number % 10 < 3 else "fi"
    manager = "x" if number % 50 == 0 else ""
    return (
        f"E{number:06d};p{number:06d}@{DOMAIN};Etu{number};Suku{number};Benchmark HR;Yksikkö {unit:03d};"
        f"bench-hr-{number % GROUPS};{level};{language};{manager};{end_date}"
    )


def _files() -> tuple[bytes, bytes]:
    first = [_row(number, unit=number % UNITS) for number in range(PEOPLE)]
    later, past = [], (datetime.date.today() - datetime.timedelta(days=3)).isoformat()
    for number in range(PEOPLE):
        if number % 20 == 19:
            continue  # 5 % missing: deactivated
        if number % 10 == 3:
            later.append(_row(number, unit=(number + 1) % UNITS))  # 10 % moved
        elif number % 20 == 5:
            later.append(_row(number, unit=number % UNITS, end_date=past))  # 5 % left
        else:
            later.append(_row(number, unit=number % UNITS))
    later += [_row(number, unit=number % UNITS) for number in range(PEOPLE, PEOPLE + PEOPLE // 50)]  # 2 % new
    return "\n".join([HEADER, *first]).encode(), "\n".join([HEADER, *later]).encode()


def _once(name: str, call):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.__main__ import Row

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        report = call()
        elapsed = time.perf_counter() - started
    rows = len(report.rows)
    counts = ", ".join(f"{action} {count}" for action, count in report.counts.items() if count)
    print(f"  {name}: {elapsed:.2f} s, {len(captured.captured_queries)} queries ({counts})", flush=True)
    return Row(
        name=f"{name} ({rows} rows)",
        count=rows,
        samples_ms=[elapsed * 1000],
        total_s=elapsed,
        queries=[len(captured.captured_queries)],
    )


def _clean_up() -> None:
    from people.models import OrgUnit, User

    people = User.objects.filter(email__endswith=f"@{DOMAIN}")
    OrgUnit.managers.through.objects.filter(user__in=people).delete()
    people.delete()


def bench_people(options) -> list:
    from django.core.management import call_command

    from people.hr_import import people_import, people_read

    call_command("migrate", interactive=False, verbosity=0)
    _network()
    _clean_up()
    first, later = _files()
    print(f"HR import of {PEOPLE:,} people (bench/people.py):", flush=True)
    try:
        rows = [
            _once("dry run", lambda: people_read(first)),
            _once("first import: all created", lambda: people_import(data=first)),
            _once("same file again: no changes", lambda: people_import(data=first)),
            _once("a month later: moved, left, missing, new", lambda: people_import(data=later)),
        ]
    finally:
        _clean_up()
    return rows
