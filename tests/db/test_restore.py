"""The test backends restore a flushed database to the migrations' rows, row for row."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_flushed_database_is_restored_row_for_row():
    contents = connection._test_serialized_contents
    assert Group.objects.filter(permissions__isnull=False).exists()  # the many-to-many rows are part of it

    # As Django's TransactionTestCase flushes: the sequences go on, so that later tests' new rows take new ids.
    call_command("flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0)
    assert not Permission.objects.exists()
    connection.creation.deserialize_db_from_string(contents)

    assert json.loads(connection.creation.serialize_db_to_string()) == json.loads(contents)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restoring_over_the_rows_already_there_changes_nothing():
    """Django restores before the first transactional test too, when nothing has been flushed yet."""
    contents = connection._test_serialized_contents
    connection.creation.deserialize_db_from_string(contents)

    assert json.loads(connection.creation.serialize_db_to_string()) == json.loads(contents)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pages_of_multi_table_inheritance_are_restored_with_their_parents_rows():
    from tests.factories import ProgrammePageFactory, make_site

    ProgrammePageFactory.create(make_site())  # a HomePage and a TrainingProgrammePage: each a Page's row and its own
    contents = connection.creation.serialize_db_to_string()

    call_command("flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0)
    connection.creation.deserialize_db_from_string(contents)

    assert json.loads(connection.creation.serialize_db_to_string()) == json.loads(contents)
