"""Forms of the attendance sheet, the attendance file import and self check-in."""

from __future__ import annotations

import base64
import binascii
import hashlib

from django import forms
from django.core import signing
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ..errors import TrainingError
from ..models import Attendance, Enrolment, SessionDay
from ..services.attendance import Mark, day_minutes
from ..services.attendance_import import MAX_BYTES

Status = Attendance.Status


class AttendanceSheetForm(forms.Form):
    """One radio group (``status_<enrolment id>``) and one minutes field (``minutes_<id>``) per participant.

    A participant left unmarked is not recorded; a mark already recorded starts selected.
    """

    def __init__(self, data=None, *, day: SessionDay, participants: list[Enrolment]) -> None:
        super().__init__(data)
        self.participants = participants
        self.day_minutes = day_minutes(day)
        for enrolment in participants:
            row = enrolment.attendance
            name = enrolment.person.get_full_name() or enrolment.person.email
            self.fields[f"status_{enrolment.pk}"] = forms.ChoiceField(
                label=_("Attendance of %(name)s") % {"name": name},
                choices=Status.choices,
                required=False,
                widget=forms.RadioSelect,
                initial=row.status if row else None,
            )
            self.fields[f"minutes_{enrolment.pk}"] = forms.IntegerField(
                label=_("Minutes present, %(name)s") % {"name": name},
                required=False,
                min_value=1,
                max_value=self.day_minutes,
                initial=row.minutes if row else None,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": 4}),
            )

    @property
    def rows(self) -> list[tuple[Enrolment, forms.BoundField, forms.BoundField]]:
        return [(e, self[f"status_{e.pk}"], self[f"minutes_{e.pk}"]) for e in self.participants]

    def clean(self) -> dict:
        data = super().clean()
        for enrolment in self.participants:
            status, minutes_field = data.get(f"status_{enrolment.pk}"), f"minutes_{enrolment.pk}"
            if status == Status.PARTIAL and data.get(minutes_field) is None and not self.has_error(minutes_field):
                self.add_error(minutes_field, TrainingError("minutes_required").message)
        return data

    def marks(self) -> dict[int, Mark]:
        marks = {}
        for enrolment in self.participants:
            status = self.cleaned_data.get(f"status_{enrolment.pk}")
            if status:
                minutes = self.cleaned_data.get(f"minutes_{enrolment.pk}") if status == Status.PARTIAL else None
                marks[enrolment.pk] = Mark(status, minutes)
        return marks


def _day_label(day: SessionDay) -> str:
    start, end = timezone.localtime(day.starts_at), timezone.localtime(day.ends_at)
    day = f"{date_format(start, 'D')} {date_format(start, 'SHORT_DATE_FORMAT')}"
    return f"{day} {date_format(start, 'TIME_FORMAT')}–{date_format(end, 'TIME_FORMAT')}"


class DayChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: SessionDay) -> str:
        return _day_label(obj)


class AttendanceImportForm(forms.Form):
    day = DayChoiceField(label=_("Session day"), queryset=SessionDay.objects.none(), empty_label=None)
    file = forms.FileField(
        label=_("Attendance file (CSV)"),
        help_text=_(
            "A sign-in sheet saved as CSV (semicolons, commas or tabs) with an email or name column and "
            "optionally attendance and minutes, or a Teams attendance report as downloaded."
        ),
    )

    def __init__(self, *args, days, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["day"].queryset = days

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(TrainingError("import_too_large", max=MAX_BYTES // 1000).message)
        return upload.read()


def _signer(session_pk: int, user_pk: int) -> signing.Signer:
    return signing.Signer(salt=f"training.attendance-import:{session_pk}:{user_pk}")


def import_signature(*, session_pk: int, user_pk: int, day_pk: int, data: bytes) -> str:
    """Binds a reviewed file to its session, day and organiser: the confirmation applies exactly that file."""
    digest = hashlib.sha256(data).hexdigest()
    return _signer(session_pk, user_pk).sign(f"{day_pk}:{digest}")


class AttendanceImportConfirmForm(forms.Form):
    """The reviewed file, sent back as hidden fields with a signature of its content and day."""

    day = forms.IntegerField(widget=forms.HiddenInput)
    data = forms.CharField(widget=forms.HiddenInput, max_length=MAX_BYTES * 2)
    signature = forms.CharField(widget=forms.HiddenInput, max_length=200)

    def __init__(self, *args, session_pk: int, user_pk: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.session_pk, self.user_pk = session_pk, user_pk

    @classmethod
    def for_file(cls, *, session_pk: int, user_pk: int, day_pk: int, data: bytes) -> AttendanceImportConfirmForm:
        signature = import_signature(session_pk=session_pk, user_pk=user_pk, day_pk=day_pk, data=data)
        initial = {"day": day_pk, "data": base64.b64encode(data).decode("ascii"), "signature": signature}
        return cls(initial=initial, session_pk=session_pk, user_pk=user_pk)

    def clean(self) -> dict:
        data = super().clean()
        try:
            content = base64.b64decode(data.get("data", ""), validate=True)
        except (binascii.Error, ValueError):
            content = None
        expected = (
            import_signature(session_pk=self.session_pk, user_pk=self.user_pk, day_pk=data["day"], data=content)
            if content is not None and "day" in data
            else None
        )
        if expected is None or not signing.constant_time_compare(expected, data.get("signature", "")):
            raise forms.ValidationError(_("The reviewed file could not be confirmed. Upload it again."))
        data["content"] = content
        return data


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=20,
        help_text=_("The code on the trainer's screen, e.g. K7P3XM."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
