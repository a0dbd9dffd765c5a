"""The certificate pages: public verification, downloads for those entitled, the organiser's pages."""

import io
import re
import zipfile
import zlib
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from tests.factories import UserFactory, make_course
from tests.training.factories_certificates import completed, coordinator, past_session
from training.models import Certificate, CertificateBatch, CertificateIssuing, Enrolment
from training.services.certificates import certificate_issue, certificate_revoke

pytestmark = pytest.mark.django_db


def url(name: str, *args, **kwargs) -> str:
    with translation.override("fi"):
        return reverse(f"training:{name}", args=args, kwargs=kwargs)


def page_count(content: bytes) -> int:
    """The page count of a PDF from its page tree (WeasyPrint compresses it into an object stream)."""
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", content, re.S):
        try:
            data = zlib.decompress(stream.group(1))
        except zlib.error:
            continue
        if found := re.search(rb"/Type /Pages.*?/Count (\d+)", data, re.S):
            return int(found.group(1))
    raise AssertionError("no page tree found")


@pytest.fixture
def course(programme):
    return make_course(programme, "Lapset puheeksi", certificate_validity_months=24)


@pytest.fixture
def trainer():
    return UserFactory(is_trainer=True)


@pytest.fixture
def session(course, trainer):
    session = past_session(course)
    session.trainers.add(trainer)
    return session


@pytest.fixture
def holder():
    return UserFactory(first_name="Aino", last_name="Äijälä", email="aino.aijala@example.fi")


@pytest.fixture
def certificate(session, holder):
    return certificate_issue(enrolment=completed(session, holder))


class TestVerification:
    def test_the_printed_address_answers_with_the_name_course_and_date(self, client, certificate):
        response = client.get(f"/certificates/verify/{certificate.code}/")

        assert response.status_code == 200
        page = response.content.decode()
        assert gettext("This certificate is valid.") in page
        assert "Aino Äijälä" in page
        assert "Lapset puheeksi" in page
        assert response["X-Robots-Tag"].startswith("noindex")

    def test_it_shows_nothing_else_about_the_person(self, client, certificate, holder):
        page = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
        main = page.split("<main", 1)[1].split("</main>", 1)[0]
        for private in (holder.email, holder.unit.name, holder.unit.organisation.name, str(certificate.hours)):
            assert private not in main

    def test_the_swedish_page_answers_too(self, client, certificate):
        with translation.override("sv"):
            address = reverse("training:certificate_verify", kwargs={"code": certificate.code})
        assert address.startswith("/sv/")
        assert client.get(address).status_code == 200

    def test_a_revoked_certificate_says_so_without_the_reason(self, client, certificate):
        certificate_revoke(certificate=certificate, reason="Väärä henkilö", revoked_by=None)
        page = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
        assert gettext("This certificate has been revoked and is no longer valid.") in page
        assert "Väärä henkilö" not in page

    def test_an_expired_certificate_says_so(self, client, certificate):
        Certificate.objects.filter(pk=certificate.pk).update(valid_until=timezone.localdate() - timedelta(days=1))
        page = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
        assert gettext("This certificate has expired.") in page

    @pytest.mark.parametrize("days", [400, -1])
    def test_a_certificate_that_expires_shows_until_when_it_is_valid(self, client, certificate, days):
        valid_until = timezone.localdate() + timedelta(days=days)
        Certificate.objects.filter(pk=certificate.pk).update(valid_until=valid_until)
        page = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
        assert f"<dt>{gettext('Valid until')}</dt><dd>{date_format(valid_until, 'DATE_FORMAT')}</dd>" in page

    def test_a_revoked_certificate_shows_no_validity(self, client, certificate):
        certificate_revoke(certificate=certificate, reason="Väärä henkilö", revoked_by=None)
        page = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
        assert gettext("Valid until") not in page

    @pytest.mark.parametrize(
        "code",
        [
            "ABCDEFGHJKMNPQRS",
            "ABC",
            "ABCDEFGHJKMNPQR0",
            "A" * 300,
            "ÄÖÅ-%20<script>",
            "ABCDEFGHJKMNPQRS%00",
            "%2e%2e",
        ],
    )
    def test_an_unknown_or_malformed_code_is_a_friendly_404(self, client, code):
        response = client.get(f"/certificates/verify/{code}/")
        assert response.status_code == 404
        assert gettext("Certificate not found") in response.content.decode()

    @pytest.mark.parametrize("typed", ["{lower}", "{lower4}-{rest}", "{lower4}%20{rest}", "{lower4}%20-%20{rest}"])
    def test_a_code_in_the_address_as_typed_from_paper_redirects_to_the_normalised_one(
        self, client, certificate, typed
    ):
        code = certificate.code
        typed = typed.format(lower=code.lower(), lower4=code[:4].lower(), rest=code[4:])
        response = client.get(f"/certificates/verify/{typed}/")
        assert response.status_code == 301
        assert response["Location"] == f"/certificates/verify/{code}/"
        assert client.get(response["Location"]).context["state"] == "valid"

    def test_the_redirect_keeps_the_language(self, client, certificate):
        response = client.get(f"/en/certificates/verify/{certificate.code.lower()}/")
        assert (response.status_code, response["Location"]) == (301, f"/en/certificates/verify/{certificate.code}/")

    def test_an_unknown_code_in_small_letters_redirects_and_then_is_a_friendly_404(self, client):
        response = client.get("/certificates/verify/abcdefghjkmnpqrs/", follow=True)
        assert response.redirect_chain == [("/certificates/verify/ABCDEFGHJKMNPQRS/", 301)]
        assert response.status_code == 404

    def test_the_form_takes_a_code_typed_from_paper(self, client, certificate):
        typed = f"{certificate.code[:4].lower()} {certificate.code[4:8]}-{certificate.code[8:]}"
        response = client.get(url("certificate_verify_form"), {"code": typed})
        assert response.status_code == 302
        assert response["Location"] == f"/certificates/verify/{certificate.code}/"

    def test_the_form_redisplays_a_malformed_code_with_the_error(self, client):
        response = client.get(url("certificate_verify_form"), {"code": "12-oops"})
        assert response.status_code == 200
        page = response.content.decode()
        assert 'value="12-oops"' in page
        assert 'role="alert"' in page

    def test_the_empty_form(self, client):
        assert client.get("/certificates/verify/").status_code == 200


