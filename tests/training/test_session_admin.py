"""Sessions in the Wagtail admin: days inline, capacity never below the confirmed seats, change notices."""

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.factories import UserFactory, enrol, make_course, make_session
from training.models import Enrolment, Session
from training.viewsets import sessions as session_viewsets

pytestmark = pytest.mark.django_db
Status = Enrolment.Status


ADD_URL = "/admin/training/sessions/new/"
CAPACITY_BELOW_CONFIRMED = "The capacity cannot be lower than the number of confirmed participants (%(confirmed)s)."


def edit_url(session) -> str:
    return f"/admin/training/sessions/edit/{session.pk}/"


def admin_text(message: str, **params) -> str:
    """``message`` as the admin pages show it. The admin user has no language of their own in Wagtail and the
    test client sends no Accept-Language, so the admin speaks the default language."""
    with translation.override(settings.LANGUAGE_CODE):
        text = gettext(message)
    return escape(text % params if params else text)


def local(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


@pytest.fixture
def admin_client(client, home):
    admin = UserFactory(is_superuser=True, is_staff=True)
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)
    return client


@pytest.fixture
def course(programme):
    return make_course(programme, "Lapset puheeksi")


@pytest.fixture
def trainer():
    return UserFactory(is_trainer=True)


@pytest.fixture
def changes(monkeypatch):
    """Sessions passed to ``session_changed``."""
    calls = []
    monkeypatch.setattr(session_viewsets, "session_changed", calls.append)
    return calls


def session_data(course, *, days, trainers=(), **fields) -> dict:
    data = {
        "course": course.pk,
        "place_name": "Perhekeskus Kuopio",
        "place_address": "Minna Canthin katu 22, Kuopio",
        "online_url": "",
        "language": "fi",
        "capacity": "12",
        "status": "open",
        "enrolment_opens_at": "",
        "enrolment_closes_at": "",
        "cancellation_deadline": "",
        "trainers": [trainer.pk for trainer in trainers],
        "notes": "",
        **fields,
    }
    data.update(nested_form_data({"days": days}))
    return data


def existing_days(session) -> dict:
    return inline_formset(
        [
            {"id": day.pk, "starts_at": local(day.starts_at), "ends_at": local(day.ends_at)}
            for day in session.days.all()
        ],
        initial=session.days.count(),
    )


def test_administrator_lists_sessions_under_training_sessions(admin_client, course):
    make_session(course)
    response = admin_client.get("/admin/training/sessions/?status=open")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Lapset puheeksi" in page
    assert admin_text("Training sessions") in admin_client.get("/admin/").content.decode()


def test_the_forms_have_the_days_inline(admin_client, course):
    session = make_session(course)
    for address in (ADD_URL, edit_url(session)):
        response = admin_client.get(address)
        assert response.status_code == 200
        page = response.content.decode()
        assert 'name="days-TOTAL_FORMS"' in page
        assert 'name="capacity"' in page and 'name="course"' in page


