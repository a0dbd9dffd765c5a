"""The catalogue's filter form (what, for whom, when, where, free places, a search, the order),
read by ``TrainingProgrammePage``."""

from django import forms
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from competencies.models import Competence
from people.models import ProfessionalGroup, ServiceLevel

from ..models import CourseKind

# How long the competence filter's choices are kept: a newly published framework's competences appear within it.
COMPETENCE_CHOICES_SECONDS = 60


def competences() -> list[tuple[str, str]]:
    """The published competences as (code, name) in the active language, from the shared cache: they change
    with a framework's publication, and a catalogue request should not ask the database for them."""
    key = f"catalogue-competences:{translation.get_language()}"
    choices = cache.get(key)
    if choices is None:
        published = Competence.objects.filter(version__status="published").order_by("code")
        choices = [(competence.code, str(competence)) for competence in published]
        cache.set(key, choices, COMPETENCE_CHOICES_SECONDS)
    return choices


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
    competence = forms.ChoiceField(
        label=_("Competence developed"), required=False, choices=lambda: [("", _("All competences")), *competences()]
    )
    starts_from = forms.DateField(
        label=_("Starts on or after"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    starts_until = forms.DateField(
        label=_("Starts on or before"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    place = forms.CharField(label=_("Municipality or place"), required=False, max_length=100)
    online = forms.BooleanField(label=_("Online"), required=False)
    has_places = forms.BooleanField(label=_("Has places left"), required=False)
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("title", _("By title")), ("next", _("By next session"))],
    )