class TestDownload:
    def test_the_holder_downloads_the_pdf(self, client, certificate, holder):
        client.force_login(holder)
        response = client.get(f"/certificates/{certificate.code}.pdf")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert response["Cache-Control"] == "private, no-store"

    def test_the_sessions_trainer_and_a_coordinator_download_it(self, client, certificate, trainer):
        for user in (trainer, coordinator()):
            client.force_login(user)
            assert client.get(f"/certificates/{certificate.code}.pdf").status_code == 200

    def test_someone_elses_certificate_is_404(self, client, certificate, course):
        other_trainer = UserFactory(is_trainer=True)
        past_session(course, days_ago=40).trainers.add(other_trainer)
        for user in (UserFactory(), other_trainer):
            client.force_login(user)
            assert client.get(f"/certificates/{certificate.code}.pdf").status_code == 404

    def test_signing_in_comes_first(self, client, certificate):
        response = client.get(f"/certificates/{certificate.code}.pdf")
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]

    def test_a_revoked_or_malformed_one_is_404(self, client, certificate, holder):
        client.force_login(holder)
        certificate_revoke(certificate=certificate, reason="Virhe", revoked_by=None)
        assert client.get(f"/certificates/{certificate.code}.pdf").status_code == 404
        assert client.get("/certificates/nope.pdf").status_code == 404


class TestMyTrainings:
    def test_it_links_the_certificate_and_the_transcript(self, client, certificate, holder):
        client.force_login(holder)
        page = client.get(url("my_trainings")).content.decode()
        assert url("certificate_pdf", code=certificate.code) in page
        assert url("transcript_pdf") in page
        assert url("transcript_csv") in page

    def test_the_query_count_stays_the_same_with_more_certificates(self, client, holder, course):
        client.force_login(holder)

        def count() -> int:
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as queries:
                assert client.get(url("my_trainings")).status_code == 200
            return len(queries)

        certificate_issue(enrolment=completed(past_session(course, days_ago=5), holder))
        count()  # the first request of a session fills caches
        few = count()
        for days_ago in range(20, 80, 10):
            certificate_issue(enrolment=completed(past_session(course, days_ago=days_ago), holder))
        assert count() == few


class TestOrganiserIssue:
    @pytest.fixture
    def course(self, programme):
        return make_course(programme, "MARAK", certificate_issuing=CertificateIssuing.ORGANISER)

    def test_the_session_page_offers_to_issue(self, client, session, trainer):
        completed(session)
        client.force_login(trainer)
        page = client.get(url("organiser_session", session.pk)).content.decode()
        assert url("organiser_certificates_issue", session.pk) in page

    def test_get_asks_and_post_issues(self, client, session, trainer):
        people = [completed(session).person for _ in range(2)]
        completed(session, outcome=Enrolment.Outcome.NO_SHOW)
        client.force_login(trainer)

        page = client.get(url("organiser_certificates_issue", session.pk)).content.decode()
        assert all(str(person) in page for person in people)
        assert not Certificate.objects.exists()

        response = client.post(url("organiser_certificates_issue", session.pk))
        assert response.status_code == 302
        assert set(Certificate.objects.values_list("person", flat=True)) == {person.pk for person in people}
        assert all(c.issued_by == trainer for c in Certificate.objects.all())

    def test_other_people_cannot_issue(self, client, session, course):
        completed(session)
        other_trainer = UserFactory(is_trainer=True)
        past_session(course, days_ago=40).trainers.add(other_trainer)
        for user in (UserFactory(), other_trainer):
            client.force_login(user)
            assert client.post(url("organiser_certificates_issue", session.pk)).status_code == 404
        assert not Certificate.objects.exists()

    def test_the_session_page_keeps_its_query_count(self, client, session, trainer):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.force_login(trainer)

        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url("organiser_session", session.pk)).status_code == 200
            return len(queries)

        certificate_issue(enrolment=completed(session))
        completed(session)
        count()  # the first request of a session fills caches
        few = count()
        for _ in range(8):
            certificate_issue(enrolment=completed(session))
            completed(session)
        assert count() == few


