"""The demo (``manage.py load_demo``), built once for this package's modules.

Building it takes a quarter of a minute, so the package's tests share one build, kept on one xdist worker (see
tests/scheduling.py).
"""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.conftest import module_transaction


@pytest.fixture(scope="package", autouse=True)
def demo(django_db_setup, django_db_blocker):
    """The demo, built in a transaction that is rolled back after the package; each test runs in a savepoint within
    it, so tests still cannot see each other's changes and nothing leaks into other packages. Its value is what
    the command printed."""
    with module_transaction(django_db_blocker):
        output = StringIO()
        call_command("load_demo", stdout=output)
        yield output.getvalue()
