"""Wagtail's user admin with our fields (unit, professional group, roles), where leaving and deleting
go through the people services: switching "active" off deactivates the person (their future
enrolments end) and deleting erases them (``person_erase``), never a server error."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import DeleteView as WagtailDeleteView
from wagtail.users.views.users import EditView as WagtailEditView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .models import User
from .services.erasure import person_erase
from .services.leaving import people_deactivate

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


class PersonEditView(WagtailEditView):
    def save_instance(self):
        was_active = User.objects.filter(pk=self.object.pk).values_list("is_active", flat=True).first()
        instance = super().save_instance()
        if was_active and not instance.is_active:
            people_deactivate(people=[instance], by=self.request.user)
        return instance


class PersonDeleteView(WagtailDeleteView):
    """Deleting a person erases them: their history stays in every figure, nameless."""

    page_title = gettext_lazy("Erase person")
    success_message = gettext_lazy("The person's personal data has been erased.")

    def confirmation_message(self):
        return _(
            "Erase this person? Their name, addresses, sign-in data and evidence files are removed and their "
            "future enrolments cancelled; their certificates stay verifiable as issued to an erased holder and "
            "every statistic stays the same. This cannot be undone."
        )

    def get_success_message(self):
        return str(self.success_message)

    def form_valid(self, form):
        # The usage check would refuse (or fail on) a person with certificates: erasure keeps those rows.
        if self.object.pk == self.request.user.pk:
            raise PermissionDenied
        success_url = self.get_success_url()
        person_erase(person=self.object, by=self.request.user)
        messages.success(self.request, self.get_success_message())
        hook_response = self.run_after_hook()
        if hook_response is not None:
            return hook_response
        return HttpResponseRedirect(success_url)


class UserViewSet(WagtailUserViewSet):
    menu_label = gettext_lazy("People")
    create_template_name = "people/admin/user_create.html"
    edit_template_name = "people/admin/user_edit.html"
    edit_view_class = PersonEditView
    delete_view_class = PersonDeleteView

    def get_form_class(self, for_update: bool = False):
        return PersonEditForm if for_update else PersonCreationForm
