"""The migration that creates the database cache's table: `migrate` alone prepares a database every command can use."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.test import override_settings

pytestmark = pytest.mark.django_db

migration = importlib.import_module("people.migrations.0003_create_cache_table")
DATABASE_CACHE = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "migration_cache"}}


def run_the_migration() -> None:
    migration.create_cache_table(apps, SimpleNamespace(connection=connection))


def test_it_creates_the_table_of_a_database_cache():
    assert "migration_cache" not in connection.introspection.table_names()
    with override_settings(CACHES=DATABASE_CACHE):
        run_the_migration()
        run_the_migration()  # a table that exists already is left alone
    assert "migration_cache" in connection.introspection.table_names()


def test_it_creates_nothing_for_a_cache_outside_the_database():
    tables = set(connection.introspection.table_names())
    run_the_migration()  # the test settings use the local-memory cache
    assert set(connection.introspection.table_names()) == tables
