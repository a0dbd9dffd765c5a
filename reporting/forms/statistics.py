"""The filters of the participant statistics page: the period (with presets), up to two dimensions, the
project and the measure of the cross-tabulation and the chart."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from competencies.forms import DateInput

from ..documents.measures import BY_KEY, DEFAULT_MEASURE, MEASURES
from ..models import Project
from ..selectors.dimensions import DIMENSIONS

YEAR_MIN, YEAR_MAX = 1900, 2100
# The page's query names; "from" and "to" cannot be attribute names, so the fields map to them.
QUERY_NAMES = {"date_from": "from", "date_to": "to"}


def date_error(day: datetime.date) -> str | None:
    if YEAR_MIN <= day.year <= YEAR_MAX:
        return None
    return str(_("Choose a date between the years %(first)d and %(last)d.") % {"first": YEAR_MIN, "last": YEAR_MAX})


def period_error(date_from: datetime.date, date_to: datetime.date) -> str | None:
    """What is wrong with a period, for the page and the API alike."""
    if error := date_error(date_from) or date_error(date_to):
        return error
    if date_from > date_to:
        return str(_("The end date must be on or after the start date."))
    return None


@dataclass(frozen=True)
class Preset:
    key: str
    label: str | Promise
    date_from: datetime.date
    date_to: datetime.date


def _quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def presets(today: datetime.date) -> list[Preset]:
    """The periods offered as one-click choices; the first is the default."""
    quarter = _quarter_start(today)
    next_quarter = _quarter_start(quarter + datetime.timedelta(days=93))
    last_quarter = _quarter_start(quarter - datetime.timedelta(days=1))
    one_day = datetime.timedelta(days=1)
    return [
        Preset("this_year", _("This year"), datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)),
        Preset("last_year", _("Last year"), datetime.date(today.year - 1, 1, 1), datetime.date(today.year - 1, 12, 31)),
        Preset("this_quarter", _("This quarter"), quarter, next_quarter - one_day),
        Preset("last_quarter", _("Last quarter"), last_quarter, quarter - one_day),
    ]


def _dimension_choices(empty: str | Promise) -> list[tuple[str, str | Promise]]:
    return [("", empty), *((name, dimension.label) for name, dimension in DIMENSIONS.items())]


class StatisticsForm(forms.Form):
    """Bound to the query string with the defaults filled in (``for_query``); the view reads ``by``."""

    date_from = forms.DateField(label=_("From"), widget=DateInput)
    date_to = forms.DateField(label=_("To"), widget=DateInput)
    rows = forms.ChoiceField(label=_("Rows"), choices=_dimension_choices(_("No breakdown")), required=False)
    columns = forms.ChoiceField(label=_("Columns"), choices=_dimension_choices(_("No columns")), required=False)
    project = forms.ModelChoiceField(
        Project.objects.order_by("-starts_on", "name_fi", "pk"),
        label=_("Project"),
        required=False,
        empty_label=_("All, in a project or not"),
    )
    measure = forms.ChoiceField(
        label=_("Figure in the chart and cross-tabulation"),
        choices=[(measure.key, measure.label) for measure in MEASURES],
    )

    @classmethod
    def for_query(cls, query: QueryDict, *, today: datetime.date) -> StatisticsForm:
        data = query.copy()
        default = presets(today)[0]
        data.setdefault("from", default.date_from.isoformat())
        data.setdefault("to", default.date_to.isoformat())
        data.setdefault("measure", DEFAULT_MEASURE)
        return cls(data)

    def add_prefix(self, field_name: str) -> str:
        return super().add_prefix(QUERY_NAMES.get(field_name, field_name))

    def clean_date_from(self) -> datetime.date:
        return self._within_years(self.cleaned_data["date_from"])

    def clean_date_to(self) -> datetime.date:
        return self._within_years(self.cleaned_data["date_to"])

    @staticmethod
    def _within_years(day: datetime.date) -> datetime.date:
        if error := date_error(day):
            raise forms.ValidationError(error)
        return day

    def clean(self) -> dict:
        data = super().clean()
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if date_from and date_to and (error := period_error(date_from, date_to)):
            self.add_error("date_to", error)
        rows, columns = data.get("rows"), data.get("columns")
        if columns and not rows:
            self.add_error("columns", _("Choose the rows first."))
        elif columns and columns == rows:
            self.add_error("columns", _("Choose a different dimension for the columns."))
        measure = BY_KEY.get(data.get("measure", ""))
        if measure and measure.feedback and any(DIMENSIONS[name].person for name in self.by):
            self.add_error(
                "measure",
                _(
                    "Feedback is anonymous, so it cannot be broken down by the participant's group, organisation, "
                    "sector, municipality or area. Choose another figure or dimension."
                ),
            )
        return data

    @property
    def by(self) -> list[str]:
        """The dimensions chosen, rows first."""
        data = getattr(self, "cleaned_data", {})
        return [name for name in (data.get("rows"), data.get("columns")) if name]
