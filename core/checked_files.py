"""A checked file's round trip through the confirmation form: the import pages (people, activities) show a
file's report, then import exactly that file when the person confirms.

``checked_file_fields`` puts the file into the confirmation form's hidden fields, signed for one person and
whatever else the import depends on (the ``salt``: the person, the column mapping, ...); ``checked_file_content``
gives the bytes back, or None when they or their signature did not come back whole. ``CheckedFileConfirmForm``
is the confirmation form itself: each import names its salt and adds its own hidden fields.
"""

import base64
import hashlib

from django import forms
from django.core import signing
from django.utils.translation import gettext as _


def _signature(content: bytes, salt: str) -> str:
    return signing.Signer(salt=salt).sign(hashlib.sha256(content).hexdigest())


def checked_file_fields(content: bytes, *, salt: str) -> dict[str, str]:
    """The confirmation form's ``data`` and ``signature`` for ``content``."""
    return {"data": base64.b64encode(content).decode("ascii"), "signature": _signature(content, salt)}


def checked_file_content(data: str, signature: str, *, salt: str) -> bytes | None:
    """The confirmed file's bytes, or None when ``data`` is not base64 or ``signature`` is not its own."""
    try:
        content = base64.b64decode(data, validate=True)
    except ValueError:
        return None
    return content if signing.constant_time_compare(_signature(content, salt), signature) else None


class CheckedFileConfirmForm(forms.Form):
    """The confirmation of a checked file: ``cleaned_data["content"]`` is the file's bytes, or the form is
    invalid when they did not come back whole. Subclasses give ``salt`` from the person and their own fields."""

    data = forms.CharField(widget=forms.HiddenInput)
    signature = forms.CharField(widget=forms.HiddenInput, max_length=200)

    def __init__(self, *args, user_pk: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user_pk = user_pk

    def salt(self, data: dict) -> str:
        raise NotImplementedError

    def clean(self) -> dict:
        data = super().clean()
        content = checked_file_content(data.get("data", ""), data.get("signature", ""), salt=self.salt(data))
        if content is None:
            raise forms.ValidationError(_("The checked file did not come back whole. Choose it again."))
        data["content"] = content
        return data
