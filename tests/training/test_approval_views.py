"""Manager approval: the manager of the person's unit decides; other managers get 404, staff 403.

Pages are requested in English (``/en/...``) so the assertions read the msgids.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.factories import OrgUnitFactory, UserFactory, make_course, make_session
from training.models import Enrolment
from training.services import enrolment_create

pytestmark = pytest.mark.django_db
Status = Enrolment.Status


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(f"training:{name}", args=args)


def content(response) -> str:
    return response.content.decode()


def request_place(session, person) -> Enrolment:
    return enrolment_create(session=session, person=person, by=person)


@pytest.fixture
def units():
    """An area with a unit below it, and an unrelated unit elsewhere."""
    area = OrgUnitFactory(name="Alue A")
    return {"area": area, "neuvola": OrgUnitFactory(name="Neuvola A1", parent=area), "other": OrgUnitFactory()}


@pytest.fixture
def manager(units):
    manager = UserFactory(unit=units["area"], first_name="Maija", last_name="Manageri")
    units["area"].managers.add(manager)
    return manager


@pytest.fixture
def other_manager(units):
    other = UserFactory(unit=units["other"])
    units["other"].managers.add(other)
    return other


@pytest.fixture
def staff(units):
    return UserFactory(unit=units["neuvola"])


@pytest.fixture
def person(units):
    return UserFactory(unit=units["neuvola"], first_name="Anna", last_name="Aalto")


@pytest.fixture
def session(programme):
    return make_session(make_course(programme, "Ihmeelliset vuodet", requires_manager_approval=True), capacity=1)


@pytest.fixture
def request_(session, person):
    return request_place(session, person)


def as_user(client, user):
    client.force_login(user)
    return client


class TestAccess:
    def test_anonymous_visitors_are_sent_to_sign_in(self, client, request_):
        for path in (url("approvals"), url("approval_decide", request_.pk)):
            response = client.get(path)
            assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
        client.post(url("approval_decide", request_.pk), {"decision": "approve"})
        request_.refresh_from_db()
        assert request_.status == Status.AWAITING_APPROVAL

    def test_staff_without_units_get_403(self, client, staff, request_):
        as_user(client, staff)
        assert client.get(url("approvals")).status_code == 403
        assert client.post(url("approval_decide", request_.pk), {"decision": "approve"}).status_code == 403
        request_.refresh_from_db()
        assert request_.status == Status.AWAITING_APPROVAL

    def test_another_units_manager_gets_404_and_sees_nothing(self, client, other_manager, request_):
        as_user(client, other_manager)
        response = client.get(url("approvals"))
        assert response.status_code == 200 and list(response.context["requests"]) == []
        assert "No enrolment requests are waiting for your decision." in content(response)
        assert client.get(url("approval_decide", request_.pk)).status_code == 404
        assert client.post(url("approval_decide", request_.pk), {"decision": "approve"}).status_code == 404
        request_.refresh_from_db()
        assert request_.status == Status.AWAITING_APPROVAL

    def test_a_manager_does_not_decide_their_own_request(self, client, manager, session):
        own = request_place(session, manager)
        as_user(client, manager)
        assert client.get(url("approval_decide", own.pk)).status_code == 404

    def test_the_header_links_approvals_for_managers_only(self, client, manager, staff):
        assert f'href="{url("approvals")}"' in content(as_user(client, manager).get(url("my_trainings")))
        html = content(as_user(client, staff).get(url("my_trainings")))
        assert f'href="{url("approvals")}"' not in html
        assert f'href="{url("my_trainings")}"' in html


class TestList:
    def test_the_manager_of_the_persons_unit_sees_the_request(self, client, manager, request_):
        response = as_user(client, manager).get(url("approvals"))
        assert [e.pk for e in response.context["requests"]] == [request_.pk]
        html = content(response)
        assert "<h1>Approvals</h1>" in html
        assert "Anna Aalto" in html and "Neuvola A1" in html and "Ihmeelliset vuodet" in html
        assert str(request_.person.professional_group) in html
        assert f'href="{url("approval_decide", request_.pk)}"' in html

    def test_decided_and_confirmed_enrolments_are_not_listed(self, client, manager, programme, person):
        open_course = make_session(make_course(programme, "Lapset puheeksi"))
        request_place(open_course, person)
        response = as_user(client, manager).get(url("approvals"))
        assert list(response.context["requests"]) == []


class TestDecide:
    def test_the_decide_page_shows_the_request_and_both_choices(self, client, manager, request_):
        html = content(as_user(client, manager).get(url("approval_decide", request_.pk)))
        assert "<h1>Enrolment request from Anna Aalto</h1>" in html
        assert "A seat is free" in html
        assert 'name="decision" value="approve"' in html and 'name="decision" value="decline"' in html
        assert '<textarea name="reason"' in html

    def test_approving_takes_a_free_seat(self, client, manager, request_):
        response = as_user(client, manager).post(
            url("approval_decide", request_.pk), {"decision": "approve"}, follow=True
        )
        request_.refresh_from_db()
        assert (request_.status, request_.decided_by) == (Status.CONFIRMED, manager)
        assert response.redirect_chain[-1][0] == url("approvals")
        assert "Approved: Anna Aalto has a place in Ihmeelliset vuodet" in content(response)

    def test_approving_when_full_puts_the_person_on_the_waiting_list(self, client, manager, session, request_):
        seat = enrolment_create(session=session, person=UserFactory(), by=UserFactory())
        assert seat.status == Status.CONFIRMED  # an organiser filled the only seat
        as_user(client, manager)
        assert "approving puts Anna Aalto on the waiting list at position 1" in content(
            client.get(url("approval_decide", request_.pk))
        )
        response = client.post(url("approval_decide", request_.pk), {"decision": "approve"}, follow=True)
        request_.refresh_from_db()
        assert request_.status == Status.WAITING
        assert "Anna Aalto is on the waiting list at position 1." in content(response)

    def test_declining_with_a_reason(self, client, manager, request_):
        response = as_user(client, manager).post(
            url("approval_decide", request_.pk),
            {"decision": "decline", "reason": "Ei sijaista sille päivälle"},
            follow=True,
        )
        request_.refresh_from_db()
        assert (request_.status, request_.decision_reason) == (Status.DECLINED, "Ei sijaista sille päivälle")
        assert "Declined the request of Anna Aalto for Ihmeelliset vuodet" in content(response)

    @pytest.mark.parametrize("reason", ["", "   "])
    def test_declining_without_a_reason_redisplays_the_form_with_the_error(self, client, manager, request_, reason):
        response = as_user(client, manager).post(
            url("approval_decide", request_.pk), {"decision": "decline", "reason": reason}
        )
        assert response.status_code == 200
        html = content(response)
        assert "Give a reason for declining." in html
        assert 'aria-invalid="true"' in html and 'aria-describedby="id_reason_helptext id_reason_error"' in html
        assert 'id="id_reason_error"' in html
        request_.refresh_from_db()
        assert request_.status == Status.AWAITING_APPROVAL

    def test_a_too_long_reason_redisplays_the_input(self, client, manager, request_):
        reason = "Liian pitkä perustelu. " * 100
        response = as_user(client, manager).post(
            url("approval_decide", request_.pk), {"decision": "decline", "reason": reason}
        )
        assert response.status_code == 200
        assert reason.strip() in content(response)
        request_.refresh_from_db()
        assert request_.status == Status.AWAITING_APPROVAL

    @pytest.mark.parametrize("data", [{"decision": "maybe"}, {}, {"decision": "approve\x00"}])
    def test_an_unknown_decision_shows_both_choices_again_with_a_message(self, client, manager, request_, data):
        response = as_user(client, manager).post(url("approval_decide", request_.pk), data)

        assert response.status_code == 400
        html = content(response)
        alert = '<div class="form__errors" role="alert"><p>Choose whether to approve or decline the request.</p></div>'
        assert alert in html
        assert 'name="decision" value="approve"' in html and '<textarea name="reason"' in html
        request_.refresh_from_db()
        assert request_.status == Status.AWAITING_APPROVAL

    def test_a_decided_request_is_gone(self, client, manager, request_):
        as_user(client, manager).post(url("approval_decide", request_.pk), {"decision": "approve"})
        assert client.post(url("approval_decide", request_.pk), {"decision": "approve"}).status_code == 404


def test_the_list_costs_the_same_queries_for_1_and_50_requests(client, manager, units, session, programme):
    course = session.course
    request_place(session, UserFactory(unit=units["neuvola"]))
    as_user(client, manager).get(url("approvals"))
    with CaptureQueriesContext(connection) as baseline:
        assert client.get(url("approvals")).status_code == 200
    for number in range(49):
        extra = make_session(course, starts_in_days=15 + number)
        request_place(extra, UserFactory(unit=units["neuvola"]))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("approvals"))
    assert len(response.context["requests"]) == 50
    assert len(queries) == len(baseline)