class TestRevokePage:
    def test_a_reason_is_required_and_the_form_redisplays(self, client, session, trainer, certificate):
        client.force_login(trainer)
        address = url("organiser_certificate_revoke", session.pk, certificate.pk)
        assert client.get(address).status_code == 200

        response = client.post(address, {"revoke-reason": "  "})
        assert response.status_code == 200
        assert gettext("Give a reason for revoking the certificate.") in response.content.decode()
        certificate.refresh_from_db()
        assert not certificate.is_revoked

        response = client.post(address, {"revoke-reason": "Ei suorittanut"})
        assert response.status_code == 302
        certificate.refresh_from_db()
        assert (certificate.is_revoked, certificate.revocation_reason, certificate.revoked_by) == (
            True,
            "Ei suorittanut",
            trainer,
        )

    def test_other_people_cannot_revoke(self, client, session, certificate):
        client.force_login(certificate.person)
        address = url("organiser_certificate_revoke", session.pk, certificate.pk)
        assert client.post(address, {"revoke-reason": "x"}).status_code == 404
        certificate.refresh_from_db()
        assert not certificate.is_revoked


class TestBatch:
    @pytest.fixture
    def certificates(self, session):
        issued = [certificate_issue(enrolment=completed(session)) for _ in range(3)]
        certificate_revoke(certificate=issued[0], reason="Virhe", revoked_by=None)
        return issued

    def create(self, client, session, fmt, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url("organiser_certificate_batch_create", session.pk), {"batch-format": fmt})
        assert response.status_code == 302
        return CertificateBatch.objects.get(session=session, format=fmt), response["Location"]

    def test_a_zip_of_the_valid_certificates(
        self, client, session, trainer, certificates, django_capture_on_commit_callbacks
    ):
        client.force_login(trainer)
        batch, location = self.create(client, session, "zip", django_capture_on_commit_callbacks)

        assert (batch.status, batch.done, batch.total) == ("done", 2, 2)
        page = client.get(location)
        assert "Refresh" not in page
        download = url("organiser_certificate_batch_download", session.pk, batch.pk)
        assert download in page.content.decode()
        response = client.get(download)
        archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
        names = archive.namelist()
        assert len(names) == 2
        assert all(name.endswith(".pdf") and archive.read(name).startswith(b"%PDF") for name in names)
        assert certificates[0].code not in "".join(names)
        # Each certificate's PDF was stored on the way, to be reused
        assert all(Certificate.objects.get(pk=c.pk).pdf for c in certificates[1:])

    def test_one_pdf_for_printing(self, client, session, trainer, certificates, django_capture_on_commit_callbacks):
        client.force_login(trainer)
        batch, _location = self.create(client, session, "pdf", django_capture_on_commit_callbacks)
        response = client.get(url("organiser_certificate_batch_download", session.pk, batch.pk))
        content = b"".join(response.streaming_content)
        assert content.startswith(b"%PDF")
        assert page_count(content) == batch.done == batch.total == 2

    def test_the_progress_page_refreshes_itself_while_running(self, client, session, trainer):
        batch = CertificateBatch.objects.create(session=session, format="pdf", total=10, done=4, status="running")
        client.force_login(trainer)
        response = client.get(url("organiser_certificate_batch", session.pk, batch.pk))
        assert response["Refresh"] == "2"
        page = response.content.decode()
        assert '<progress id="batch-progress" max="10" value="4">' in page
        assert "<script" not in page.split("<main", 1)[1]
        assert client.get(url("organiser_certificate_batch_download", session.pk, batch.pk)).status_code == 404

    def test_a_batch_whose_worker_stopped_shows_as_failed_and_can_be_asked_for_again(self, client, session, trainer):
        batch = CertificateBatch.objects.create(session=session, format="zip", total=10, done=4, status="running")
        CertificateBatch.objects.filter(pk=batch.pk).update(created_at=timezone.now() - timedelta(hours=1))
        client.force_login(trainer)
        response = client.get(url("organiser_certificate_batch", session.pk, batch.pk))
        assert "Refresh" not in response
        page = response.content.decode()
        assert gettext("Preparing the file failed. Try again; if it fails again, tell the administrator.") in page
        assert url("organiser_certificate_batch_create", session.pk) in page

    def test_other_people_see_no_batch(self, client, session, certificates):
        batch = CertificateBatch.objects.create(session=session, format="pdf", status="done")
        client.force_login(certificates[1].person)
        assert client.get(url("organiser_certificate_batch", session.pk, batch.pk)).status_code == 404
        assert (
            client.post(url("organiser_certificate_batch_create", session.pk), {"batch-format": "zip"}).status_code
            == 404
        )
