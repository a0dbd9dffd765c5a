"""Forms of people: the profile, and allauth's sign-up limited to those who may sign up."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context
from django import forms
from django.utils.translation import gettext_lazy as _

from . import signup
from .models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "preferred_language"]


class SignupForm(AllauthSignupForm):
    """allauth's sign-up, for invited addresses and addresses in a domain an organisation allows only."""

    def clean_email(self) -> str:
        email = super().clean_email()
        if email and not signup.may_sign_up(context.request, email):
            raise forms.ValidationError(
                _("Accounts for this address are created by invitation only. Ask your organisation's administrator."),
                code="signup_not_allowed",
            )
        return email
