"""An ended session on the organiser's page: shown as ended, attendance first, and no more seat changes."""

import pytest

from tests.factories import UserFactory, make_session
from tests.training import test_organiser_views as base
from tests.training.test_organiser_views import Status, shown_messages, text, url
from training.errors import TrainingError
from training.models import Enrolment, Session
from training.services import enrolment_cancel, enrolment_create, enrolment_move, session_cancel, session_set_capacity

pytestmark = pytest.mark.django_db
course = base.course
trainer = base.trainer
as_trainer = base.as_trainer

ENDED_MESSAGE = "This session has ended, so its participants and seats no longer change."


@pytest.fixture
def ended(course, trainer):
    session = make_session(course, capacity=2, starts_in_days=-3)
    session.trainers.add(trainer)
    return session


@pytest.fixture
def participant(ended):
    return Enrolment.objects.create(session=ended, person=UserFactory(), status=Status.CONFIRMED)


@pytest.fixture
def later(course, trainer):
    session = make_session(course, starts_in_days=30)
    session.trainers.add(trainer)
    return session


class TestEndedSessionPage:
    @pytest.mark.parametrize("status", [Session.Status.OPEN, Session.Status.COMPLETED])
    def test_it_says_ended_and_leads_with_attendance_certificates_and_feedback(self, as_trainer, ended, status):
        Session.objects.filter(pk=ended.pk).update(status=status)
        page = text(as_trainer.get(url("organiser_session", ended.pk)))
        assert "This session has ended." in page
        order = [page.index(f'id="{heading}"') for heading in ("certificates-heading", "feedback-heading")]
        assert page.index("This session has ended.") < order[0] < order[1] < page.index('id="details-heading"')
        assert page.index('id="attendance') < page.index('id="details-heading"')

    def test_it_offers_no_enrolment_actions(self, as_trainer, ended, participant):
        page = text(as_trainer.get(url("organiser_session", ended.pk)))
        for action in (
            url("organiser_participant_add", ended.pk),
            url("organiser_capacity", ended.pk),
            url("organiser_session_cancel", ended.pk),
            url("organiser_participant_move", ended.pk, participant.pk),
            url("organiser_participant_remove", ended.pk, participant.pk),
        ):
            assert action not in page

    def test_an_upcoming_session_still_offers_them(self, as_trainer, later):
        page = text(as_trainer.get(url("organiser_session", later.pk)))
        assert url("organiser_participant_add", later.pk) in page
        assert "This session has ended." not in page


class TestRefusedAfterTheEnd:
    @pytest.mark.parametrize(
        ("name", "data", "needs_enrolment"),
        [
            ("organiser_participant_add", {"add-email": "someone@example.fi"}, False),
            ("organiser_capacity", {"capacity-capacity": "5"}, False),
            ("organiser_session_cancel", {"cancel-reason": "Sairastuminen"}, False),
            ("organiser_participant_remove", {"remove-reason": ""}, True),
            ("organiser_participant_move", {}, True),
        ],
    )
    def test_the_views_refuse_with_a_clear_message(self, as_trainer, ended, participant, name, data, needs_enrolment):
        UserFactory(email="someone@example.fi")
        address = url(name, ended.pk, participant.pk) if needs_enrolment else url(name, ended.pk)
        response = as_trainer.post(address, data, follow=True)
        assert response.redirect_chain[-1][0] == url("organiser_session", ended.pk)
        assert any(message.startswith(ENDED_MESSAGE) for message in shown_messages(response))
        ended.refresh_from_db()
        participant.refresh_from_db()
        assert (ended.capacity, ended.status, participant.status) == (2, Session.Status.OPEN, Status.CONFIRMED)
        assert ended.enrolments.count() == 1

    def test_the_services_refuse_too(self, ended, participant, later, trainer):
        calls = [
            lambda: enrolment_create(session=ended, person=UserFactory(), by=trainer),
            lambda: session_set_capacity(session=ended, capacity=5, by=trainer),
            lambda: session_cancel(session=ended, reason="Sairastuminen", by=trainer),
            lambda: enrolment_cancel(enrolment=participant, by=trainer),
            lambda: enrolment_move(enrolment=participant, to_session=later, by=trainer),
        ]
        for call in calls:
            with pytest.raises(TrainingError) as refused:
                call()
            assert refused.value.code == "session_ended"

    def test_nobody_is_moved_into_an_ended_session(self, later, ended, trainer):
        enrolment = Enrolment.objects.create(session=later, person=UserFactory(), status=Status.CONFIRMED)
        with pytest.raises(TrainingError) as refused:
            enrolment_move(enrolment=enrolment, to_session=ended, by=trainer)
        assert refused.value.code == "session_ended"

    def test_a_person_who_leaves_still_loses_the_enrolment(self, participant):
        assert enrolment_cancel(enrolment=participant, by=None).status == Status.CANCELLED
