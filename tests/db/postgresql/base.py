"""Django's PostgreSQL backend for the tests: tables emptied with DELETE, migrations' rows restored in bulk."""

from django.db.backends.postgresql import base, creation, operations

from tests.db import RestoreInBulk


class DatabaseCreation(RestoreInBulk, creation.DatabaseCreation):
    pass


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        """DELETE each table in the flush's transaction; Django's foreign keys are checked at its commit, so the
        order does not matter. Restarting the sequences still takes Django's TRUNCATE ... RESTART IDENTITY."""
        if reset_sequences:
            return super().sql_flush(style, tables, reset_sequences=True, allow_cascade=allow_cascade)
        return [f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};" for table in tables]


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation
    ops_class = DatabaseOperations
