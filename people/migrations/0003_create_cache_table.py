"""The database cache's table, so that `migrate` alone prepares a database every command can use."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor) -> None:
    # createcachetable makes a table for each DatabaseCache in CACHES and skips those that exist;
    # under Redis or the local-memory cache there is nothing to do.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_unique_unit_name_per_parent"),
    ]

    operations = [
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
    ]
