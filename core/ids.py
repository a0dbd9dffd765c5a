"""Database ids from outside (forms, the API): only numbers a signed 64-bit integer column can hold.

A larger number does not simply find nothing: SQLite cannot bind it and PostgreSQL refuses it, so
the query fails with a server error. Single-object lookups (``pk=``) are guarded by Django itself;
lists (``pk__in=``) and the API's numbers are not, so they are refused here, as invalid input.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

ID_MIN = -(2**63)
ID_MAX = 2**63 - 1


def fits_in_id(value: object) -> bool:
    """False for a whole number outside the 64-bit range; anything else is left to the usual checks."""
    try:
        number = int(str(value).strip())
    except ValueError:
        return True
    return ID_MIN <= number <= ID_MAX


class ModelMultipleIdChoiceField(forms.ModelMultipleChoiceField):
    """Several objects chosen by id: an id beyond 64 bits is "not a valid value", like any malformed one."""

    def clean(self, value):
        if isinstance(value, (list, tuple)):
            for pk in value:
                if not fits_in_id(pk):
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                    )
        return super().clean(value)
