"""Correcting attendance after a completion: the certificate is revoked and the competence evidence removed;
completing again reinstates the same certificate and records the evidence again."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from competencies.models import Evidence
from tests.competencies.factories import make_gap_framework
from tests.factories import UserFactory, make_course
from tests.training.factories_attendance import past_session, seat
from training.models import Attendance, Certificate, CertificateIssuing, Enrolment
from training.services import attendance_record, attendance_sheet_save
from training.services.attendance import Mark
from training.services.certificates import certificate_revoke, certificates_issue_for_session
from training.signals import enrolments_uncompleted

pytestmark = pytest.mark.django_db
Present, Absent = Attendance.Status.PRESENT, Attendance.Status.ABSENT
REASON = "Attendance was corrected: the training is no longer completed."


@pytest.fixture
def framework():
    return make_gap_framework([], codes=("A1", "B1"))


@pytest.fixture
def course(programme, framework):
    course = make_course(programme, "Lapset puheeksi")
    course.develops_competences.set([framework.competences["A1"]])
    course.save()
    return course


@pytest.fixture
def session(course):
    return past_session(course)


@pytest.fixture
def day(session):
    return session.days.get()


@pytest.fixture
def uncompleted():
    received = []

    def receiver(sender, session, enrolments, **kwargs):
        received.append(sorted(enrolment.pk for enrolment in enrolments))

    enrolments_uncompleted.connect(receiver)
    yield received
    enrolments_uncompleted.disconnect(receiver)


def mark(day, enrolments, status):
    attendance_sheet_save(day=day, marks={enrolment.pk: Mark(status) for enrolment in enrolments})


def state(client, certificate) -> str:
    return client.get(f"/certificates/verify/{certificate.code}/").context["state"]


def test_present_absent_present_revokes_and_reinstates_the_same_certificate(client, day):
    enrolment = seat(day.session)
    attendance_record(enrolment=enrolment, day=day, status=Present)
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert state(client, certificate) == "valid"

    attendance_record(enrolment=enrolment, day=day, status=Absent)
    certificate.refresh_from_db()
    assert state(client, certificate) == "revoked"
    assert (certificate.revoked_by, certificate.pdf.name) == (None, "")
    with translation.override(certificate.language):
        assert certificate.revocation_reason == gettext(REASON)
    assert Enrolment.objects.get().outcome == Enrolment.Outcome.NO_SHOW

    attendance_record(enrolment=enrolment, day=day, status=Present)
    assert Certificate.objects.get() == certificate  # the same certificate and code, valid again
    assert state(client, certificate) == "valid"
    certificate.refresh_from_db()
    assert (certificate.revoked_at, certificate.revocation_reason) == (None, "")


def test_the_signal_is_sent_once_with_everyone_no_longer_completed(day, uncompleted):
    a, b, c = (seat(day.session) for _ in range(3))
    mark(day, [a, b, c], Present)
    assert uncompleted == []
    mark(day, [a, b], Absent)
    mark(day, [a, b], Absent)  # already not completed: not again
    assert uncompleted == [sorted([a.pk, b.pk])]


def test_the_competence_evidence_of_the_completion_is_removed_and_recorded_again(day):
    enrolment, other = seat(day.session), seat(day.session)
    external = Evidence.objects.create(
        person=enrolment.person, kind=Evidence.Kind.EXTERNAL, title="Ensiapu", achieved_on=day.starts_at.date()
    )
    mark(day, [enrolment, other], Present)
    assert Evidence.objects.filter(kind=Evidence.Kind.COURSE).count() == 2
    mark(day, [enrolment], Absent)
    keys = set(Evidence.objects.values_list("source_key", flat=True))
    assert keys == {f"enrolment:{other.pk}", external.source_key}
    mark(day, [enrolment], Present)
    assert Evidence.objects.filter(source_key=f"enrolment:{enrolment.pk}").exists()


def test_a_certificate_the_organiser_revoked_is_not_reinstated(day):
    organiser = UserFactory(is_trainer=True)
    enrolment = seat(day.session)
    attendance_record(enrolment=enrolment, day=day, status=Present)
    certificate = certificate_revoke(
        certificate=Certificate.objects.get(), reason="Väärä henkilö", revoked_by=organiser
    )
    attendance_record(enrolment=enrolment, day=day, status=Absent)
    attendance_record(enrolment=enrolment, day=day, status=Present)
    certificate.refresh_from_db()
    assert (certificate.revocation_reason, certificate.revoked_by) == ("Väärä henkilö", organiser)


def test_the_organisers_button_reinstates_when_the_course_is_issued_by_the_organiser(course, day):
    course.certificate_issuing = CertificateIssuing.ORGANISER
    course.save()
    enrolment = seat(day.session)
    attendance_record(enrolment=enrolment, day=day, status=Present)
    (certificate,) = certificates_issue_for_session(session=day.session)
    attendance_record(enrolment=enrolment, day=day, status=Absent)
    attendance_record(enrolment=enrolment, day=day, status=Present)
    assert Certificate.objects.get().is_revoked
    assert [c.pk for c in certificates_issue_for_session(session=day.session)] == [certificate.pk]
    assert not Certificate.objects.get().is_revoked


@pytest.mark.parametrize("size", [3, 30])
def test_correcting_a_whole_sheet_costs_a_constant_number_of_queries(day, size, django_assert_max_num_queries):
    enrolments = [seat(day.session) for _ in range(size)]
    mark(day, enrolments, Present)
    assert Certificate.objects.filter(revoked_at__isnull=True).count() == size
    with django_assert_max_num_queries(23):  # 7 of them write the participation facts
        mark(day, enrolments, Absent)
    assert Certificate.objects.filter(revoked_at__isnull=True).count() == 0
    with django_assert_max_num_queries(32):  # with the participation facts
        mark(day, enrolments, Present)
    assert Certificate.objects.filter(revoked_at__isnull=True).count() == size
