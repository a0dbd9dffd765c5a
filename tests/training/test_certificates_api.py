"""GET /api/v1/me/certificates and the PDF behind pdf_url, with a bearer token."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from people.api_tokens import token_create
from tests.factories import UserFactory, make_course
from tests.training.factories_certificates import completed, past_session
from training.services.certificates import certificate_issue, certificate_revoke

pytestmark = pytest.mark.django_db
API = "/api/v1"


def bearer(user) -> dict[str, str]:
    _token, plain = token_create(user=user, name="Tests")
    return {"Authorization": f"Bearer {plain}"}


@pytest.fixture
def person():
    return UserFactory(preferred_language="en")


@pytest.fixture
def certificates(programme, person, settings):
    settings.SITE_URL = "https://koulutus.example.fi"
    course = make_course(programme, "Lapset puheeksi", duration_hours=Decimal("6"), certificate_validity_months=12)
    old = certificate_issue(enrolment=completed(past_session(course, days_ago=800), person))
    new = certificate_issue(enrolment=completed(past_session(course, days_ago=3), person))
    revoked = certificate_issue(enrolment=completed(past_session(course, days_ago=30), person))
    certificate_revoke(certificate=revoked, reason="Virhe", revoked_by=None)
    certificate_issue(enrolment=completed(past_session(course, days_ago=3)))  # someone else's
    return old, new, revoked


def test_it_lists_my_certificates_with_their_status_and_urls(client, person, certificates):
    old, new, revoked = certificates
    response = client.get(f"{API}/me/certificates", headers=bearer(person))

    assert response.status_code == 200
    assert response.json()["count"] == 3
    body = {item["code"]: item for item in response.json()["items"]}
    assert set(body) == {old.code, new.code, revoked.code}
    assert {code: item["status"] for code, item in body.items()} == {
        old.code: "expired",
        new.code: "valid",
        revoked.code: "revoked",
    }
    item = body[new.code]
    assert item["course"] == {"id": new.session.course_id, "title": "Lapset puheeksi"}
    assert item["completed_on"] == new.completed_on.isoformat()
    assert item["valid_until"] == new.valid_until.isoformat()
    issued_at = datetime.fromisoformat(item["issued_at"])
    assert abs(issued_at - new.issued_at).total_seconds() < 0.001  # milliseconds in JSON
    assert issued_at.utcoffset() == timezone.localtime(new.issued_at).utcoffset()  # Helsinki time
    assert item["hours"] == 6
    assert item["verification_url"] == f"https://koulutus.example.fi/certificates/verify/{new.code}/"
    assert item["pdf_url"] == f"https://koulutus.example.fi/api/v1/me/certificates/{new.code}.pdf"
    assert body[revoked.code]["pdf_url"] is None


def test_the_pdf_downloads_with_the_same_token(client, person, certificates):
    _old, new, _revoked = certificates
    response = client.get(f"{API}/me/certificates/{new.code}.pdf", headers=bearer(person))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_someone_elses_revoked_unknown_or_malformed_pdf_is_a_json_404(client, person, certificates):
    _old, new, revoked = certificates
    stranger = UserFactory()
    for headers, code in (
        (bearer(stranger), new.code),
        (bearer(person), revoked.code),
        (bearer(person), "ABCDEFGHJKMNPQRS"),
        (bearer(person), "nope"),
    ):
        response = client.get(f"{API}/me/certificates/{code}.pdf", headers=headers)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def test_without_a_token_it_is_401(client, certificates):
    response = client.get(f"{API}/me/certificates")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"
