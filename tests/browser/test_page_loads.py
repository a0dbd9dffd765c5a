"""A normal page load asks for nothing the site cannot give: no response of 400 or more, favicon included."""

import pytest
from django.urls import reverse

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser]


def failures_while_loading(page, base_url: str, url: str) -> list[str]:
    """Every request of loading ``url`` that failed or was answered with 400 or more, and the icons it links."""
    failed = []
    page.on("response", lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"))
    page.on("requestfailed", lambda request: failed.append(f"failed {request.url}"))
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response.status == 200, url
    # Headless Chromium asks for no icon by itself: ask for each the page links to, and for /favicon.ico.
    icons = page.eval_on_selector_all("link[rel~=icon]", "links => links.map(link => link.href)")
    assert icons, f"{url} links no icon"
    for icon in [*icons, f"{base_url}/favicon.ico"]:
        answer = page.request.get(icon)
        if answer.status >= 400 or not answer.body():
            failed.append(f"{answer.status} {icon}")
        elif icon.endswith(".ico"):
            assert answer.headers["content-type"] in {"image/x-icon", "image/vnd.microsoft.icon"}, icon
    return failed


def test_public_pages_load_without_an_error_response(page, site_pages):
    for url in (
        site_pages.url(site_pages.home),
        site_pages.url(site_pages.programme),
        site_pages.url(site_pages.course),
    ):
        assert failures_while_loading(page, site_pages.base_url, url) == [], url


def test_my_trainings_loads_without_an_error_response(page, site_pages):
    from tests.factories import UserFactory, enrol, make_session

    person = UserFactory()
    enrol(make_session(site_pages.course), person)
    sign_in(page, site_pages.base_url, person)
    url = site_pages.base_url + reverse("training:my_trainings")
    assert failures_while_loading(page, site_pages.base_url, url) == []
    assert site_pages.course.title in page.content()
