import pytest

from tests.factories import make_course

pytestmark = pytest.mark.django_db


def test_home_page_renders_in_finnish(client, home):
    response = client.get("/")
    assert response.status_code == 200
    assert b'<html lang="fi">' in response.content
    assert "Perhekeskus" in response.content.decode()


def test_catalogue_lists_live_courses(client, programme):
    make_course(programme, "Lapset puheeksi")
    response = client.get(programme.url)
    assert response.status_code == 200
    assert "Lapset puheeksi" in response.content.decode()
