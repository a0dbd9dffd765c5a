"""Building blocks of every app's API schemas: bounded numbers, uniquely named enums, checked text, error answers.

The OpenAPI schema is a contract that clients are generated from, so it has to say exactly what
is accepted and what comes back: every integer has its range, every enum its own component, every
free-text field its length and the characters it refuses, every operation the errors it can give.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any

from django.db.models import TextChoices
from ninja import Field, Schema
from pydantic import BeforeValidator, WithJsonSchema
from typing_extensions import TypeAliasType

from .ids import ID_MAX

# Numbers
# ------------------------------------------------------------------------------
# An id in a path or a query: a larger number is refused as invalid (422) rather than reaching the
# database, which cannot compare it with a 64-bit column (a server error).
Id = Annotated[int, Field(ge=1, le=ID_MAX)]
# How many of something: never negative, never more than a database integer holds.
Count = Annotated[int, Field(ge=0, le=ID_MAX)]
# A competence level on a proficiency scale (a small positive integer column).
Level = Annotated[int, Field(ge=0, le=32767)]
Percent = Annotated[int, Field(ge=0, le=100)]


# Dates
# ------------------------------------------------------------------------------
# A calendar day in a query, written YYYY-MM-DD in the years 1900-2099. Pydantic alone would also take
# a number (as days since 1970) or a year 34; the schema says what is meant, and the rest is a 422.
DATE_PATTERN = r"^(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


def _written_as_a_date(value: Any) -> Any:
    if isinstance(value, str) and re.fullmatch(DATE_PATTERN, value):
        return value
    raise ValueError("Write the date as YYYY-MM-DD, in the years 1900-2099.")


ApiDate = Annotated[
    datetime.date,
    BeforeValidator(_written_as_a_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DATE_PATTERN}),
]


# Enums
# ------------------------------------------------------------------------------

_enums: dict[str, tuple[type[TextChoices], Any]] = {}


def api_enum(choices: type[TextChoices]) -> Any:
    """``choices`` as a schema component of its own, named after its class path (``Session.Status``
    is ``SessionStatus``).

    Pydantic names an enum's component after the class alone and ninja merges the components of
    every model into one schema, so ``Session.Status`` and ``Attendance.Status`` would both be
    ``Status`` and the last one would win. One alias per choices class: the same name twice for two
    classes is refused at import time.
    """
    name = choices.__qualname__.replace(".", "")
    known = _enums.get(name)
    if known is not None:
        if known[0] is not choices:
            raise ValueError(f"Two choices classes would share the API enum name {name!r}.")
        return known[1]
    schema = {"title": name, "type": "string", "enum": [str(value) for value in choices.values]}
    alias = TypeAliasType(name, Annotated[choices, WithJsonSchema(schema)])
    _enums[name] = (choices, alias)
    return alias


# Free text
# ------------------------------------------------------------------------------

# NUL cannot be stored in PostgreSQL text; refused up front (422) rather than failing on save.
NO_NUL = r"^[^\x00]*$"


def free_text(max_length: int) -> Any:
    """A string a person types: at most ``max_length`` characters (longer is a 422, never cut), no NUL."""
    return Annotated[str, Field(max_length=max_length, pattern=NO_NUL)]


# Errors
# ------------------------------------------------------------------------------


class ErrorOut(Schema):
    code: str = Field(description="Stable: programs may rely on it.")
    message: str = Field(description="For people, in their preferred language or the request's.")


class InvalidValueOut(Schema):
    type: str = Field(description="The kind of problem, e.g. `int_parsing`, `missing`, `string_too_long`.")
    loc: list[str | Count] = Field(description='Where: e.g. `["query", "offset"]` or `["body", "payload", "reason"]`.')
    msg: str


class ValidationErrorOut(ErrorOut):
    errors: list[InvalidValueOut] = Field(description="Each value that was not valid.")


def errors(*statuses: int) -> dict[int, type[Schema]]:
    """The error answers of an operation, to add to its ``response``: 401 always (no token where one is
    needed, or a wrong one anywhere), 403 always (``two_step_required``: the token of an administrator or
    coordinator who has not set up two-step verification) and ``statuses``; 422 comes with the invalid values."""
    return {status: ValidationErrorOut if status == 422 else ErrorOut for status in sorted({401, 403, *statuses})}
