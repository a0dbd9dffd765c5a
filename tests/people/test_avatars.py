"""Avatars in the Wagtail admin: initials drawn here for people without a picture, never an image from another site."""

import json
import re
from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.admin.templatetags.wagtailadmin_tags import avatar_url
from wagtail.users.models import UserProfile

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def shown_letters(url: str) -> str:
    assert url.startswith("data:image/svg+xml,"), url
    return re.search(r"<text[^>]*>([^<]*)</text>", unquote(url)).group(1)


def test_a_person_without_a_picture_is_shown_by_their_initials():
    assert shown_letters(avatar_url(UserFactory(first_name="Ari", last_name="Heikkinen"))) == "AH"
    assert shown_letters(avatar_url(UserFactory(first_name="Åsa", last_name="Öhman"))) == "ÅÖ"


def test_without_names_the_email_gives_the_letter():
    assert shown_letters(avatar_url(UserFactory(first_name="", last_name="", email="kela@example.fi"))) == "K"


def test_an_uploaded_picture_is_shown_instead():
    person = UserFactory()
    profile = UserProfile.get_for_user(person)
    profile.avatar = SimpleUploadedFile("kuva.gif", b"GIF89a", content_type="image/gif")  # stored as it is
    profile.save()
    person.refresh_from_db()
    assert avatar_url(person) == profile.avatar.url


def test_the_admin_asks_no_other_site_for_avatars(admin_client):
    admin_client.user.first_name, admin_client.user.last_name = "Ari", "Heikkinen"
    admin_client.user.save()
    UserFactory(first_name="Tiina", last_name="Ruotsalainen")
    for address in ("/admin/", "/admin/users/", "/admin/account/"):
        page = admin_client.get(address).content.decode()
        assert "gravatar" not in page.lower(), address
        sources = re.findall(r'<img[^>]* src="([^"]*)"', page)
        assert all(source.startswith(("/", "data:")) for source in sources), (address, sources)
    sidebar = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', page, re.S)
    assert json.loads(sidebar.group(1))  # the account menu's avatar is in the sidebar's properties
    assert '"avatarUrl": "data:image/svg+xml,' in sidebar.group(1)
