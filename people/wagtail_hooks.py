from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .avatars import initials_avatar_url
from .hr_import_admin import ImportMappingViewSet, PeopleImportViewSet
from .invitations_admin import InvitationViewSet
from .models import Municipality, Organisation, OrgUnit, ProfessionalGroup


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
