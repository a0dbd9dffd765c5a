"""Import a framework version: every record is checked first, and nothing is written unless all pass."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils.translation import gettext as _

from people.models import ProfessionalGroup, ServiceLevel

from ...errors import CompetenceError
from ...models import (
    Competence,
    CompetenceArea,
    Framework,
    FrameworkVersion,
    ProficiencyLevel,
    ProficiencyScale,
    Requirement,
)
from ..scale import scale_default
from .columns import RECORDS, TEXTS
from .parsing import ImportProblem, Parsed, Record, framework_file_read

CODE_MAX = 20
SMALL_MAX = 32767  # PositiveSmallIntegerField: sort orders, level values, required levels
NAME_MAX = {"framework": 200, "area": 200, "competence": 200, "level": 100}
SCALE_NAME_MAX = 150


class FrameworkImportError(CompetenceError):
    """The file was refused; ``problems`` says what is wrong, row by row."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        super().__init__("import_invalid", count=len(problems))
        self.problems = problems


@dataclass
class _Plan:
    framework: dict[str, str] = field(default_factory=dict)
    levels: list[dict] = field(default_factory=list)
    areas: list[dict] = field(default_factory=list)
    competences: list[dict] = field(default_factory=list)
    requirements: list[dict] = field(default_factory=list)


@transaction.atomic
def framework_import(*, content: bytes | str | Parsed, filename: str = "", fmt: str | None = None) -> FrameworkVersion:
    """Create a new draft version (and the framework, if its code is new) from a CSV or JSON export.

    ``content`` is the file, or the file already read by ``framework_file_read`` (to report how it
    was read first). Raises ``FrameworkImportError`` listing every problem found; then nothing has
    been written.
    """
    parsed = content
    if not isinstance(parsed, Parsed):
        parsed = framework_file_read(content=content, filename=filename, fmt=fmt)
    if parsed.problems and not parsed.records:
        raise FrameworkImportError(parsed.problems)
    plan, problems = _validate(parsed)
    problems = parsed.problems + problems
    if parsed.scale_names and any(len(name) > SCALE_NAME_MAX for name in parsed.scale_names):
        problems.append(
            ImportProblem(
                "scale", _("The name of the scale is too long (at most %(max)s characters).") % {"max": SCALE_NAME_MAX}
            )
        )
    framework = Framework.objects.select_for_update().filter(code=plan.framework.get("code")).first()
    if framework is not None and framework.versions.filter(status=FrameworkVersion.Status.DRAFT).exists():
        problems.append(
            ImportProblem(
                "",
                _("The framework %(code)s already has a draft version: publish or delete it first.")
                % {"code": framework.code},
            )
        )
    if problems:
        raise FrameworkImportError(problems)
    return _apply(plan, framework, parsed.scale_names, filename)


def _validate(parsed: Parsed) -> tuple[_Plan, list[ImportProblem]]:
    plan = _Plan()
    problems: list[ImportProblem] = []

    def problem(record: Record, message: str) -> None:
        problems.append(ImportProblem(record.row, message))

    by_kind: dict[str, list[Record]] = {kind: [] for kind in RECORDS}
    for record in parsed.records:
        if record.kind not in by_kind:
            problem(
                record,
                _("Unknown record type %(kind)s (expected one of %(kinds)s).")
                % {"kind": record.kind or '""', "kinds": ", ".join(RECORDS)},
            )
            continue
        by_kind[record.kind].append(record)

    frameworks = by_kind["framework"]
    if len(frameworks) != 1:
        problems.append(ImportProblem("", _("The file must have exactly one framework record.")))
    for record in frameworks[:1]:
        code = record.values.get("code", "")
        try:
            validate_slug(code)
        except ValidationError:
            problem(record, _("The framework code %(code)s is not valid (letters, digits, - and _).") % {"code": code})
        if len(code) > 50:
            problem(record, _("The framework code is too long (at most 50 characters)."))
        _require_name(record, problem)
        plan.framework = {"code": code, **{name: record.values.get(name, "") for name in TEXTS}}

    values: set[int] = set()
    for record in by_kind["level"]:
        value = _integer(record.values.get("code", ""))
        if value is None:
            problem(
                record,
                _("The level value %(value)s is not a whole number from 0 to %(max)s.")
                % {"value": record.values.get("code") or '""', "max": SMALL_MAX},
            )
            continue
        if value in values:
            problem(record, _("The level %(value)s appears more than once.") % {"value": value})
            continue
        values.add(value)
        _require_name(record, problem)
        plan.levels.append({"value": value, **record.values})
    if not by_kind["level"]:
        values = {level.value for level in scale_default().levels.all()}

    area_codes = _coded(
        by_kind["area"], problem, plan.areas, _("The area code is missing."), _("Duplicate area code %(code)s.")
    )
    competence_codes = _coded(
        by_kind["competence"],
        problem,
        plan.competences,
        _("The competence code is missing."),
        _("Duplicate competence code %(code)s."),
    )
    for item in plan.competences:
        if item["parent"] not in area_codes:
            problems.append(
                ImportProblem(item["row"], _("Unknown area code %(code)s.") % {"code": item["parent"] or '""'})
            )

    groups = {group.code: group.pk for group in ProfessionalGroup.objects.all()}
    levels = {choice.value for choice in ServiceLevel} | {""}
    seen: set[tuple[str, str, str]] = set()
    for record in by_kind["requirement"]:
        row = record.values
        ok = True
        if row.get("code", "") not in competence_codes:
            problem(record, _("Unknown competence code %(code)s.") % {"code": row.get("code") or '""'})
            ok = False
        if row.get("professional_group", "") not in groups:
            problem(
                record,
                _("Unknown professional group code %(code)s.") % {"code": row.get("professional_group") or '""'},
            )
            ok = False
        if row.get("service_level", "") not in levels:
            problem(
                record,
                _("Unknown service level %(level)s (expected %(levels)s or empty).")
                % {"level": row.get("service_level"), "levels": ", ".join(sorted(levels - {""}))},
            )
            ok = False
        required = _integer(row.get("required_level", ""))
        if required is None or required not in values:
            problem(
                record,
                _("The required level %(level)s is not on the scale (%(values)s).")
                % {"level": row.get("required_level") or '""', "values": ", ".join(map(str, sorted(values)))},
            )
            ok = False
        key = (row.get("code", ""), row.get("professional_group", ""), row.get("service_level", ""))
        if key in seen:
            problem(record, _("Duplicate requirement for this competence, group and service level."))
            ok = False
        seen.add(key)
        if ok:
            plan.requirements.append(
                {
                    "competence": key[0],
                    "group": groups[key[1]],
                    "service_level": key[2],
                    "required_level": required,
                }
            )
    return plan, problems


