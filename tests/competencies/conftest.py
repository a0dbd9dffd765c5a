import pytest

from tests.competencies.factories import make_setting


@pytest.fixture
def setting(db):
    return make_setting()
