"""Reading an import file into records, each with where it came from (a CSV line or a JSON path)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .columns import CSV_COLUMNS, FORMAT, TEXTS


@dataclass(frozen=True)
class ImportProblem:
    row: str  # "3" for a CSV line, "areas[0].competences[2]" for a JSON item, "" for the whole file
    message: str

    def __str__(self) -> str:
        return f"{self.row}: {self.message}" if self.row else self.message


@dataclass
class Record:
    row: str
    kind: str
    values: dict[str, str] = field(default_factory=dict)


@dataclass
class Parsed:
    records: list[Record] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    scale_names: tuple[str, str, str] | None = None


def decode(content: bytes | str) -> str | None:
    """UTF-8 text with or without a byte-order mark; None when the bytes are not UTF-8."""
    if isinstance(content, str):
        return content.removeprefix("\ufeff")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def parse(text: str, fmt: str) -> Parsed:
    return parse_json(text) if fmt == "json" else parse_csv(text)


def parse_csv(text: str) -> Parsed:
    parsed = Parsed()
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        parsed.problems.append(ImportProblem("", _("The file is empty.")))
        return parsed
    missing = [name for name in CSV_COLUMNS if name not in header]
    unknown = [name for name in header if name not in CSV_COLUMNS]
    if missing or unknown or len(set(header)) != len(header):
        message = _("Wrong columns.")
        if missing:
            message += " " + _("Missing: %(columns)s.") % {"columns": ", ".join(missing)}
        if unknown:
            message += " " + _("Unknown: %(columns)s.") % {"columns": ", ".join(unknown)}
        message += " " + _("Expected: %(columns)s.") % {"columns": delimiter.join(CSV_COLUMNS)}
        parsed.problems.append(ImportProblem("1", message))
        return parsed
    try:
        for cells in reader:
            row = str(reader.line_num)
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                parsed.problems.append(
                    ImportProblem(
                        row,
                        _("The row has %(found)s fields; the header has %(expected)s.")
                        % {"found": len(cells), "expected": len(header)},
                    )
                )
                continue
            values = {name: cell.strip() for name, cell in zip(header, cells, strict=True)}
            parsed.records.append(Record(row, values.pop("record").lower(), values))
    except csv.Error as error:
        parsed.problems.append(ImportProblem(str(reader.line_num), str(error)))
    return parsed


def parse_json(text: str) -> Parsed:
    parsed = Parsed()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        parsed.problems.append(ImportProblem(str(error.lineno), _("Not valid JSON: %(error)s.") % {"error": error.msg}))
        return parsed
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        parsed.problems.append(
            ImportProblem(
                "format", _("Not a competence framework file (expected format %(format)s).") % {"format": FORMAT}
            )
        )
        return parsed
    parsed.records.append(Record("framework", "framework", _strings(data.get("framework"), ("code", *TEXTS))))
    scale = data.get("scale") or {}
    if not isinstance(scale, dict):
        parsed.problems.append(ImportProblem("scale", _("This must be an object.")))
    else:
        names = tuple(str(scale.get(name) or "") for name in ("name_fi", "name_sv", "name_en"))
        parsed.scale_names = names if names[0] else None
        for index, level in enumerate(_list(scale.get("levels"), "scale.levels", parsed)):
            values = _strings(level, ("value", "name_fi", "name_sv", "name_en"))
            values["code"] = values.pop("value")
            for language in ("fi", "sv", "en"):
                values[f"description_{language}"] = _string(level, f"descriptor_{language}")
            parsed.records.append(Record(f"scale.levels[{index}]", "level", values))
    for area_index, area in enumerate(_list(data.get("areas"), "areas", parsed)):
        area_row = f"areas[{area_index}]"
        parsed.records.append(Record(area_row, "area", _strings(area, ("code", *TEXTS, "sort_order"))))
        competences = area.get("competences") if isinstance(area, dict) else None
        for competence_index, competence in enumerate(_list(competences, f"{area_row}.competences", parsed)):
            competence_row = f"{area_row}.competences[{competence_index}]"
            values = _strings(competence, ("code", *TEXTS, "sort_order"))
            values["parent"] = _string(area, "code")
            parsed.records.append(Record(competence_row, "competence", values))
            requirements = competence.get("requirements") if isinstance(competence, dict) else None
            requirements_row = f"{competence_row}.requirements"
            for requirement_index, requirement in enumerate(_list(requirements, requirements_row, parsed)):
                values = _strings(requirement, ("professional_group", "service_level", "required_level"))
                values["code"] = _string(competence, "code")
                parsed.records.append(
                    Record(f"{competence_row}.requirements[{requirement_index}]", "requirement", values)
                )
    return parsed


def _list(value, row: str, parsed: Parsed) -> list:
    """The items of a JSON list; anything else but a missing value is a problem (never silently dropped)."""
    if value is None or isinstance(value, list):
        return value or []
    parsed.problems.append(ImportProblem(row, _("This must be a list.")))
    return []


def _string(data, key: str) -> str:
    if not isinstance(data, dict):
        return ""
    value = data.get(key)
    return "" if value is None else str(value).strip()


def _strings(data, keys) -> dict[str, str]:
    return {key: _string(data, key) for key in keys}
