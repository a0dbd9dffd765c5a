"""Coordinators open survey rounds for units (and the units below) and professional groups."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from competencies.errors import CompetenceError
from competencies.models import Assessment, FrameworkVersion, SurveyRound
from competencies.selectors import open_rounds_for, round_targets, rounds_with_progress
from competencies.services import survey_round_create, survey_round_notify
from tests.competencies.factories import make_framework, make_round, make_setting
from tests.competencies.helpers import coordinator, login, queries_for, text
from tests.factories import OrgUnitFactory, ProfessionalGroupFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def create(data, **kwargs):
    values = {
        "name_fi": "Syksy",
        "version": data.version,
        "opens_on": TODAY,
        "closes_on": TODAY + datetime.timedelta(days=20),
        "target_units": kwargs.pop("target_units"),
    }
    return survey_round_create(**{**values, **kwargs})


class TestCreate:
    def test_a_round_on_a_published_version_keeps_its_targets(self, setting):
        survey = create(setting.data, target_units=[setting.area], target_groups=[setting.data.group])
        assert survey.version == setting.data.version
        assert list(survey.target_units.all()) == [setting.area]
        assert list(survey.target_groups.all()) == [setting.data.group]

    @pytest.mark.parametrize("status", [FrameworkVersion.Status.DRAFT, FrameworkVersion.Status.RETIRED])
    def test_a_draft_or_retired_version_is_refused(self, status):
        data = make_framework(status=status)
        unit = OrgUnitFactory()
        with pytest.raises(CompetenceError) as error:
            create(data, target_units=[unit])
        assert error.value.code == "version_not_published"
        assert not SurveyRound.objects.exists()

    def test_closing_before_opening_is_refused(self, setting):
        with pytest.raises(CompetenceError) as error:
            create(setting.data, target_units=[setting.area], closes_on=TODAY - datetime.timedelta(days=1))
        assert error.value.code == "dates_invalid"

    def test_a_round_without_target_units_is_refused(self, setting):
        with pytest.raises(CompetenceError) as error:
            create(setting.data, target_units=[])
        assert error.value.code == "targets_missing"


class TestTargets:
    def test_a_unit_includes_the_units_below_it_and_only_the_target_groups(self, setting):
        other_group = UserFactory(unit=setting.unit)  # another professional group
        nobody = UserFactory(unit=setting.unit, professional_group=None)
        targets = set(round_targets(setting.round))
        assert {setting.person, setting.colleague, setting.manager} <= targets
        assert setting.outsider not in targets
        assert other_group not in targets
        assert nobody not in targets

    def test_no_target_groups_means_every_group(self, setting):
        setting.round.target_groups.clear()
        someone = UserFactory(unit=setting.unit)
        assert someone in set(round_targets(setting.round))

    def test_open_rounds_for_a_person_are_the_open_ones_that_target_them(self, setting):
        closed = make_round(setting.data, units=[setting.county], opens_in_days=-60, length_days=10)
        future = make_round(setting.data, units=[setting.county], opens_in_days=5)
        elsewhere = make_round(setting.data, units=[setting.other_unit])
        mine = list(open_rounds_for(setting.person, TODAY))
        assert mine == [setting.round]
        assert setting.round not in open_rounds_for(setting.outsider, TODAY)
        assert elsewhere in open_rounds_for(setting.outsider, TODAY)
        assert closed not in mine and future not in mine

    def test_open_rounds_carry_the_persons_own_status(self, setting):
        Assessment.objects.create(round=setting.round, person=setting.person, status=Assessment.Status.SUBMITTED)
        [survey] = open_rounds_for(setting.person, TODAY)
        assert survey.my_status == "submitted"
        [survey] = open_rounds_for(setting.colleague, TODAY)
        assert survey.my_status is None


class TestNotify:
    def test_every_targeted_person_gets_an_email_in_their_language(self, setting, django_capture_on_commit_callbacks):
        setting.round.name_sv = "Kompetenskartläggning"
        setting.round.save()
        with django_capture_on_commit_callbacks(execute=True):
            count = survey_round_notify(round=setting.round)
        assert count == 3
        recipients = {message.to[0]: message for message in mail.outbox}
        assert set(recipients) == {setting.person.email, setting.colleague.email, setting.manager.email}
        finnish, swedish = recipients[setting.person.email], recipients[setting.colleague.email]
        assert "Osaamiskartoitus" in finnish.subject
        assert "Kompetenskartläggning" in swedish.subject
        with translation.override("sv"):
            assert reverse("competencies:assessment", args=[setting.round.pk]) in swedish.body
        assert f"/competences/assessments/{setting.round.pk}/" in finnish.body
        setting.round.refresh_from_db()
        assert setting.round.notified_at is not None

    def test_nothing_is_sent_before_the_transaction_commits(self, setting, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            survey_round_notify(round=setting.round)
        assert mail.outbox == []
        assert len(callbacks) == 1


class TestProgress:
    def test_progress_counts_targeted_drafts_and_submitted(self, setting):
        Assessment.objects.create(round=setting.round, person=setting.person, status=Assessment.Status.SUBMITTED)
        Assessment.objects.create(round=setting.round, person=setting.colleague)
        [progress] = rounds_with_progress()
        assert (progress.targeted, progress.drafts, progress.submitted, progress.not_started) == (3, 1, 1, 1)


class TestPages:
    def test_staff_and_managers_cannot_see_the_rounds(self, client, setting):
        for user in (setting.person, setting.manager):
            login(client, user)
            assert client.get(reverse("competencies:rounds")).status_code == 403
            assert client.get(reverse("competencies:round_create")).status_code == 403
            assert client.get(reverse("competencies:round_detail", args=[setting.round.pk])).status_code == 403

    def test_signed_out_people_are_sent_to_sign_in(self, client, setting):
        response = client.get(reverse("competencies:rounds"))
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]

    def test_the_coordinator_sees_the_progress(self, client, setting):
        Assessment.objects.create(round=setting.round, person=setting.person, status=Assessment.Status.SUBMITTED)
        login(client, coordinator())
        response = client.get(reverse("competencies:rounds"))
        assert response.status_code == 200
        [progress] = response.context["progress"]
        assert (progress.targeted, progress.submitted) == (3, 1)
        assert "Osaamiskartoitus" in text(response)
        detail = client.get(reverse("competencies:round_detail", args=[setting.round.pk]))
        assert detail.status_code == 200
        assert setting.area.name in text(detail)

    def test_the_list_needs_the_same_queries_for_more_rounds_and_people(self, client, setting):
        login(client, coordinator())
        address = reverse("competencies:rounds")
        few = queries_for(client, address)
        for index in range(4):
            group = ProfessionalGroupFactory()
            unit = OrgUnitFactory(parent=setting.area, organisation=setting.area.organisation)
            UserFactory.create_batch(3, unit=unit, professional_group=group)
            survey = make_round(setting.data, units=[unit, setting.other_unit], groups=[group], name=f"Kierros {index}")
            Assessment.objects.create(round=survey, person=setting.person)
        assert queries_for(client, address) == few
        assert len(rounds_with_progress()) == 5

    def test_the_coordinator_opens_a_round_and_the_staff_are_notified(
        self, client, setting, django_capture_on_commit_callbacks
    ):
        login(client, coordinator())
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("competencies:round_create"),
                {
                    "name_fi": "Kevät 2026",
                    "version": setting.data.version.pk,
                    "opens_on": TODAY.isoformat(),
                    "closes_on": (TODAY + datetime.timedelta(days=14)).isoformat(),
                    "target_units": [setting.area.pk],
                    "target_groups": [setting.data.group.pk],
                    "notify": "on",
                },
            )
        survey = SurveyRound.objects.get(name_fi="Kevät 2026")
        assert response.status_code == 302
        assert response["Location"] == reverse("competencies:round_detail", args=[survey.pk])
        assert survey.notified_at is not None
        assert len(mail.outbox) == 3

    def test_bad_dates_redisplay_the_form_with_the_input(self, client, setting):
        login(client, coordinator())
        response = client.post(
            reverse("competencies:round_create"),
            {
                "name_fi": "Väärin päin",
                "version": setting.data.version.pk,
                "opens_on": TODAY.isoformat(),
                "closes_on": (TODAY - datetime.timedelta(days=1)).isoformat(),
                "target_units": [setting.area.pk],
            },
        )
        assert response.status_code == 400
        assert response.context["form"].errors["closes_on"] == [CompetenceError("dates_invalid").message]
        assert 'value="Väärin päin"' in text(response)
        assert not SurveyRound.objects.filter(name_fi="Väärin päin").exists()

    def test_a_draft_version_cannot_be_chosen(self, client, setting):
        draft = make_framework(status=FrameworkVersion.Status.DRAFT)
        login(client, coordinator())
        response = client.post(
            reverse("competencies:round_create"),
            {
                "name_fi": "Luonnos",
                "version": draft.version.pk,
                "opens_on": TODAY.isoformat(),
                "closes_on": TODAY.isoformat(),
                "target_units": [setting.area.pk],
            },
        )
        assert response.status_code == 400
        assert "version" in response.context["form"].errors

    def test_notify_is_post_only(self, client, setting, django_capture_on_commit_callbacks):
        login(client, coordinator())
        address = reverse("competencies:round_notify", args=[setting.round.pk])
        assert client.get(address).status_code == 405
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(address).status_code == 302
        assert len(mail.outbox) == 3


def test_make_setting_targets_the_manager_too():
    # Guard for the fixtures above: the manager is a member of the surveyed unit.
    setting = make_setting()
    assert setting.manager in set(round_targets(setting.round))
