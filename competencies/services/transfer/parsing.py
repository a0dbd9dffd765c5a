"""Reading an import file into records, each with where it came from (a CSV line or a JSON path)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.tabular import CsvError, DecodedText, decode_text, table_from_text

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
    encoding: str = ""  # how the file was read, for the import's report
    delimiter: str = ""  # CSV only


def framework_file_read(*, content: bytes | str, filename: str = "", fmt: str | None = None) -> Parsed:
    """The records of an import file and how it was read (``core.tabular``: UTF-8, UTF-16 or Windows-1252;
    CSV with semicolons, commas or tabs). A file that is not text is a problem of the whole file."""
    try:
        decoded = decode_text(content.encode() if isinstance(content, str) else content)
    except CsvError as error:
        return Parsed(problems=[ImportProblem("", error.message)])
    parsed = parse_json(decoded.text) if (fmt or _format_of(filename, decoded.text)) == "json" else parse_csv(decoded)
    parsed.encoding = decoded.encoding
    return parsed


def _format_of(filename: str, text: str) -> str:
    lowered = filename.lower()
    if lowered.endswith(".json"):
        return "json"
    if lowered.endswith(".csv"):
        return "csv"
    return "json" if text.lstrip().startswith("{") else "csv"


def parse_csv(decoded: DecodedText) -> Parsed:
    parsed = Parsed()
    try:
        table = table_from_text(decoded)
    except CsvError as error:
        parsed.problems.append(ImportProblem(str(error.params.get("line", "")), error.message))
        return parsed
    parsed.delimiter = table.delimiter
    header = [name.strip().lower() for name in table.header]
    missing = [name for name in CSV_COLUMNS if name not in header]
    unknown = [name for name in header if name not in CSV_COLUMNS]
    if missing or unknown or len(set(header)) != len(header):
        message = _("Wrong columns.")
        if missing:
            message += " " + _("Missing: %(columns)s.") % {"columns": ", ".join(missing)}
        if unknown:
            message += " " + _("Unknown: %(columns)s.") % {"columns": ", ".join(unknown)}
        message += " " + _("Expected: %(columns)s.") % {"columns": (table.delimiter or ";").join(CSV_COLUMNS)}
        parsed.problems.append(ImportProblem(str(table.header_line), message))
        return parsed
    for line, cells in table.numbered_rows():
        if len(cells) != len(header):
            parsed.problems.append(
                ImportProblem(
                    str(line),
                    _("The row has %(found)s fields; the header has %(expected)s.")
                    % {"found": len(cells), "expected": len(header)},
                )
            )
            continue
        values = {name: cell.strip() for name, cell in zip(header, cells, strict=True)}
        parsed.records.append(Record(str(line), values.pop("record").lower(), values))
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
