"""Django's SQLite backend for the tests: the migrations' rows restored in bulk after a flush."""

from django.db.backends.sqlite3 import base, creation

from tests.db import RestoreInBulk


class DatabaseCreation(RestoreInBulk, creation.DatabaseCreation):
    pass


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation
