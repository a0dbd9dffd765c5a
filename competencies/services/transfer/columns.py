"""The file formats.

JSON: one object, ``{"format": FORMAT, "framework": {...}, "version": {...}, "scale": {"levels": [...]},
"areas": [{..., "competences": [{..., "requirements": [...]}]}]}``.

CSV (exported in UTF-8 with ``;``; read as any spreadsheet program saves it, see ``core.tabular``):
one record per row, the kind of record in the first column. ``framework``: code and texts;
``level``: code = the value, description = the descriptor; ``area``: code and texts;
``competence``: code, parent = area code, texts;
``requirement``: code = competence code, professional_group, service_level ("" = any), required_level.
"""

FORMAT = "perhekeskus.competence-framework/1"

TEXTS = ("name_fi", "name_sv", "name_en", "description_fi", "description_sv", "description_en")
CSV_COLUMNS = (
    "record",
    "code",
    "parent",
    *TEXTS,
    "sort_order",
    "professional_group",
    "service_level",
    "required_level",
)
RECORDS = ("framework", "level", "area", "competence", "requirement")
