"""Writing a framework version out as JSON or CSV (the format ``importing`` reads back)."""

from __future__ import annotations

import csv
import io
import json

from ...models import FrameworkVersion
from ...selectors import version_with_content
from .columns import CSV_COLUMNS, FORMAT, TEXTS


def framework_version_export(version: FrameworkVersion) -> dict:
    """The version as plain data (the JSON document)."""
    version = version_with_content(version.pk)
    framework = version.framework
    return {
        "format": FORMAT,
        "framework": {"code": framework.code, **_texts(framework)},
        "version": {"number": version.number, "status": version.status, "notes": version.notes},
        "scale": {
            "name_fi": version.scale.name_fi,
            "name_sv": version.scale.name_sv,
            "name_en": version.scale.name_en,
            "levels": [
                {
                    "value": level.value,
                    "name_fi": level.name_fi,
                    "name_sv": level.name_sv,
                    "name_en": level.name_en,
                    "descriptor_fi": level.descriptor_fi,
                    "descriptor_sv": level.descriptor_sv,
                    "descriptor_en": level.descriptor_en,
                }
                for level in version.scale.levels.all()
            ],
        },
        "areas": [
            {
                "code": area.code,
                **_texts(area),
                "sort_order": area.sort_order,
                "competences": [
                    {
                        "code": competence.code,
                        **_texts(competence),
                        "sort_order": competence.sort_order,
                        "requirements": [
                            {
                                "professional_group": requirement.professional_group.code,
                                "service_level": requirement.service_level,
                                "required_level": requirement.required_level,
                            }
                            for requirement in competence.requirements.all()
                        ],
                    }
                    for competence in area.competences.all()
                ],
            }
            for area in version.areas.all()
        ],
    }


def framework_version_to_json(version: FrameworkVersion) -> str:
    return json.dumps(framework_version_export(version), ensure_ascii=False, indent=2) + "\n"


def framework_version_to_csv(version: FrameworkVersion, *, delimiter: str = ";") -> str:
    """The version as CSV rows (UTF-8; ``;`` by default, which spreadsheet programs in Finland expect)."""
    data = framework_version_export(version)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    framework = data["framework"]
    writer.writerow({"record": "framework", "code": framework["code"], **_pick(framework, TEXTS)})
    for level in data["scale"]["levels"]:
        writer.writerow(
            {
                "record": "level",
                "code": level["value"],
                "name_fi": level["name_fi"],
                "name_sv": level["name_sv"],
                "name_en": level["name_en"],
                "description_fi": level["descriptor_fi"],
                "description_sv": level["descriptor_sv"],
                "description_en": level["descriptor_en"],
            }
        )
    for area in data["areas"]:
        writer.writerow(
            {"record": "area", "code": area["code"], "sort_order": area["sort_order"], **_pick(area, TEXTS)}
        )
        for competence in area["competences"]:
            writer.writerow(
                {
                    "record": "competence",
                    "code": competence["code"],
                    "parent": area["code"],
                    "sort_order": competence["sort_order"],
                    **_pick(competence, TEXTS),
                }
            )
            for requirement in competence["requirements"]:
                writer.writerow({"record": "requirement", "code": competence["code"], **requirement})
    return buffer.getvalue()


def _texts(obj) -> dict[str, str]:
    return {field: getattr(obj, field) for field in TEXTS}


def _pick(data: dict, fields) -> dict:
    return {field: data[field] for field in fields}
