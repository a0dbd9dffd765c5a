"""Staff assess their own competences in an open round: drafts, one submission, read-only afterwards."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from competencies.errors import CompetenceError
from competencies.models import Assessment, Evidence, Rating
from competencies.services import assessment_save
from tests.competencies.factories import answers, make_framework, make_round
from tests.competencies.helpers import login, queries_for, shown_messages, text
from tests.factories import UserFactory, make_site

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def save(setting, ratings=None, *, submit=False, person=None, today=None):
    return assessment_save(
        round=setting.round,
        person=person or setting.person,
        ratings=answers(setting.data) if ratings is None else ratings,
        submit=submit,
        today=today,
    )


def form_data(setting, level="3", need="2", action="draft", **overrides):
    data = {"action": action}
    for competence in setting.data.competences:
        data[f"level-{competence.pk}"] = level
        data[f"need-{competence.pk}"] = need
        data[f"comment-{competence.pk}"] = ""
    data.update(overrides)
    return data


class TestService:
    def test_a_draft_keeps_the_answers_and_can_be_changed(self, setting):
        first = setting.data.competences[0]
        assessment = save(setting, {first.pk: {"level": 2, "need": 4, "comment": "Haluan oppia"}})
        assert assessment.status == Assessment.Status.DRAFT
        save(setting, {first.pk: {"level": 3, "need": 1, "comment": ""}})
        rating = Rating.objects.get(assessment=assessment, competence=first)
        assert (rating.self_level, rating.training_need, rating.comment) == (3, 1, "")
        assert Rating.objects.filter(assessment=assessment).count() == 1

    def test_submitting_records_every_level_and_the_time(self, setting):
        assessment = save(setting, submit=True)
        assert assessment.status == Assessment.Status.SUBMITTED
        assert assessment.submitted_at is not None
        assert sorted(assessment.ratings.values_list("self_level", flat=True)) == [3] * 4

    def test_submitting_needs_a_level_in_every_competence(self, setting):
        partial = dict(list(answers(setting.data).items())[:3])
        with pytest.raises(CompetenceError) as error:
            save(setting, partial, submit=True)
        assert error.value.code == "levels_missing"
        assert error.value.params == {"count": 1}
        assert not Assessment.objects.filter(status=Assessment.Status.SUBMITTED).exists()

    @pytest.mark.parametrize("level", [0, 6, 99])
    def test_a_level_outside_the_scale_is_refused(self, setting, level):
        with pytest.raises(CompetenceError) as error:
            save(setting, answers(setting.data, level=level))
        assert error.value.code == "level_out_of_scale"
        assert error.value.params == {"level": level, "min": 1, "max": 5}
        assert not Rating.objects.exists()

    @pytest.mark.parametrize("need", [0, 6])
    def test_a_need_outside_one_to_five_is_refused(self, setting, need):
        with pytest.raises(CompetenceError) as error:
            save(setting, answers(setting.data, need=need))
        assert error.value.code == "need_out_of_range"

    def test_a_competence_outside_the_persons_requirements_is_refused(self, setting):
        ratings = {setting.data.other.pk: {"level": 3, "need": None, "comment": ""}}
        with pytest.raises(CompetenceError) as error:
            save(setting, ratings)
        assert error.value.code == "competence_not_required"
        assert not Rating.objects.exists()

    def test_a_competence_of_another_framework_is_refused(self, setting):
        elsewhere = make_framework(group=setting.data.group)
        with pytest.raises(CompetenceError) as error:
            save(setting, {elsewhere.competences[0].pk: {"level": 3}})
        assert error.value.code == "competence_not_required"

    def test_submitting_twice_is_refused(self, setting):
        save(setting, submit=True)
        for submit in (True, False):
            with pytest.raises(CompetenceError) as error:
                save(setting, answers(setting.data, level=5), submit=submit)
            assert error.value.code == "already_submitted"
        assert set(Rating.objects.values_list("self_level", flat=True)) == {3}

    def test_nothing_is_saved_after_the_round_closed(self, setting):
        after = setting.round.closes_on + datetime.timedelta(days=1)
        with pytest.raises(CompetenceError) as error:
            save(setting, submit=True, today=after)
        assert error.value.code == "round_closed"
        assert not Assessment.objects.exists()

    def test_nothing_is_saved_before_the_round_opens(self, setting):
        before = setting.round.opens_on - datetime.timedelta(days=1)
        with pytest.raises(CompetenceError) as error:
            save(setting, today=before)
        assert error.value.code == "round_not_open"

    def test_a_person_the_round_does_not_target_is_refused(self, setting):
        with pytest.raises(CompetenceError) as error:
            save(setting, person=setting.outsider)
        assert error.value.code == "not_targeted"

    def test_the_service_level_requirement_wins_over_the_general_one(self, setting):
        from competencies.models import Requirement
        from competencies.selectors import requirements_for

        first = setting.data.competences[0]
        Requirement.objects.bulk_create(  # the published version's data, not an edit
            [
                Requirement(
                    competence=first,
                    professional_group=setting.data.group,
                    service_level=setting.person.service_level,
                    required_level=5,
                )
            ]
        )
        required = requirements_for(setting.person, setting.data.version)
        assert required[first.pk].required_level == 5
        assert required[setting.data.competences[1].pk].required_level == 3
        assert setting.data.other.pk not in required


class TestForm:
    def url(self, setting):
        return reverse("competencies:assessment", args=[setting.round.pk])

    def test_the_form_shows_the_persons_competences_by_area_with_the_descriptors(self, client, setting):
        login(client, setting.person)
        response = client.get(self.url(setting))
        assert response.status_code == 200
        page = text(response)
        for competence in setting.data.competences:
            assert f'name="level-{competence.pk}"' in page
            assert f'<label for="need-{competence.pk}">' in page
        assert setting.data.other.name_fi not in page
        areas = {competence.area_id for competence in setting.data.competences}
        assert page.count("Tason 4 kuvaus") == 1 + len(areas)  # once on top and once per area, not per competence
        assert page.index("Alue A") < page.index("Alue B")

    def test_save_draft_then_submit(self, client, setting):
        login(client, setting.person)
        response = client.post(self.url(setting), form_data(setting, level="2"))
        assert response.status_code == 302
        assessment = Assessment.objects.get(person=setting.person)
        assert assessment.status == Assessment.Status.DRAFT
        page = text(client.get(self.url(setting)))
        assert f'id="level-{setting.data.competences[0].pk}-2" value="2" checked' in page
        response = client.post(self.url(setting), form_data(setting, level="4", action="submit"), follow=True)
        assessment.refresh_from_db()
        assert assessment.status == Assessment.Status.SUBMITTED
        assert set(assessment.ratings.values_list("self_level", flat=True)) == {4}
        assert not response.context["editable"]
        assert '<form method="post" class="form assessment-form"' not in text(response)

    def test_a_level_outside_the_scale_redisplays_the_input_with_an_error(self, client, setting):
        login(client, setting.person)
        first = setting.data.competences[0]
        data = form_data(setting, **{f"level-{first.pk}": "7", f"comment-{first.pk}": "Tärkeä kommentti"})
        response = client.post(self.url(setting), data)
        assert response.status_code == 400
        page = text(response)
        assert CompetenceError("level_out_of_scale", level=7, min=1, max=5).message in page
        assert "Tärkeä kommentti" in page
        assert not Assessment.objects.exists()

    def test_text_where_a_number_belongs_is_an_error_not_a_crash(self, client, setting):
        login(client, setting.person)
        first = setting.data.competences[0]
        response = client.post(self.url(setting), form_data(setting, **{f"need-{first.pk}": "lots"}))
        assert response.status_code == 400
        assert CompetenceError("need_out_of_range").message in text(response)

    def test_a_posted_competence_outside_the_requirements_is_ignored(self, client, setting):
        login(client, setting.person)
        other = setting.data.other
        client.post(self.url(setting), form_data(setting, **{f"level-{other.pk}": "5"}))
        assert not Rating.objects.filter(competence=other).exists()
        assert Rating.objects.count() == 4

    def test_submitting_with_missing_levels_keeps_the_draft_and_lists_what_is_missing(self, client, setting):
        login(client, setting.person)
        first, second = setting.data.competences[:2]
        response = client.post(self.url(setting), form_data(setting, action="submit", **{f"level-{first.pk}": ""}))
        assert response.status_code == 400
        page = text(response)
        summary = page[page.index('class="error-summary"') : page.index("</ul>", page.index('class="error-summary"'))]
        assert "autofocus" in summary
        assert f'href="#level-{first.pk}-1"' in summary
        assert first.name_fi in summary and second.name_fi not in summary
        marked = f'aria-invalid="true" aria-describedby="competence-{first.pk}-error"'
        assert f'id="level-{first.pk}-1" value="1" {marked}' in page
        assert f'id="competence-{first.pk}-error"' in page
        assert f'id="level-{second.pk}-3" value="3" checked' in page
        assessment = Assessment.objects.get(person=setting.person)  # what was given is kept as a draft
        assert assessment.status == Assessment.Status.DRAFT
        assert assessment.ratings.filter(self_level=3).count() == 3

    def test_an_areas_own_save_button_brings_the_person_back_to_that_area(self, client, setting):
        login(client, setting.person)
        area = setting.data.competences[0].area
        response = client.post(self.url(setting), form_data(setting, action=f"draft:{area.pk}"))
        assert response.status_code == 302
        assert response["Location"] == f"{self.url(setting)}?area={area.pk}#area-{area.pk}"
        page = text(client.get(response["Location"]))
        assert f'<details class="area" open id="area-{area.pk}">' in page
        assert "Vastattu 4 / 4" in page or "4 / 4" in page

    def test_submitting_twice_through_the_form_changes_nothing(self, client, setting):
        login(client, setting.person)
        client.post(self.url(setting), form_data(setting, action="submit"))
        response = client.post(self.url(setting), form_data(setting, level="5", action="submit"), follow=True)
        assert set(Rating.objects.values_list("self_level", flat=True)) == {3}
        assert response.context["read_only_reason"] in shown_messages(response)

    def test_after_the_round_closes_everything_is_read_only_with_a_message(self, client, setting):
        save(setting)
        setting.round.opens_on = TODAY - datetime.timedelta(days=40)
        setting.round.closes_on = TODAY - datetime.timedelta(days=1)
        setting.round.save()
        login(client, setting.person)
        response = client.get(self.url(setting))
        assert response.status_code == 200
        assert not response.context["editable"]
        assert 'type="radio"' not in text(response)
        assert response.context["read_only_reason"] in text(response)
        response = client.post(self.url(setting), form_data(setting, level="5", action="submit"))
        assert response.status_code == 302
        assert set(Rating.objects.values_list("self_level", flat=True)) == {3}
        assert Assessment.objects.get().status == Assessment.Status.DRAFT

    def test_another_units_round_is_not_found(self, client, setting):
        login(client, setting.outsider)
        assert client.get(self.url(setting)).status_code == 404
        assert client.post(self.url(setting), form_data(setting)).status_code == 404

    def test_signed_out_people_are_sent_to_sign_in(self, client, setting):
        assert client.get(self.url(setting)).status_code == 302

    def test_the_form_needs_the_same_queries_for_more_competences_and_answers(self, client, setting):
        login(client, setting.person)
        save(setting)
        evidence = Evidence.objects.create(person=setting.person, kind="course", title="K1", achieved_on=TODAY)
        evidence.competences.set(setting.data.competences[:1])
        few = queries_for(client, self.url(setting))
        bigger = make_framework(group=setting.data.group, competences_per_area=6)
        survey = make_round(bigger, units=[setting.area])
        save_all = {competence.pk: {"level": 2, "need": 3, "comment": "x"} for competence in bigger.competences}
        assessment_save(round=survey, person=setting.person, ratings=save_all)
        for index, competence in enumerate(bigger.competences):
            more = Evidence.objects.create(person=setting.person, kind="course", title=f"K{index}", achieved_on=TODAY)
            more.competences.set([competence, *setting.data.competences])
        assert queries_for(client, reverse("competencies:assessment", args=[survey.pk])) == few


class TestHomeAndList:
    def test_the_home_page_shows_the_open_rounds_to_the_people_they_target(self, client, setting):
        make_site()
        login(client, setting.person)
        response = client.get("/")
        assert response.status_code == 200
        assert reverse("competencies:assessment", args=[setting.round.pk]) in text(response)
        login(client, setting.outsider)
        assert reverse("competencies:assessment", args=[setting.round.pk]) not in text(client.get("/"))

    def test_signed_out_visitors_see_no_surveys_on_the_home_page(self, client, setting):
        make_site()
        response = client.get("/")
        assert response.status_code == 200
        assert "/competences/assessments/" not in text(response)

    def test_my_surveys_lists_open_and_earlier_rounds(self, client, setting):
        earlier = make_round(setting.data, units=[setting.county], opens_in_days=-400, name="Syksy 2024")
        login(client, setting.person)
        response = client.get(reverse("competencies:my_surveys"))
        assert response.status_code == 200
        assert response.context["open_rounds"] == [setting.round]
        assert response.context["other_rounds"] == [earlier]

    def test_a_person_without_a_professional_group_sees_no_rounds(self, client, setting):
        nobody = UserFactory(unit=setting.unit, professional_group=None)
        login(client, nobody)
        response = client.get(reverse("competencies:my_surveys"))
        assert response.context["open_rounds"] == []
