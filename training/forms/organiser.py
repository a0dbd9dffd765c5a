"""Forms of the organiser pages and of the sessions' Wagtail admin."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from people.models import User

from ..errors import TrainingError
from ..models import Session
from ..selectors import active_person_with_email, session_confirmed_count

# TrainingError messages speak to the person enrolling; on the organiser pages some need other words.
ORGANISER_MESSAGES = {
    "already_enrolled": _("This person is already enrolled in this session or on its waiting list."),
}


def organiser_message(error: TrainingError) -> str:
    if error.code in ORGANISER_MESSAGES:
        return str(ORGANISER_MESSAGES[error.code])
    return error.message


class SessionFilterForm(forms.Form):
    """The organiser's session list: by course, period, where the session stands and place (all optional)."""

    ONLINE = "online"
    STATUS_CHOICES = [
        ("", _("All")),
        ("upcoming", _("Upcoming")),
        ("in_progress", _("In progress")),
        ("ended", _("Ended or completed")),
        ("cancelled", _("Cancelled")),
    ]

    course = forms.TypedChoiceField(label=_("Course"), required=False, coerce=int, empty_value=None)
    starts_from = forms.DateField(
        label=_("Starts on or after"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    starts_until = forms.DateField(
        label=_("Starts on or before"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)
    place = forms.ChoiceField(label=_("Place"), required=False)

    def __init__(self, *args, courses: list[tuple[int, str]], places: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["course"].choices = [("", _("All courses")), *courses]
        self.fields["place"].choices = [
            ("", _("All places")),
            (self.ONLINE, _("Online")),
            *((place, place) for place in places),
        ]

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("starts_from"), cleaned.get("starts_until")
        if start and end and end < start:
            self.add_error("starts_until", _("The end of the period cannot be before its start."))
        return cleaned


class AddParticipantForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The person must have an account. A full session puts them on the waiting list."),
        max_length=254,
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        person = active_person_with_email(email)
        if person is None:
            raise ValidationError(
                _("Nobody with an active account has the email address %(email)s. Check the address."),
                code="unknown_email",
                params={"email": email},
            )
        self.person = person
        return email


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Capacity"),
        min_value=1,
        max_value=10_000,
        help_text=_("Raising it gives the free seats to the first people on the waiting list."),
    )


class RemoveParticipantForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the person with the notice of the cancellation."),
    )


def session_label(session: Session) -> str:
    """Start, place and seats ("3.6.2025 9.00, Kuopio - 8/12 confirmed"): enough to tell sessions apart."""
    parts = []
    if session.starts_at:
        parts.append(date_format(timezone.localtime(session.starts_at), "SHORT_DATETIME_FORMAT"))
    if session.place_name:
        parts.append(session.place_name)
    elif session.online_url:
        parts.append(str(_("Online")))
    label = ", ".join(parts) or str(_("No days yet"))
    seats = _("%(confirmed)s/%(capacity)s confirmed") % {
        "confirmed": getattr(session, "confirmed_count", "?"),
        "capacity": session.capacity,
    }
    return f"{label} – {seats}"


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Session) -> str:
        return session_label(obj)


class MoveParticipantForm(forms.Form):
    to_session = SessionChoiceField(
        label=_("Move to session"),
        queryset=Session.objects.none(),
        empty_label=None,
        help_text=_("A full session puts the person at the end of its waiting list."),
    )

    def __init__(self, *args, targets, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_session"].queryset = targets


class CancelSessionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the cancellation"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Everyone enrolled, on the waiting list or awaiting approval is told this reason."),
        error_messages={"required": _("Give a reason for the cancellation.")},
    )


class SessionAdminForm(WagtailAdminModelForm):
    """The session form of the Wagtail admin: at least one day, and a capacity no lower than the confirmed count."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "trainers" in self.fields:
            # Choose among trainers and coordinators (not every member of staff), keeping whoever is already chosen.
            eligible = Q(is_active=True) & (Q(is_trainer=True) | Q(is_coordinator=True))
            if self.instance.pk:
                eligible |= Q(pk__in=self.instance.trainers.values("pk"))
            self.fields["trainers"].queryset = User.objects.filter(eligible)

    def clean_capacity(self) -> int:
        capacity = self.cleaned_data["capacity"]
        if capacity is None:
            return capacity
        if capacity < 1:
            raise ValidationError(TrainingError("capacity_invalid").message, code="capacity_invalid")
        if self.instance.pk:
            confirmed = session_confirmed_count(self.instance)
            if capacity < confirmed:
                raise ValidationError(
                    TrainingError("capacity_below_confirmed", confirmed=confirmed).message,
                    code="capacity_below_confirmed",
                )
        return capacity

    def clean(self) -> dict:
        cleaned_data = super().clean()
        days = self.formsets.get("days") if hasattr(self, "formsets") else None
        if days is not None and _kept_forms(days) == 0:
            raise ValidationError(_("Add at least one session day."), code="no_days")
        return cleaned_data


class SessionDayAdminForm(WagtailAdminModelForm):
    """A day of a session in the Wagtail admin: one that does not end after it starts is explained on its end,
    before the database constraint refuses it in its own words."""

    def clean(self) -> dict:
        cleaned_data = super().clean()
        starts_at, ends_at = cleaned_data.get("starts_at"), cleaned_data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", ValidationError(_("The day must end after it starts."), code="ends_before_start"))
        return cleaned_data


def _kept_forms(formset) -> int:
    """Forms of an inline formset that will exist after saving: not deleted, and not blank extra forms."""
    kept = 0
    for index, form in enumerate(formset.forms):
        if formset.can_delete and form.fields["DELETE"].to_python(form["DELETE"].data):
            continue
        if index >= formset.initial_form_count() and not form.has_changed():
            continue
        kept += 1
    return kept
