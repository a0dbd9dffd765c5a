"""Forms of the competence pages (survey rounds, evidence) and the checks of the assessment pages' inputs."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.ids import ModelMultipleIdChoiceField
from people.models import OrgUnit, ProfessionalGroup, User

from .errors import CompetenceError
from .models import Competence, FrameworkVersion
from .selectors.evidence import requirement_competences_for
from .validators import EVIDENCE_EARLIEST, evidence_date_error, evidence_max_bytes, validate_evidence_file

TRAINING_NEEDS = [
    (1, _("1 – no need")),
    (2, _("2 – small need")),
    (3, _("3 – some need")),
    (4, _("4 – great need")),
    (5, _("5 – very great need")),
]


# The comments of the self-assessment and of the development discussion (one per competence): checked
# by a form field as every other free text is (no NUL characters, at most this long, Django's messages).
COMMENT_MAX_LENGTH = 2000
_COMMENT = forms.CharField(required=False, max_length=COMMENT_MAX_LENGTH, strip=False)


def clean_comment(value: str | None) -> tuple[str, str]:
    """(comment, error): the posted comment as typed, and why it is refused ("" when it is fine)."""
    value = value or ""
    try:
        return _COMMENT.clean(value), ""
    except ValidationError as error:
        return value, " ".join(error.messages)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class VersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, version: FrameworkVersion) -> str:
        return f"{version.framework.name} v{version.number}"


class UnitChoiceField(ModelMultipleIdChoiceField):
    def label_from_instance(self, unit: OrgUnit) -> str:
        # Indent by depth so the tree reads in a plain list.
        return "\u2003" * max(unit.depth - 1, 0) + unit.name


class SurveyRoundForm(forms.Form):
    name_fi = forms.CharField(label=_("Name (Finnish)"), max_length=200)
    name_sv = forms.CharField(label=_("Name (Swedish)"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    version = VersionChoiceField(
        label=_("Framework version"),
        queryset=FrameworkVersion.objects.filter(status=FrameworkVersion.Status.PUBLISHED).select_related("framework"),
        help_text=_("Only published versions can be surveyed."),
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=DateInput)
    closes_on = forms.DateField(label=_("Closes on"), widget=DateInput)
    target_units = UnitChoiceField(
        label=_("Target units"),
        queryset=OrgUnit.objects.order_by("path"),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("A unit includes the units below it. Hold Ctrl (or Cmd) to choose several."),
    )
    target_groups = ModelMultipleIdChoiceField(
        label=_("Target professional groups"),
        queryset=ProfessionalGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave all unchecked to survey every professional group."),
    )
    notify = forms.BooleanField(
        label=_("Email the targeted staff now"),
        required=False,
        initial=True,
    )

    def clean(self):
        data = super().clean()
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", CompetenceError("dates_invalid").message)
        return data


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, help_text=_("For example the name of the certificate."))
    issuer = forms.CharField(label=_("Issuer"), max_length=200, required=False)
    achieved_on = forms.DateField(label=_("Date"), widget=DateInput)
    competences = ModelMultipleIdChoiceField(
        label=_("Competences it shows"),
        queryset=Competence.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    file = forms.FileField(
        label=_("File"),
        validators=[validate_evidence_file],
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"}),
    )

    def __init__(self, *args, person: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competences"].queryset = requirement_competences_for(person)
        self.fields["competences"].label_from_instance = lambda competence: f"{competence.code} {competence.name}"
        self.fields["file"].help_text = _("PDF, PNG or JPEG, at most %(max_mb)s MB.") % {
            "max_mb": round(evidence_max_bytes() / (1024 * 1024), 1)
        }
        self.today = timezone.localdate()
        self.fields["achieved_on"].widget.attrs.update(min=EVIDENCE_EARLIEST.isoformat(), max=self.today.isoformat())

    def clean_achieved_on(self):
        achieved_on = self.cleaned_data["achieved_on"]
        if error := evidence_date_error(achieved_on, today=self.today):
            raise ValidationError(error.message, code=error.code)
        return achieved_on


def parse_int(value: str | None) -> tuple[int | None, bool]:
    """(number, ok): empty is (None, True), anything not a whole number is (None, False)."""
    value = (value or "").strip()
    if not value:
        return None, True
    try:
        return int(value), True
    except ValueError:
        return None, False
