"""The first notice of a survey round goes out once; after that, at most a daily reminder to those who
have not submitted."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from competencies.errors import CompetenceError
from competencies.models import Assessment, SurveyRound
from competencies.services import survey_round_notify, survey_round_remind
from tests.competencies.helpers import coordinator, login, shown_messages

pytestmark = pytest.mark.django_db


@pytest.fixture
def notified(setting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        survey_round_notify(round=setting.round)
    mail.outbox.clear()
    return setting


def codes_of(action, round) -> str:
    with pytest.raises(CompetenceError) as error:
        action(round=round)
    return error.value.code


class TestService:
    def test_the_notice_is_sent_only_once(self, notified, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            assert codes_of(survey_round_notify, notified.round) == "already_notified"
        assert mail.outbox == []

    def test_a_reminder_goes_to_those_who_have_not_submitted(self, notified, django_capture_on_commit_callbacks):
        Assessment.objects.create(round=notified.round, person=notified.person, status=Assessment.Status.SUBMITTED)
        Assessment.objects.create(round=notified.round, person=notified.colleague, status=Assessment.Status.DRAFT)

        with django_capture_on_commit_callbacks(execute=True):
            count = survey_round_remind(round=notified.round)

        assert count == 2
        assert {message.to[0] for message in mail.outbox} == {notified.colleague.email, notified.manager.email}
        # Each in the recipient's language (the colleague reads Swedish).
        for person in (notified.colleague, notified.manager):
            with translation.override(person.preferred_language):
                reminder = gettext("Reminder: competence survey %(name)s") % {"name": notified.round.name}
            (subject,) = [message.subject for message in mail.outbox if message.to == [person.email]]
            assert subject.endswith(reminder)
        notified.round.refresh_from_db()
        assert notified.round.reminded_at is not None

    def test_a_reminder_is_sent_at_most_once_a_day(self, notified, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            survey_round_remind(round=notified.round)
            assert codes_of(survey_round_remind, notified.round) == "reminded_today"
        assert len(mail.outbox) == 3

        yesterday = timezone.now() - datetime.timedelta(days=1)
        SurveyRound.objects.filter(pk=notified.round.pk).update(reminded_at=yesterday)
        with django_capture_on_commit_callbacks(execute=True):
            assert survey_round_remind(round=notified.round) == 3

    def test_no_reminder_before_the_notice_or_after_closing(self, setting, notified):
        fresh = SurveyRound.objects.get(pk=setting.round.pk)
        SurveyRound.objects.filter(pk=fresh.pk).update(notified_at=None)
        assert codes_of(survey_round_remind, fresh) == "not_notified"

        past = timezone.localdate() - datetime.timedelta(days=1)
        SurveyRound.objects.filter(pk=fresh.pk).update(
            notified_at=timezone.now(), opens_on=past - datetime.timedelta(days=10), closes_on=past
        )
        assert codes_of(survey_round_remind, fresh) == "round_closed"


class TestViews:
    def test_a_second_notice_is_refused_with_a_message(self, client, notified, django_capture_on_commit_callbacks):
        login(client, coordinator())
        address = reverse("competencies:round_notify", args=[notified.round.pk])

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(address, follow=True)

        assert mail.outbox == []
        assert CompetenceError("already_notified").message in shown_messages(response)

    def test_the_page_offers_a_reminder_once_notified(self, client, notified, django_capture_on_commit_callbacks):
        login(client, coordinator())
        detail = reverse("competencies:round_detail", args=[notified.round.pk])
        remind = reverse("competencies:round_remind", args=[notified.round.pk])
        page = client.get(detail).content.decode()
        assert remind in page
        assert reverse("competencies:round_notify", args=[notified.round.pk]) not in page

        assert client.get(remind).status_code == 405
        with django_capture_on_commit_callbacks(execute=True):
            first = client.post(remind, follow=True)
            second = client.post(remind, follow=True)

        assert len(mail.outbox) == 3
        assert CompetenceError("reminded_today").message in shown_messages(second)
        assert first.status_code == second.status_code == 200

    def test_staff_and_managers_cannot_remind(self, client, notified):
        address = reverse("competencies:round_remind", args=[notified.round.pk])
        for user in (notified.person, notified.manager):
            login(client, user)
            assert client.post(address).status_code == 403
        notified.round.refresh_from_db()
        assert notified.round.reminded_at is None
