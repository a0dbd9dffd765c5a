"""Issuing and revoking certificates, the automatic issuing on completion, and the stored PDF."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError
from wagtail.models import Locale

from core.private_files import private_storage
from tests.factories import UserFactory, make_course
from tests.training.factories_certificates import completed, past_session
from training.errors import TrainingError
from training.models import Certificate, CertificateIssuing, Enrolment
from training.services.certificates import (
    add_months,
    certificate_issue,
    certificate_pdf_get,
    certificate_revoke,
    certificates_issue_for_session,
)
from training.signals import enrolments_completed

pytestmark = pytest.mark.django_db
Outcome = Enrolment.Outcome


@pytest.fixture
def course(programme):
    return make_course(programme, "Lapset puheeksi", duration_hours=Decimal("12"), certificate_validity_months=36)


@pytest.fixture
def session(course):
    return past_session(course, days=2)


def translate(page, title: str, language: str = "sv"):
    locale = Locale.objects.get_or_create(language_code=language)[0]
    translated = page.copy_for_translation(locale, copy_parents=True)
    translated.title = title
    translated.save_revision().publish()
    return translated


class TestIssue:
    def test_it_copies_what_the_certificate_states(self, session, course):
        person = UserFactory(first_name="Aino", last_name="Äijälä")
        enrolment = completed(session, person)

        certificate = certificate_issue(enrolment=enrolment)

        assert certificate.person == person
        assert certificate.session == session
        assert certificate.holder_name == "Aino Äijälä"
        assert certificate.course_title == "Lapset puheeksi"
        assert certificate.completed_on == enrolment.completed_on
        assert certificate.hours == Decimal("12")
        assert certificate.valid_until == add_months(enrolment.completed_on, 36)
        assert certificate.language == "fi"
        assert not certificate.pdf  # never rendered while issuing

    def test_the_course_title_is_in_the_holders_language(self, session, course):
        translate(course, "Barn i fokus")
        certificate = certificate_issue(enrolment=completed(session, UserFactory(preferred_language="sv")))
        assert (certificate.language, certificate.course_title) == ("sv", "Barn i fokus")

    def test_without_a_translation_the_title_stays_the_original(self, session):
        certificate = certificate_issue(enrolment=completed(session, UserFactory(preferred_language="en")))
        assert (certificate.language, certificate.course_title) == ("en", "Lapset puheeksi")

    def test_a_course_without_hours_states_the_hours_attended(self, programme):
        course = make_course(programme, "Työpaja", duration_hours=0)
        certificate = certificate_issue(enrolment=completed(past_session(course), minutes=275))
        assert certificate.hours == Decimal("4.6")

    def test_without_validity_it_does_not_expire(self, programme):
        course = make_course(programme, "Seminaari", certificate_validity_months=None)
        certificate = certificate_issue(enrolment=completed(past_session(course)))
        assert certificate.valid_until is None
        assert not certificate.is_expired()

    def test_issuing_twice_returns_the_same_certificate(self, session):
        enrolment = completed(session)
        first = certificate_issue(enrolment=enrolment)
        assert certificate_issue(enrolment=enrolment) == first
        assert Certificate.objects.count() == 1

    def test_the_database_allows_one_certificate_per_enrolment(self, session):
        certificate = certificate_issue(enrolment=completed(session))
        with pytest.raises(IntegrityError):
            Certificate.objects.create(
                enrolment=certificate.enrolment,
                person=certificate.person,
                session=session,
                holder_name="x",
                course_title="y",
                completed_on=date.today(),
            )

    @pytest.mark.parametrize("outcome", ["", Outcome.INCOMPLETE, Outcome.NO_SHOW])
    def test_someone_who_did_not_complete_gets_none(self, session, outcome):
        with pytest.raises(TrainingError) as error:
            certificate_issue(enrolment=completed(session, outcome=outcome))
        assert error.value.code == "not_completed"
        assert not Certificate.objects.exists()

    def test_a_course_without_certificates_issues_none(self, programme):
        course = make_course(programme, "Info", issues_certificate=False)
        with pytest.raises(TrainingError) as error:
            certificate_issue(enrolment=completed(past_session(course)))
        assert error.value.code == "no_certificate"

    def test_months_are_calendar_months(self):
        assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
        assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
        assert add_months(date(2025, 11, 15), 3) == date(2026, 2, 15)


class TestIssuedOnCompletion:
    def test_an_automatic_course_issues_when_the_completion_is_signalled(self, session):
        enrolment = completed(session)
        enrolments_completed.send(sender=Enrolment, session=enrolment.session, enrolments=[enrolment])
        assert Certificate.objects.filter(enrolment=enrolment).exists()

    def test_a_course_issued_by_the_organiser_waits_for_them(self, programme):
        course = make_course(programme, "MARAK", certificate_issuing=CertificateIssuing.ORGANISER)
        enrolment = completed(past_session(course))
        enrolments_completed.send(sender=Enrolment, session=enrolment.session, enrolments=[enrolment])
        assert not Certificate.objects.exists()

    def test_a_course_without_certificates_issues_none(self, programme):
        course = make_course(programme, "Info", issues_certificate=False)
        enrolment = completed(past_session(course))
        enrolments_completed.send(sender=Enrolment, session=enrolment.session, enrolments=[enrolment])
        assert not Certificate.objects.exists()


class TestIssueForSession:
    def test_it_issues_to_everyone_completed_without_one(self, session):
        done = [completed(session) for _ in range(3)]
        completed(session, outcome=Outcome.INCOMPLETE)
        certificate_issue(enrolment=done[0])
        organiser = UserFactory()

        issued = certificates_issue_for_session(session=session, issued_by=organiser)

        assert {certificate.enrolment for certificate in issued} == set(done[1:])
        assert all(certificate.issued_by == organiser for certificate in issued)
        assert Certificate.objects.count() == 3


class TestRevoke:
    def test_it_needs_a_reason(self, session):
        certificate = certificate_issue(enrolment=completed(session))
        for reason in ("", "   "):
            with pytest.raises(TrainingError) as error:
                certificate_revoke(certificate=certificate, reason=reason, revoked_by=UserFactory())
            assert error.value.code == "reason_required"
        certificate.refresh_from_db()
        assert not certificate.is_revoked

    def test_it_keeps_the_reason_and_deletes_the_stored_pdf(self, session, django_capture_on_commit_callbacks):
        certificate = certificate_issue(enrolment=completed(session))
        certificate_pdf_get(certificate=certificate)
        certificate.refresh_from_db()
        stored = certificate.pdf.name
        assert private_storage().exists(stored)
        organiser = UserFactory()

        with django_capture_on_commit_callbacks(execute=True):
            certificate_revoke(certificate=certificate, reason="Ei osallistunut", revoked_by=organiser)

        certificate.refresh_from_db()
        assert certificate.is_revoked
        assert (certificate.revocation_reason, certificate.revoked_by) == ("Ei osallistunut", organiser)
        assert not certificate.pdf
        assert not private_storage().exists(stored)

    def test_a_revoked_certificate_has_no_pdf_and_cannot_be_revoked_again(self, session):
        certificate = certificate_issue(enrolment=completed(session))
        certificate_revoke(certificate=certificate, reason="Virhe", revoked_by=None)
        for call in (
            lambda: certificate_pdf_get(certificate=certificate),
            lambda: certificate_revoke(certificate=certificate, reason="Taas", revoked_by=None),
        ):
            with pytest.raises(TrainingError) as error:
                call()
            assert error.value.code == "certificate_revoked"


class TestStoredPdf:
    def test_the_first_download_renders_and_stores_later_ones_reuse_it(self, session, monkeypatch):
        from training.services import certificates as service

        certificate = certificate_issue(enrolment=completed(session))
        renders = []
        original = service.certificate_pdf_render
        monkeypatch.setattr(service, "certificate_pdf_render", lambda items: renders.append(1) or original(items))

        first = certificate_pdf_get(certificate=certificate)
        certificate.refresh_from_db()
        second = certificate_pdf_get(certificate=certificate)

        assert first.startswith(b"%PDF")
        assert second == first
        assert len(renders) == 1
        # Kept in the private storage under a random name that says nothing of the holder or the code.
        assert certificate.pdf.storage is private_storage()
        assert certificate.pdf.name.startswith("certificates/") and certificate.pdf.name.endswith(".pdf")
        assert certificate.code not in certificate.pdf.name

    def test_a_lost_file_is_rendered_again(self, session):
        certificate = certificate_issue(enrolment=completed(session))
        certificate_pdf_get(certificate=certificate)
        certificate.refresh_from_db()
        private_storage().delete(certificate.pdf.name)
        assert certificate_pdf_get(certificate=certificate).startswith(b"%PDF")


class TestDemo:
    def test_the_organiser_issues_all_but_the_latest_session_and_reruns_change_nothing(self, programme):
        from training.demo.certificates import build_certificates

        course = make_course(programme, "MARAK", certificate_issuing=CertificateIssuing.ORGANISER)
        older, latest = past_session(course, days_ago=60), past_session(course, days_ago=10)
        done = [completed(older) for _ in range(3)]
        waiting = completed(latest)
        completed(older, outcome=Outcome.NO_SHOW)

        assert build_certificates().issued == 3
        assert build_certificates().issued == 0
        assert set(Certificate.objects.values_list("enrolment", flat=True)) == {e.pk for e in done}
        assert not Certificate.objects.filter(enrolment=waiting).exists()
