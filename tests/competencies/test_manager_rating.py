"""The manager's own rating in the development discussion: own units and below only, both ratings kept."""

import pytest
from django.urls import reverse

from competencies.errors import CompetenceError
from competencies.models import Assessment, Rating
from competencies.services import assessment_manager_rate, assessment_save
from tests.competencies.factories import answers, make_framework, make_round
from tests.competencies.helpers import login, queries_for, shown_messages, text
from tests.factories import OrgUnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def submitted(setting, person=None, level=3):
    return assessment_save(
        round=setting.round, person=person or setting.person, ratings=answers(setting.data, level=level), submit=True
    )


def manager_data(setting, level="4", comment="Hyvä", discussed=True):
    data = {}
    for competence in setting.data.competences:
        data[f"manager-level-{competence.pk}"] = level
        data[f"manager-comment-{competence.pk}"] = comment
    if discussed:
        data["discussed"] = "1"
    return data


def discussion_url(assessment):
    return reverse("competencies:discussion", args=[assessment.pk])


class TestService:
    def test_both_ratings_are_kept_and_the_discussion_is_marked_held(self, setting):
        assessment = submitted(setting, level=2)
        first = setting.data.competences[0]
        assessment_manager_rate(
            assessment=assessment,
            manager=setting.manager,
            ratings={first.pk: {"level": 4, "comment": "Näkyy työssä"}},
            discussed=True,
        )
        rating = Rating.objects.get(assessment=assessment, competence=first)
        assert (rating.self_level, rating.manager_level, rating.manager_comment) == (2, 4, "Näkyy työssä")
        assert rating.current_level == 4
        assessment.refresh_from_db()
        assert assessment.manager == setting.manager
        assert assessment.discussed_at is not None

    def test_a_level_outside_the_scale_is_refused(self, setting):
        assessment = submitted(setting)
        with pytest.raises(CompetenceError) as error:
            assessment_manager_rate(
                assessment=assessment,
                manager=setting.manager,
                ratings={setting.data.competences[0].pk: {"level": 9}},
            )
        assert error.value.code == "level_out_of_scale"
        assert not Rating.objects.filter(manager_level__isnull=False).exists()

    def test_a_competence_outside_the_persons_requirements_is_refused(self, setting):
        assessment = submitted(setting)
        with pytest.raises(CompetenceError) as error:
            assessment_manager_rate(
                assessment=assessment, manager=setting.manager, ratings={setting.data.other.pk: {"level": 3}}
            )
        assert error.value.code == "competence_not_required"

    def test_a_draft_cannot_be_rated_yet(self, setting):
        assessment = assessment_save(round=setting.round, person=setting.person, ratings=answers(setting.data))
        with pytest.raises(CompetenceError) as error:
            assessment_manager_rate(assessment=assessment, manager=setting.manager, ratings={})
        assert error.value.code == "not_submitted"


class TestDiscussionPage:
    def test_the_manager_sees_the_self_ratings_and_saves_their_own(self, client, setting):
        assessment = submitted(setting, level=2)
        login(client, setting.manager)
        response = client.get(discussion_url(assessment))
        assert response.status_code == 200
        assert f'name="manager-level-{setting.data.competences[0].pk}"' in text(response)
        response = client.post(discussion_url(assessment), manager_data(setting))
        assert response.status_code == 302
        assert set(Rating.objects.values_list("self_level", "manager_level")) == {(2, 4)}
        assessment.refresh_from_db()
        assert assessment.discussed_at is not None

    def test_the_person_sees_both_ratings_side_by_side(self, client, setting):
        assessment = submitted(setting, level=2)
        assessment_manager_rate(
            assessment=assessment,
            manager=setting.manager,
            ratings={competence.pk: {"level": 4, "comment": "Vahva osaaja"} for competence in setting.data.competences},
            discussed=True,
        )
        login(client, setting.person)
        page = text(client.get(reverse("competencies:assessment", args=[setting.round.pk])))
        assert "Vahva osaaja" in page
        assert "<td>2</td>" in page and "<td>4</td>" in page

    def test_a_person_in_a_unit_below_the_managed_one_is_reachable(self, client, setting):
        below = OrgUnitFactory(parent=setting.unit, organisation=setting.unit.organisation)
        person = UserFactory(unit=below, professional_group=setting.data.group)
        assessment = submitted(setting, person=person)
        login(client, setting.manager)
        assert client.get(discussion_url(assessment)).status_code == 200

    def test_another_units_person_is_not_found(self, client, setting):
        elsewhere = make_round(setting.data, units=[setting.other_unit])
        assessment = assessment_save(
            round=elsewhere, person=setting.outsider, ratings=answers(setting.data), submit=True
        )
        login(client, setting.manager)
        assert client.get(discussion_url(assessment)).status_code == 404
        assert client.post(discussion_url(assessment), manager_data(setting)).status_code == 404
        assert not Rating.objects.filter(manager_level__isnull=False).exists()

    def test_staff_cannot_open_a_colleagues_discussion(self, client, setting):
        assessment = submitted(setting)
        login(client, setting.colleague)
        assert client.get(discussion_url(assessment)).status_code == 403

    def test_a_manager_cannot_rate_their_own_assessment(self, client, setting):
        assessment = submitted(setting, person=setting.manager)
        login(client, setting.manager)
        assert client.get(discussion_url(assessment)).status_code == 404

    def test_a_bad_level_redisplays_the_input_with_an_error(self, client, setting):
        assessment = submitted(setting)
        login(client, setting.manager)
        first = setting.data.competences[0]
        data = manager_data(setting, comment="Säilyy")
        data[f"manager-level-{first.pk}"] = "12"
        response = client.post(discussion_url(assessment), data)
        assert response.status_code == 400
        assert CompetenceError("level_out_of_scale", level=12, min=1, max=5).message in text(response)
        assert "Säilyy" in text(response)
        assert not Rating.objects.filter(manager_level__isnull=False).exists()

    def test_a_draft_shows_read_only_without_a_form(self, client, setting):
        assessment = assessment_save(round=setting.round, person=setting.person, ratings=answers(setting.data))
        login(client, setting.manager)
        response = client.get(discussion_url(assessment))
        assert response.status_code == 200
        assert "manager-level-" not in text(response)
        response = client.post(discussion_url(assessment), manager_data(setting))
        assert response.status_code == 400
        assert CompetenceError("not_submitted").message in shown_messages(response)

    def test_the_page_needs_the_same_queries_for_more_ratings(self, client, setting):
        small = submitted(setting)
        login(client, setting.manager)
        few = queries_for(client, discussion_url(small))
        big_data = make_framework(group=setting.data.group, competences_per_area=7)
        survey = make_round(big_data, units=[setting.area])
        big = assessment_save(round=survey, person=setting.colleague, ratings=answers(big_data), submit=True)
        assert queries_for(client, discussion_url(big)) == few


