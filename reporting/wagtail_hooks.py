"""Registers reporting's admin screens (reporting/viewsets/): activities and projects under "Reporting", and
the person chooser of the activities' lists."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from .models import Activity
from .viewsets.activities import ActivityPermissionPolicy, ActivityViewSet
from .viewsets.people import person_chooser_viewset
from .viewsets.projects import ProjectViewSet

# Before anything asks the registry for Activity's policy (it would make a fallback one).
register_permission_policy(Activity, ActivityPermissionPolicy(Activity))


class ReportingViewSetGroup(ViewSetGroup):
    menu_label = _("Reporting")
    menu_icon = "list-ul"
    menu_order = 260
    items = (ActivityViewSet, ProjectViewSet)


@hooks.register("register_admin_viewset")
def register_reporting_viewsets():
    return [ReportingViewSetGroup(), person_chooser_viewset]
