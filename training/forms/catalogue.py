"""The catalogue's filter form (kind, level, target group, a search), read by ``TrainingProgrammePage``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from people.models import ProfessionalGroup, ServiceLevel

from ..models import CourseKind


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *CourseKind.choices])
    level = forms.ChoiceField(label=_("Level"), required=False, choices=[("", _("All levels")), *ServiceLevel.choices])
    group = forms.ModelChoiceField(
        label=_("Professional group"),
        required=False,
        queryset=ProfessionalGroup.objects.all(),
        empty_label=_("All professional groups"),
        to_field_name="code",
    )
