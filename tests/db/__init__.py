"""The test settings' database backends: Django's own, restoring a flushed database faster.

Transactional tests (the live server's browser tests, the concurrency tests) empty every table after each test and
write the migrations' rows back (``serialized_rollback``): some 500 rows, mostly permissions and content types.
Django saves them one by one (an UPDATE, then an INSERT); here each model's rows go in with one INSERT. On
PostgreSQL the tables are emptied with DELETE instead of one TRUNCATE of all the tables, which costs PostgreSQL
a new file per table: 14 ms instead of 400 ms for these small tables. Nothing else differs from Django's backends.
"""

import itertools
from io import StringIO

from django.core import serializers
from django.db import connections
from django.db.transaction import atomic


class RestoreInBulk:
    """A ``DatabaseCreation`` mixin: ``deserialize_db_from_string`` with one INSERT per model into an empty table.

    Django restores before every transactional test, the first one included, when the rows are still there from
    the migrations: a table that has rows gets Django's row-by-row save."""

    def deserialize_db_from_string(self, data):
        alias = self.connection.alias
        table_names = set()
        with atomic(using=alias), self.connection.constraint_checks_disabled():
            objects = serializers.deserialize("json", StringIO(data), using=alias)
            for model, group in itertools.groupby(objects, key=lambda deserialized: type(deserialized.object)):
                group = list(group)
                if model._base_manager.using(alias).exists():  # the first restore, over the migrations' own rows
                    for deserialized in group:
                        deserialized.save()  # Django's way: an UPDATE, or an INSERT where there is no such row
                else:
                    insert_raw(model, [deserialized.object for deserialized in group], alias)
                    for deserialized in group:
                        save_many_to_many(deserialized, alias)
                table_names.add(model._meta.db_table)
            self.connection.check_constraints(table_names=table_names)


def insert_raw(model, rows: list, alias: str) -> None:
    """INSERT the rows as they are, as ``save(raw=True)`` does: unlike ``bulk_create``, nothing is filled in by the
    fields (an ``auto_now_add`` time stays the serialized one), and a child of multi-table inheritance gets its own
    table's row only (its parent's row is serialized, and restored, as the parent model's)."""
    fields = model._meta.local_concrete_fields
    if any(row.pk is None for row in rows):  # a through table's rows: their ids come from the database
        fields = [field for field in fields if not field.primary_key]
    queryset = model._base_manager.using(alias)
    batch_size = connections[alias].ops.bulk_batch_size(fields, rows) or len(rows)
    for start in range(0, len(rows), batch_size):
        queryset._insert(rows[start : start + batch_size], fields=fields, raw=True)


def save_many_to_many(deserialized, alias: str) -> None:
    """The rows of the through tables, as ``DeserializedObject.save`` writes with ``field.set``."""
    instance = deserialized.object
    for name, targets in (deserialized.m2m_data or {}).items():
        field = instance._meta.get_field(name)
        through = field.remote_field.through
        source = through._meta.get_field(field.m2m_field_name()).attname
        target = through._meta.get_field(field.m2m_reverse_field_name()).attname
        insert_raw(through, [through(**{source: instance.pk, target: target_pk}) for target_pk in targets], alias)
