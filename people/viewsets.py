from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .models import User

PROFILE_FIELDS = [
    "employee_id",
    "unit",
    "professional_group",
    "service_level",
    "preferred_language",
    "employment_ends_on",
    "is_trainer",
    "is_coordinator",
]


class PersonCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = UserCreationForm.Meta.fields | set(PROFILE_FIELDS)
        widgets = {"groups": forms.CheckboxSelectMultiple}


class PersonEditForm(UserEditForm):
    class Meta(UserEditForm.Meta):
        model = User
        fields = UserEditForm.Meta.fields | set(PROFILE_FIELDS)
        widgets = {"groups": forms.CheckboxSelectMultiple}


class UserViewSet(WagtailUserViewSet):
    menu_label = _("People")
    create_template_name = "people/admin/user_create.html"
    edit_template_name = "people/admin/user_edit.html"

    def get_form_class(self, for_update: bool = False):
        return PersonEditForm if for_update else PersonCreationForm
