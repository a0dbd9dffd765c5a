from django import forms
from django.utils.translation import gettext_lazy as _

from people.models import ProfessionalGroup, ServiceLevel

from .models import CourseKind


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


class DeclineForm(forms.Form):
    """The manager's reason for declining an enrolment request; the person sees it."""

    # The decide page has two forms (approve, decline); this tells the view which one was sent.
    decision = forms.CharField(widget=forms.HiddenInput, initial="decline", required=False)
    reason = forms.CharField(
        label=_("Reason for declining"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("The person you decline sees this reason."),
        error_messages={"required": _("Give a reason for declining.")},
    )