def _coded(records: list[Record], problem, into: list[dict], missing: str, duplicate: str) -> set[str]:
    codes: set[str] = set()
    for record in records:
        code = record.values.get("code", "")
        if not code:
            problem(record, missing)
            continue
        if len(code) > CODE_MAX:
            problem(
                record,
                _("The code %(code)s is too long (at most %(max)s characters).") % {"code": code, "max": CODE_MAX},
            )
            continue
        if code in codes:
            problem(record, duplicate % {"code": code})
            continue
        codes.add(code)
        _require_name(record, problem)
        sort_order = _integer(record.values.get("sort_order", "") or "0")
        if sort_order is None:
            problem(record, _("The sort order must be a whole number from 0 to %(max)s.") % {"max": SMALL_MAX})
            continue
        into.append({"row": record.row, **record.values, "sort_order": sort_order})
    return codes


def _require_name(record: Record, problem) -> None:
    if not record.values.get("name_fi"):
        problem(record, _("The Finnish name is missing."))
    limit = NAME_MAX.get(record.kind)
    for name in ("name_fi", "name_sv", "name_en"):
        if limit is not None and len(record.values.get(name, "")) > limit:
            problem(
                record,
                _("The name %(field)s is too long (at most %(max)s characters).") % {"field": name, "max": limit},
            )


def _integer(value: str) -> int | None:
    """A whole number from 0 to ``SMALL_MAX`` written in decimal digits, else None."""
    value = (value or "").strip()
    if not value.isdecimal():
        return None
    try:
        number = int(value)
    except ValueError:
        return None
    return number if number <= SMALL_MAX else None


def _apply(plan: _Plan, framework: Framework | None, scale_names, filename: str) -> FrameworkVersion:
    if framework is None:
        framework = Framework.objects.create(**plan.framework)
    number = max(framework.versions.values_list("number", flat=True), default=0) + 1
    version = FrameworkVersion.objects.create(
        framework=framework,
        number=number,
        status=FrameworkVersion.Status.DRAFT,
        scale=_scale(plan, framework, scale_names),
        notes=_("Imported from %(file)s.") % {"file": filename} if filename else _("Imported."),
    )
    areas = {}
    for item in plan.areas:
        areas[item["code"]] = CompetenceArea.objects.create(
            version=version, code=item["code"], sort_order=item["sort_order"], **_texts(item)
        )
    competences = {}
    for item in plan.competences:
        competences[item["code"]] = Competence.objects.create(
            version=version,
            area=areas[item["parent"]],
            code=item["code"],
            sort_order=item["sort_order"],
            **_texts(item),
        )
    Requirement.objects.bulk_create(
        Requirement(
            competence=competences[item["competence"]],
            professional_group_id=item["group"],
            service_level=item["service_level"],
            required_level=item["required_level"],
        )
        for item in plan.requirements
    )
    return version


def _texts(item: dict) -> dict[str, str]:
    return {name: item.get(name, "") for name in TEXTS}


def _level_key(value, name_fi, name_sv, name_en, descriptor_fi, descriptor_sv, descriptor_en) -> tuple:
    return (value, name_fi, name_sv, name_en, descriptor_fi, descriptor_sv, descriptor_en)


def _scale(plan: _Plan, framework: Framework, scale_names) -> ProficiencyScale:
    """The scale the file describes: an existing scale with exactly these levels, else a new one."""
    if not plan.levels:
        return scale_default()
    wanted = sorted(
        _level_key(
            item["value"],
            item.get("name_fi", ""),
            item.get("name_sv", ""),
            item.get("name_en", ""),
            item.get("description_fi", ""),
            item.get("description_sv", ""),
            item.get("description_en", ""),
        )
        for item in plan.levels
    )
    for scale in ProficiencyScale.objects.prefetch_related("levels").order_by("pk"):
        existing = sorted(
            _level_key(
                level.value,
                level.name_fi,
                level.name_sv,
                level.name_en,
                level.descriptor_fi,
                level.descriptor_sv,
                level.descriptor_en,
            )
            for level in scale.levels.all()
        )
        if existing == wanted:
            return scale
    names = scale_names or (framework.name_fi, framework.name_sv, framework.name_en)
    scale = ProficiencyScale.objects.create(name_fi=names[0], name_sv=names[1], name_en=names[2])
    ProficiencyLevel.objects.bulk_create(
        ProficiencyLevel(scale=scale, **dict(zip(_FIELDS, key, strict=True))) for key in wanted
    )
    return scale


_FIELDS = ("value", "name_fi", "name_sv", "name_en", "descriptor_fi", "descriptor_sv", "descriptor_en")
