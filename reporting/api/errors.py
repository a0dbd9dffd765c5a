"""The error answers reporting's API documents in its schema, in the shape config/api.py gives every error."""

from __future__ import annotations

from ninja import Field, Schema


class ErrorOut(Schema):
    code: str = Field(description="Stable: programs may rely on it.")
    message: str = Field(description="For people, in their preferred language or the request's.")


class InvalidValueOut(Schema):
    type: str = Field(description="The kind of problem, e.g. `int_parsing`, `missing`, `value_error`.")
    loc: list[str | int] = Field(description='Where: e.g. `["query", "from"]`.')
    msg: str


class ValidationErrorOut(ErrorOut):
    errors: list[InvalidValueOut] = Field(description="Each value that was not valid.")


def errors(*statuses: int) -> dict[int, type[Schema]]:
    """The error answers of an operation, for its ``response``: 401 always (no token, or a wrong one) and
    ``statuses``; 422 comes with the invalid values."""
    return {status: ValidationErrorOut if status == 422 else ErrorOut for status in sorted({401, *statuses})}
