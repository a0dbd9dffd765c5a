"""The people app: users, organisations, units, professional groups and roles; and Wagtail's users screens."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People and organisations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .personal_data import register_people

        register_people()


class PeopleUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with our fields (unit, professional group, roles)."""

    user_viewset = "people.viewsets.UserViewSet"
