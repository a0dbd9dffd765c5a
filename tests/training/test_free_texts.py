"""Every free text of our web forms refuses NUL characters and states its length limit, with Django's messages.

The forms are built here as their pages build them; each text field must carry a ``max_length`` that
the page renders as ``maxlength`` and that a longer text is refused with (never cut short silently).
The comments of the self-assessment and of the development discussion are pages of their own
(tests/competencies/test_comment_limits.py).
"""

from __future__ import annotations

import re

import pytest
from django import forms
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator

from competencies.forms import EvidenceForm, SurveyRoundForm
from people.forms import ProfileForm
from people.views import ApiTokenForm
from tests.factories import UserFactory
from training.forms.attendance import CheckInForm
from training.forms.catalogue import CatalogueFilterForm
from training.forms.certificates import RevokeCertificateForm, VerifyCodeForm
from training.forms.enrolments import DeclineForm
from training.forms.feedback import FeedbackAnswerForm
from training.forms.organiser import AddParticipantForm, CancelSessionForm, RemoveParticipantForm
from training.models import FeedbackForm

pytestmark = pytest.mark.django_db


def feedback_answer_form(data=None):
    return FeedbackAnswerForm(data, feedback_form=FeedbackForm.objects.get(is_default=True))


FORMS = {
    "enrolment removal (organiser)": lambda data=None: RemoveParticipantForm(data, prefix="remove"),
    "session cancellation": lambda data=None: CancelSessionForm(data, prefix="cancel"),
    "participant added by email": lambda data=None: AddParticipantForm(data, prefix="add"),
    "approval declined": lambda data=None: DeclineForm(data),
    "certificate revoked": lambda data=None: RevokeCertificateForm(data, prefix="revoke"),
    "verification code": lambda data=None: VerifyCodeForm(data),
    "check-in code": lambda data=None: CheckInForm(data),
    "catalogue search": lambda data=None: CatalogueFilterForm(data),
    "feedback answers": feedback_answer_form,
    "evidence": lambda data=None: EvidenceForm(data, person=UserFactory()),
    "survey round": lambda data=None: SurveyRoundForm(data),
    "profile": lambda data=None: ProfileForm(data),
    "API token": lambda data=None: ApiTokenForm(data),
}


def text_fields(form: forms.Form) -> list[str]:
    """The fields a person types text into (hidden fields carry the page's own values)."""
    return [
        name
        for name, field in form.fields.items()
        if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.HiddenInput)
    ]


@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_text_field_has_a_limit_the_page_states(name):
    form = FORMS[name]()
    fields = text_fields(form)
    assert fields, name
    for field in fields:
        limit = form.fields[field].max_length
        assert limit, (name, field)
        assert re.search(rf'\bmaxlength="{limit}"', str(form[field])), (name, field)


@pytest.mark.parametrize("name", sorted(FORMS))
def test_a_nul_character_is_refused_in_every_text_field(name):
    fields = text_fields(FORMS[name]())
    form = FORMS[name]({form_key(FORMS[name](), field): "Hyvä\x00teksti" for field in fields})
    form.is_valid()
    for field in fields:
        assert str(ProhibitNullCharactersValidator.message) in form.errors.get(field, []), (name, field)


@pytest.mark.parametrize("name", sorted(FORMS))
def test_a_text_over_the_limit_is_refused_with_djangos_message(name):
    empty = FORMS[name]()
    fields = text_fields(empty)
    form = FORMS[name]({form_key(empty, field): "a" * (empty.fields[field].max_length + 1) for field in fields})
    form.is_valid()
    for field in fields:
        limit = empty.fields[field].max_length
        message = MaxLengthValidator(limit).message % {"limit_value": limit, "show_value": limit + 1}
        assert str(message) in form.errors.get(field, []), (name, field, form.errors.get(field))


def form_key(form: forms.Form, field: str) -> str:
    return form.add_prefix(field)