class TestTeamList:
    def test_the_manager_sees_their_peoples_status_and_discussions(self, client, setting):
        submitted(setting)
        assessment_save(round=setting.round, person=setting.colleague, ratings={})
        login(client, setting.manager)
        response = client.get(reverse("competencies:team_assessments"))
        assert response.status_code == 200
        rows = dict(response.context["people"])
        assert set(rows) == {setting.person, setting.colleague}
        assert rows[setting.person].status == Assessment.Status.SUBMITTED
        assert rows[setting.colleague].status == Assessment.Status.DRAFT
        assert setting.outsider.get_full_name() not in text(response)

    def test_staff_get_403(self, client, setting):
        login(client, setting.person)
        assert client.get(reverse("competencies:team_assessments")).status_code == 403

    def test_the_list_needs_the_same_queries_for_more_people(self, client, setting):
        submitted(setting)
        login(client, setting.manager)
        address = reverse("competencies:team_assessments") + f"?round={setting.round.pk}"
        few = queries_for(client, address)
        for _ in range(5):
            person = UserFactory(unit=setting.unit, professional_group=setting.data.group)
            submitted(setting, person=person)
        assert queries_for(client, address) == few


class TestWiderRoleDoesNotWidenTheTeam:
    """A coordinator or an administrator who also manages a unit reaches only the managed units' people."""

    @pytest.fixture(params=["coordinator", "administrator"])
    def manager(self, request, setting):
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        manager = setting.manager
        manager.is_coordinator = request.param == "coordinator"
        manager.is_superuser = manager.is_staff = request.param == "administrator"
        manager.save()
        TOTP.activate(manager, generate_totp_secret())
        return manager

    @pytest.fixture
    def elsewhere(self, setting):
        survey = make_round(setting.data, units=[setting.other_unit], name="Muualla")
        return assessment_save(round=survey, person=setting.outsider, ratings=answers(setting.data), submit=True)

    def test_another_units_discussion_is_not_found_and_not_changed(self, client, setting, manager, elsewhere):
        login(client, manager)

        assert client.get(discussion_url(elsewhere)).status_code == 404
        assert client.post(discussion_url(elsewhere), manager_data(setting)).status_code == 404
        elsewhere.refresh_from_db()
        assert elsewhere.manager_id is None
        assert not Rating.objects.filter(manager_level__isnull=False).exists()

    def test_the_own_units_discussion_still_opens(self, client, setting, manager):
        login(client, manager)
        assert client.get(discussion_url(submitted(setting))).status_code == 200

    def test_the_team_list_holds_neither_other_units_rounds_nor_people(self, client, setting, manager, elsewhere):
        login(client, manager)

        response = client.get(reverse("competencies:team_assessments"), {"round": elsewhere.round_id})

        assert response.status_code == 200
        assert elsewhere.round not in response.context["rounds"]
        assert setting.outsider not in dict(response.context["people"])
