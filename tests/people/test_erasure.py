"""Erasure (people.services.erasure): personal data gone, certificates verifiable, every figure the same."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import APIToken

from competencies.models import Evidence
from core.private_files import private_storage
from people.models import User
from people.services.erasure import is_erased, people_erase_inactive, person_erase
from reporting.services.participations import participations_rebuild
from tests.factories import UserFactory, enrol, make_course, make_session
from tests.people.figures import all_figures
from tests.reporting.factories_statistics import build_world
from tests.training.factories_feedback import answer
from training.models import Certificate, Enrolment, FeedbackReceipt

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


@pytest.fixture
def world(programme):
    world = build_world(programme)
    # Feedback from the five of unit B (enough answers for results per session) and one of unit A.
    for enrolment in Enrolment.objects.filter(
        session=world.intro_session, person__unit__in=[world.unit_b, world.unit_a]
    ):
        if enrolment.outcome == Enrolment.Outcome.COMPLETED:
            answer(enrolment)
    return world


def erasable(world) -> User:
    """Of unit A: completed the introduction (certificate, feedback), has evidence, a token and a future seat."""
    person = world.people["a"][0]
    assert Certificate.objects.filter(person=person).exists()
    assert FeedbackReceipt.objects.filter(person=person).exists()
    Evidence.objects.create(
        person=person, kind="external", title="MIELI", achieved_on=datetime.date(2025, 5, 20),
        file=ContentFile(b"%PDF-1.4 evidence", name="todistus.pdf"),
    )  # fmt: skip
    APIToken.create_token(user=person, name="Kalenteri")
    return person


def test_erasure_keeps_every_figure_and_removes_the_person(world, programme):
    person = erasable(world)
    session = make_session(make_course(programme, "Neuvokas perhe"), capacity=1)
    enrol(session, person)
    next_in_line = enrol(session)
    evidence_file = Evidence.objects.get(person=person).file.name
    certificate = Certificate.objects.get(person=person)
    certificate.pdf.save("todistus.pdf", ContentFile(b"%PDF name"), save=True)
    pdf_name = certificate.pdf.name
    assert private_storage().exists(evidence_file) and private_storage().exists(pdf_name)
    past_figures = all_figures(date_to=timezone.localdate())

    person_erase(person=person)

    person.refresh_from_db()
    assert is_erased(person)
    assert (person.first_name, person.last_name, person.is_active, person.has_usable_password()) == (
        "",
        "",
        False,
        False,
    )
    assert not Evidence.objects.filter(person=person).exists()
    assert not private_storage().exists(evidence_file)
    assert not private_storage().exists(pdf_name)
    assert not APIToken.objects.filter(user=person).exists()
    next_in_line.refresh_from_db()
    assert next_in_line.status == Enrolment.Status.CONFIRMED
    certificate.refresh_from_db()
    assert (certificate.holder_name, certificate.revoked_at) == ("", None)
    assert all_figures(date_to=timezone.localdate()) == past_figures
    participations_rebuild()
    assert all_figures(date_to=timezone.localdate()) == past_figures


def test_the_verification_page_says_issued_and_the_holder_erased(world, client):
    person = erasable(world)
    certificate = Certificate.objects.get(person=person)
    name = certificate.holder_name

    person_erase(person=person)

    response = client.get(reverse("training:certificate_verify", args=[certificate.code]))
    assert response.status_code == 200
    text = response.content.decode()
    assert name not in text
    assert "Myönnetty; haltijan henkilötiedot on poistettu." in text
    assert certificate.course_title in text


def test_the_command_erases_and_the_person_cannot_sign_in(world, client):
    person = erasable(world)
    email = person.email

    call_command("erase_person", email.upper())

    assert not User.objects.filter(email=email).exists()
    client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_erasing_twice_changes_nothing():
    person = UserFactory()
    person_erase(person=person)
    assert person_erase(person=person) == {}


def test_the_admin_delete_erases_a_certificate_holder_without_a_server_error(world, admin_client):
    person = erasable(world)
    past_figures = all_figures()

    response = admin_client.post(reverse("wagtailusers_users:delete", args=[person.pk]))

    assert response.status_code == 302
    person.refresh_from_db()
    assert is_erased(person)
    assert all_figures() == past_figures


def test_the_admin_bulk_delete_erases_too(world, admin_client):
    person = erasable(world)
    url = reverse("wagtail_bulk_action", args=("people", "user", "delete"))

    response = admin_client.post(f"{url}?id={person.pk}", {"next": "/admin/users/"})

    assert response.status_code == 302
    person.refresh_from_db()
    assert is_erased(person)


class TestRetention:
    def test_people_deactivated_and_inactive_longer_than_the_period_are_erased(self, caplog):
        long_ago = timezone.now() - datetime.timedelta(days=800)
        gone = UserFactory(is_active=False, last_login=long_ago, date_joined=long_ago)
        recent = UserFactory(
            is_active=False, last_login=timezone.now() - datetime.timedelta(days=30), date_joined=long_ago
        )
        active = UserFactory(last_login=long_ago, date_joined=long_ago)

        with caplog.at_level("INFO", logger="people.services.erasure"):
            totals = people_erase_inactive()

        assert totals["people"] == 1
        assert [is_erased(User.objects.get(pk=p.pk)) for p in (gone, recent, active)] == [True, False, False]
        [record] = caplog.records
        assert record.getMessage().startswith("Erased 1 people inactive since before ")
        assert gone.email not in caplog.text and gone.last_name not in caplog.text
        assert set(record.erased) >= {"people", "enrolments", "email_addresses"}

    def test_the_period_is_a_setting(self, settings):
        settings.PERSONAL_DATA_RETENTION_MONTHS = 1
        person = UserFactory(is_active=False, date_joined=timezone.now() - datetime.timedelta(days=40))
        call_command("erase_inactive_people")
        assert is_erased(User.objects.get(pk=person.pk))

    def test_the_scheduler_runs_the_retention_rule(self):
        from training.management.commands.run_schedule import JOBS

        assert "erase_inactive_people" in JOBS


def test_the_admin_delete_page_of_a_certificate_holder_offers_the_erasure(world, admin_client):
    person = erasable(world)

    response = admin_client.get(reverse("wagtailusers_users:delete", args=[person.pk]))

    assert response.status_code == 200
    assert "Poistetaanko tämän henkilön tiedot?" in response.content.decode()


def test_the_admin_bulk_erase_asks_first_even_for_a_certificate_holder(world, admin_client):
    person = erasable(world)
    url = reverse("wagtail_bulk_action", args=("people", "user", "delete"))

    response = admin_client.get(f"{url}?id={person.pk}")

    assert response.status_code == 200
    assert "Kyllä, poista tiedot" in response.content.decode()
