"""The answer form, built from a feedback form's questions, and the period filter of the course results."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import FeedbackForm, FeedbackQuestion

Kind = FeedbackQuestion.Kind
SCALE_HELP = _("1 = very poor, 5 = excellent")
TEXT_MAX_LENGTH = 4000


class FeedbackAnswerForm(forms.Form):
    """One field per question, named by its key: radio buttons for scales and yes/no, a text area for text."""

    def __init__(self, *args, feedback_form: FeedbackForm, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(feedback_form.questions.all())
        for question in self.questions:
            self.fields[question.key] = self._field(question)

    @staticmethod
    def _field(question: FeedbackQuestion) -> forms.Field:
        common = {"label": question.text, "required": question.required}
        if question.kind == Kind.SCALE:
            choices = [(value, str(value)) for value in range(1, 6)]
            return forms.TypedChoiceField(
                choices=choices, coerce=int, empty_value=None, widget=forms.RadioSelect, help_text=SCALE_HELP, **common
            )
        if question.kind == Kind.YES_NO:
            return forms.TypedChoiceField(
                choices=[(1, _("Yes")), (0, _("No"))], coerce=int, empty_value=None, widget=forms.RadioSelect, **common
            )
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 4}), max_length=TEXT_MAX_LENGTH, strip=True, **common
        )

    def answers(self) -> dict[str, object]:
        """The cleaned answers by question key, unanswered optional questions left out."""
        return {key: value for key, value in self.cleaned_data.items() if value not in (None, "")}

    def error_links(self) -> list[tuple[str, str, str]]:
        """(anchor, question, error) for the summary at the top: radio groups link to their first button."""
        links = []
        for key, errors in self.errors.items():
            if key not in self.fields:
                continue
            bound = self[key]
            anchor = f"{bound.auto_id}_0" if isinstance(bound.field.widget, forms.RadioSelect) else bound.auto_id
            links.extend((anchor, bound.label, error) for error in errors)
        return links


class PeriodForm(forms.Form):
    """From and to dates of the sessions included (by their first day); both optional."""

    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("The end date must be on or after the start date."))
        return data

    def period(self) -> tuple[date | None, date | None]:
        if not self.is_bound or not self.is_valid():
            return None, None
        return self.cleaned_data["start"], self.cleaned_data["end"]
