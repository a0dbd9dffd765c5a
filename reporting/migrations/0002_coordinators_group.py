"""The Wagtail group "Coordinators": admin access and the activity and project permissions, with every
coordinator in it (kept in step afterwards by ``reporting.services.coordinators``)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Coordinators"
MODELS = ("activity", "project")
ACTIONS = ("add", "change", "delete", "view")


def create_group(apps, schema_editor):
    # On a new database the models' permissions are made after all migrations: make them now.
    reporting = apps.get_app_config("reporting")
    reporting.models_module = True
    create_permissions(reporting, apps=apps, verbosity=0)
    reporting.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    User = apps.get_model("people", "User")
    group, _created = Group.objects.get_or_create(name=GROUP)
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="reporting", codename__in=codenames),
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
    )
    group.user_set.add(*User.objects.filter(is_coordinator=True))


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_projects_activities_participations"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        # After these give every admin group the image and document choosers: the group gets none.
        ("wagtailimages", "0023_add_choose_permissions"),
        ("wagtaildocs", "0011_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
