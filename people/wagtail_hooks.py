"""The network in the Wagtail admin: organisations, units, professional groups and municipalities."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction
from wagtail.users.views.bulk_actions.set_active_state import SetActiveStateBulkAction

from .avatars import initials_avatar_url
from .hr_import_admin import ImportMappingViewSet, PeopleImportViewSet
from .invitations_admin import InvitationViewSet
from .models import Municipality, Organisation, OrgUnit, ProfessionalGroup
from .services.erasure import person_erase
from .services.leaving import people_deactivate


class OrganisationViewSet(ModelViewSet):
    url_prefix = "network/organisations"
    name = "organisations"
    model = Organisation
    icon = "site"
    form_fields = ["name", "code", "sector", "municipality", "signup_domains"]
    list_display = ["name", "sector", "municipality"]
    list_filter = ["sector"]
    search_fields = ["name"]


class OrgUnitViewSet(ModelViewSet):
    url_prefix = "network/units"
    name = "units"
    model = OrgUnit
    icon = "group"
    form_fields = ["name", "code", "kind", "organisation", "parent", "municipality", "managers"]
    list_display = ["name", "kind", "organisation", "parent"]
    list_filter = ["kind", "organisation"]
    search_fields = ["name"]


class ProfessionalGroupViewSet(ModelViewSet):
    url_prefix = "network/professional-groups"
    name = "professional_groups"
    model = ProfessionalGroup
    icon = "tag"
    form_fields = ["code", "name_fi", "name_sv", "name_en", "sort_order"]
    list_display = ["name_fi", "name_sv", "name_en", "code"]
    search_fields = ["name_fi", "name_sv", "name_en", "code"]


class MunicipalityViewSet(ModelViewSet):
    url_prefix = "network/municipalities"
    name = "municipalities"
    model = Municipality
    icon = "globe"
    form_fields = ["code", "name_fi", "name_sv"]
    list_display = ["name_fi", "name_sv", "code"]
    search_fields = ["name_fi", "name_sv", "code"]


class NetworkViewSetGroup(ViewSetGroup):
    menu_label = _("Network")
    menu_icon = "site"
    menu_order = 300
    items = (
        OrganisationViewSet,
        OrgUnitViewSet,
        ProfessionalGroupViewSet,
        MunicipalityViewSet,
        PeopleImportViewSet,
        ImportMappingViewSet,
        InvitationViewSet,
    )


@hooks.register("register_admin_viewset")
def register_network_viewsets():
    return NetworkViewSetGroup()


@hooks.register("get_avatar_url")
def avatar_with_initials(user, size):
    return initials_avatar_url(user, size)


# The user listing's bulk actions go through the people services too (registered after Wagtail's own).
# ------------------------------------------------------------------------------


class EraseBulkAction(DeleteBulkAction):
    """ "Delete" on the people listing erases them (``person_erase``), keeping their history in the figures."""

    display_name = _("Erase")
    aria_label = _("Erase the selected people")
    template_name = "people/admin/bulk_erase.html"

    @classmethod
    def execute_action(cls, objects, model=None, **kwargs):
        for person in objects:
            person_erase(person=person, by=kwargs.get("user"))
        return len(objects), 0

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    def get_actionable_objects(self):
        objects, without_access = super().get_actionable_objects()
        return [person for person in objects if person.pk != self.request.user.pk], without_access

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d person's personal data has been erased.",
            "%(count)d people's personal data has been erased.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


class DeactivatingSetActiveStateBulkAction(SetActiveStateBulkAction):
    """Marking people inactive deactivates them (``people_deactivate``): their future enrolments end."""

    @classmethod
    def execute_action(cls, objects, mark_as_active=False, model=None, **kwargs):
        user = kwargs.get("user")
        objects = [person for person in objects if user is None or person.pk != user.pk]
        if mark_as_active:
            return super().execute_action(objects, mark_as_active=True, model=model, **kwargs)
        people_deactivate(people=objects, by=user)
        return len(objects), 0


hooks.register("register_bulk_action", EraseBulkAction, order=100)
hooks.register("register_bulk_action", DeactivatingSetActiveStateBulkAction, order=100)
