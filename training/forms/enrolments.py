"""The manager's decision on an enrolment request."""

from django import forms
from django.utils.translation import gettext_lazy as _


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
