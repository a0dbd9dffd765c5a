"""Page slugs are ASCII, so that the plain-letter address of a course with "ä" or "ö" in its title reaches it.

The admin builds the slug from the title in the browser (tests/browser/test_admin_pages.py); code that
creates a page without a slug gets one from Wagtail on the server.
"""

import pytest

from training.models import CoursePage

pytestmark = pytest.mark.django_db

TITLE = "Vauvaperheen tukeminen – äidit ja isät"
ASCII_SLUG = "vauvaperheen-tukeminen-aidit-ja-isat"


def test_the_admin_tells_the_slug_field_to_make_ascii_slugs(admin_client, programme):
    page = admin_client.get(f"/admin/pages/add/training/coursepage/{programme.pk}/").content.decode()
    assert 'data-controller="w-slug"' in page
    # A false boolean attribute is left out; the slug controller then transliterates to ASCII.
    assert "data-w-slug-allow-unicode-value" not in page


def test_a_course_created_in_code_without_a_slug_gets_an_ascii_one(client, programme):
    course = programme.add_child(instance=CoursePage(title=TITLE, summary="Vauvaperheen tukeminen."))
    assert course.slug == ASCII_SLUG
    assert client.get(f"{programme.url}{ASCII_SLUG}/").status_code == 200
