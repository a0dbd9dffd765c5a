"""The filters of the gap analysis pages (and of the gaps API): unit, professional group, rounds."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from people.models import OrgUnit, ProfessionalGroup

from .models import SurveyRound


class GapFilterForm(forms.Form):
    """GET filters. ``unit`` is a plain number here: the view looks it up among the units the user
    may see, so that a unit outside their reach is a 404 rather than a form error."""

    unit = forms.IntegerField(label=_("Unit (and the units below it)"), required=False, min_value=1)
    group = forms.ModelChoiceField(
        ProfessionalGroup.objects.order_by("sort_order", "name_fi"),
        label=_("Professional group"),
        required=False,
        empty_label=_("All groups"),
    )
    round = forms.ModelChoiceField(
        SurveyRound.objects.order_by("-opens_on", "-pk"),
        label=_("Survey round"),
        required=False,
        empty_label=_("Each person's latest assessment"),
    )
    compare = forms.ModelChoiceField(
        SurveyRound.objects.order_by("-opens_on", "-pk"),
        label=_("Compare with round"),
        required=False,
        empty_label=_("No comparison"),
    )

    def __init__(self, *args, units: QuerySet[OrgUnit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.units = units
        choices: list[tuple] = [("", _("All units"))]
        choices += [
            (unit.pk, f"{'— ' * max(unit.depth - 1, 0)}{unit.name}") for unit in units.only("pk", "name", "path")
        ]
        self.fields["unit"].widget = forms.Select(choices=choices)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("compare") and data.get("compare") == data.get("round"):
            self.add_error("compare", _("Choose a different round to compare with."))
        return data
