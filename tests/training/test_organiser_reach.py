"""Every organiser action that changes something refuses objects outside the trainer's reach, and changes nothing.

The trainer organises ``own``; ``foreign`` is another trainer's session of the same course. Each POST
address is tried with the foreign session, and with the own session holding a foreign object (an
enrolment, a day, a certificate). Every other organiser address must refuse POST altogether, so an
address added later without a place in ``POSTS`` fails here until its reach is tested.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, reverse
from django.utils import translation

from tests.factories import UserFactory, enrol, make_course, make_session
from tests.training.factories_certificates import completed, past_session
from training.models import Attendance, Certificate, CertificateBatch, CheckIn, Enrolment, Session
from training.services.certificates import certificate_issue
from training.urls import urlpatterns

pytestmark = pytest.mark.django_db


@dataclass
class Reach:
    trainer: object
    own: Session
    foreign: Session
    own_upcoming: Session
    foreign_upcoming: Session
    own_enrolment: Enrolment
    foreign_enrolment: Enrolment
    foreign_waiting: Enrolment
    foreign_certificate: Certificate
    outsider: object

    @property
    def foreign_day(self):
        return self.foreign.days.get()

    @property
    def own_day(self):
        return self.own.days.get()


@pytest.fixture
def reach(programme) -> Reach:
    course = make_course(programme, "Lapset puheeksi")
    trainer, colleague = UserFactory(is_trainer=True), UserFactory(is_trainer=True)
    own, foreign = past_session(course), past_session(course)
    own_upcoming, foreign_upcoming = make_session(course, capacity=1), make_session(course, capacity=1)
    for session in (own, own_upcoming):
        session.trainers.add(trainer)
    for session in (foreign, foreign_upcoming):
        session.trainers.add(colleague)
    foreign_enrolment = completed(foreign)
    enrol(foreign_upcoming)
    return Reach(
        trainer=trainer,
        own=own,
        foreign=foreign,
        own_upcoming=own_upcoming,
        foreign_upcoming=foreign_upcoming,
        own_enrolment=completed(own),
        foreign_enrolment=foreign_enrolment,
        foreign_waiting=enrol(foreign_upcoming),
        foreign_certificate=certificate_issue(enrolment=foreign_enrolment),
        outsider=UserFactory(email="outsider@example.fi"),
    )


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(f"training:{name}", args=args)


def state() -> tuple:
    """Everything an organiser action could change."""
    return (
        sorted(Enrolment.objects.values_list("pk", "session_id", "status", "outcome")),
        sorted(Session.objects.values_list("pk", "capacity", "status")),
        sorted(Attendance.objects.values_list("pk", "status", "minutes")),
        sorted(Certificate.objects.values_list("pk", "revoked_at")),
        CertificateBatch.objects.count(),
        CheckIn.objects.count(),
    )


def attendance_file() -> SimpleUploadedFile:
    return SimpleUploadedFile("lista.csv", b"Email;Attendance\noutsider@example.fi;present\n", content_type="text/csv")


# name -> ways to reach outside: (args, data) built from the Reach
POSTS = {
    "organiser_participant_add": lambda r: [((r.foreign.pk,), {"add-email": "outsider@example.fi"})],
    "organiser_capacity": lambda r: [((r.foreign_upcoming.pk,), {"capacity-capacity": "5"})],
    "organiser_participant_remove": lambda r: [
        ((r.foreign_upcoming.pk, r.foreign_waiting.pk), {"remove-reason": "Ei pääse"}),
        ((r.own_upcoming.pk, r.foreign_waiting.pk), {"remove-reason": "Ei pääse"}),
    ],
    "organiser_participant_move": lambda r: [
        ((r.foreign_upcoming.pk, r.foreign_waiting.pk), {"move-to_session": r.own_upcoming.pk}),
        ((r.own_upcoming.pk, r.foreign_waiting.pk), {"move-to_session": r.own_upcoming.pk}),
    ],
    "organiser_session_cancel": lambda r: [((r.foreign_upcoming.pk,), {"cancel-reason": "Kouluttaja sairastui."})],
    "attendance_sheet": lambda r: [
        ((r.foreign.pk, r.foreign_day.pk), {f"status_{r.foreign_enrolment.pk}": "absent"}),
        ((r.own.pk, r.foreign_day.pk), {f"status_{r.foreign_enrolment.pk}": "absent"}),
    ],
    "attendance_mark_all": lambda r: [((r.foreign.pk, r.foreign_day.pk), {}), ((r.own.pk, r.foreign_day.pk), {})],
    "check_in_screen": lambda r: [((r.foreign.pk, r.foreign_day.pk), {}), ((r.own.pk, r.foreign_day.pk), {})],
    "attendance_import": lambda r: [((r.foreign.pk,), {"day": r.foreign_day.pk, "file": attendance_file()})],
    "attendance_import_confirm": lambda r: [((r.foreign.pk,), {"day": r.foreign_day.pk})],
    "organiser_certificates_issue": lambda r: [((r.foreign.pk,), {})],
    "organiser_certificate_revoke": lambda r: [
        ((r.foreign.pk, r.foreign_certificate.pk), {"revoke-reason": "Virhe"}),
        ((r.own.pk, r.foreign_certificate.pk), {"revoke-reason": "Virhe"}),
    ],
    "organiser_certificate_batch_create": lambda r: [((r.foreign.pk,), {"batch-format": "pdf"})],
}


def organiser_routes() -> list[URLPattern]:
    return [pattern for pattern in urlpatterns if str(pattern.pattern).lstrip("^").startswith("organiser/")]


@pytest.mark.parametrize("name", sorted(POSTS))
def test_an_action_outside_the_trainers_reach_is_not_found_and_changes_nothing(client, reach, name):
    client.force_login(reach.trainer)
    for args, data in POSTS[name](reach):
        before = state()

        response = client.post(url(name, *args), data)

        assert response.status_code in (403, 404), (name, args, response.status_code)
        assert state() == before, (name, args)


def test_a_participant_cannot_be_moved_into_a_session_the_trainer_does_not_organise(client, reach):
    """The same refusal as for the session they leave: another trainer's session is not on offer."""
    client.force_login(reach.trainer)
    before = state()

    response = client.post(
        url("organiser_participant_move", reach.own_upcoming.pk, enrol(reach.own_upcoming).pk),
        {"move-to_session": reach.foreign_upcoming.pk},
    )

    assert response.status_code == 200
    assert "to_session" in response.context["form"].errors
    assert reach.foreign_upcoming not in response.context["form"].fields["to_session"].queryset
    after = state()
    assert [row for row in after[0] if row[1] == reach.foreign_upcoming.pk] == [
        row for row in before[0] if row[1] == reach.foreign_upcoming.pk
    ]


def test_every_other_organiser_address_refuses_post(client, reach):
    client.force_login(reach.trainer)
    batch = CertificateBatch.objects.create(session=reach.own, format="pdf")
    args = {
        "organiser_sessions": (),
        "organiser_session": (reach.own.pk,),
        "organiser_participants_csv": (reach.own.pk,),
        "organiser_participants_xlsx": (reach.own.pk,),
        "organiser_signin_sheet": (reach.own.pk, reach.own_day.pk),
        "organiser_certificate_batch": (reach.own.pk, batch.pk),
        "organiser_certificate_batch_download": (reach.own.pk, batch.pk),
        "feedback_session": (reach.own.pk,),
        "feedback_session_export": (reach.own.pk, "csv"),
        "feedback_course": (reach.own.course_id,),
        "feedback_course_export": (reach.own.course_id, "csv"),
    }
    names = {pattern.name for pattern in organiser_routes()}
    assert names == set(POSTS) | set(args), "a new organiser address: test its reach in POSTS or add it here"
    before = state()
    for name, values in args.items():
        assert client.post(url(name, *values)).status_code == 405, name
    assert state() == before