def test_administrator_creates_a_session_with_two_days(admin_client, course, trainer):
    data = session_data(
        course,
        trainers=[trainer],
        days=inline_formset(
            [
                {"starts_at": "2030-05-21 09:00", "ends_at": "2030-05-21 15:00"},
                {"starts_at": "2030-05-20 09:00", "ends_at": "2030-05-20 15:30"},
            ]
        ),
    )
    response = admin_client.post(ADD_URL, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    session = Session.objects.get()
    assert (session.course, session.capacity, list(session.trainers.all())) == (course.specific, 12, [trainer])
    assert session.days.count() == 2
    assert local(session.starts_at) == "2030-05-20 09:00"
    assert local(session.ends_at) == "2030-05-21 15:00"


def test_a_session_needs_at_least_one_day(admin_client, course):
    response = admin_client.post(ADD_URL, session_data(course, days=inline_formset([])))
    assert response.status_code == 200
    assert admin_text("Add at least one session day.") in response.content.decode()
    assert not Session.objects.exists()


def test_deleting_the_last_day_is_refused(admin_client, course):
    session = make_session(course)
    days = existing_days(session)
    days["0"]["DELETE"] = "1"
    response = admin_client.post(edit_url(session), session_data(course, days=days, capacity="10"))
    assert response.status_code == 200
    assert admin_text("Add at least one session day.") in response.content.decode()
    assert session.days.count() == 1


def test_changing_the_days_tells_the_participants(admin_client, course, changes):
    session = make_session(course)
    enrol(session)
    days = existing_days(session)
    days["0"]["starts_at"] = "2030-06-01 10:00"
    days["0"]["ends_at"] = "2030-06-01 16:00"
    response = admin_client.post(edit_url(session), session_data(course, days=days, capacity="10"))
    assert response.status_code == 302, response.content.decode()[:3000]
    session.refresh_from_db()
    assert local(session.starts_at) == "2030-06-01 10:00"
    assert [changed.pk for changed in changes] == [session.pk]


def test_changing_the_place_tells_the_participants(admin_client, course, changes):
    session = make_session(course)
    data = session_data(course, days=existing_days(session), capacity="10", place_name="Iisalmen perhekeskus")
    data["place_address"] = session.place_address
    assert admin_client.post(edit_url(session), data).status_code == 302
    assert [changed.pk for changed in changes] == [session.pk]


def test_changing_only_the_notes_tells_nobody(admin_client, course, changes):
    session = make_session(course)
    data = session_data(course, days=existing_days(session), capacity="10", notes="Ota oma kahvimuki.")
    data["place_name"], data["place_address"] = session.place_name, session.place_address
    assert admin_client.post(edit_url(session), data).status_code == 302
    session.refresh_from_db()
    assert session.notes == "Ota oma kahvimuki."
    assert changes == []


def test_capacity_below_the_confirmed_count_is_refused(admin_client, course, changes):
    session = make_session(course, capacity=3)
    for _ in range(3):
        enrol(session)
    data = session_data(course, days=existing_days(session), capacity="2")
    data["place_name"], data["place_address"] = session.place_name, session.place_address
    response = admin_client.post(edit_url(session), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert admin_text(CAPACITY_BELOW_CONFIRMED, confirmed=3) in page
    assert 'value="2"' in page
    session.refresh_from_db()
    assert session.capacity == 3


def test_raising_the_capacity_in_the_admin_promotes_people_in_line(admin_client, course):
    session = make_session(course, capacity=1)
    enrol(session)
    queued = enrol(session)
    data = session_data(course, days=existing_days(session), capacity="2")
    data["place_name"], data["place_address"] = session.place_name, session.place_address
    assert admin_client.post(edit_url(session), data).status_code == 302
    session.refresh_from_db()
    queued.refresh_from_db()
    assert (session.capacity, queued.status) == (2, Status.CONFIRMED)


def test_a_capacity_taken_by_a_late_enrolment_is_refused_at_save(admin_client, course, monkeypatch):
    """Someone enrols between validation and saving: the service's check under the row lock refuses."""
    from training.forms import organiser as forms_organiser

    session = make_session(course, capacity=3)
    for _ in range(3):
        enrol(session)
    monkeypatch.setattr(forms_organiser, "session_confirmed_count", lambda session: 0)
    data = session_data(course, days=existing_days(session), capacity="2", notes="Muutettu")
    data["place_name"], data["place_address"] = session.place_name, session.place_address
    response = admin_client.post(edit_url(session), data)
    assert response.status_code == 200
    assert admin_text(CAPACITY_BELOW_CONFIRMED, confirmed=3) in response.content.decode()
    session.refresh_from_db()
    assert (session.capacity, session.notes) == (3, "")


def test_staff_member_cannot_open_the_sessions_admin(client, home, course):
    client.force_login(UserFactory())
    response = client.get("/admin/training/sessions/")
    assert response.status_code in (302, 403)


DAY_ENDS_BEFORE_IT_STARTS = "The day must end after it starts."


@pytest.mark.parametrize("ends_at", ["2030-05-20 08:00", "2030-05-20 09:00"], ids=["before", "at the start"])
def test_a_day_that_ends_before_it_starts_is_explained_on_its_end(admin_client, course, ends_at):
    days = inline_formset([{"starts_at": "2030-05-20 09:00", "ends_at": ends_at}])
    response = admin_client.post(ADD_URL, session_data(course, days=days))
    assert response.status_code == 200
    page = response.content.decode()
    assert "session_day_ends_after_start" not in page
    day = response.context["form"].formsets["days"].forms[0]
    assert day.errors == {"ends_at": [gettext(DAY_ENDS_BEFORE_IT_STARTS)]}
    assert admin_text(DAY_ENDS_BEFORE_IT_STARTS) in page
    assert not Session.objects.exists()


def test_changing_a_day_to_end_before_it_starts_is_refused(admin_client, course):
    session = make_session(course)
    days = existing_days(session)
    days["0"]["ends_at"] = local(session.days.get().starts_at - timedelta(hours=1))
    data = session_data(course, days=days, capacity="10")
    response = admin_client.post(edit_url(session), data)
    assert response.status_code == 200
    assert admin_text(DAY_ENDS_BEFORE_IT_STARTS) in response.content.decode()
    assert session.days.get().ends_at > session.days.get().starts_at
