"""Enrolling, cancelling, My trainings and approvals, in the "training" namespace under the language prefix."""

from django.urls import path

import core.converters  # noqa: F401  (registers the "id" converter)

from ..views import enrolments

urlpatterns = [
    path("sessions/<id:pk>/enrol/", enrolments.enrol, name="enrol"),
    path("enrolments/<id:pk>/cancel/", enrolments.cancel_enrolment, name="cancel_enrolment"),
    path("my-trainings/", enrolments.my_trainings, name="my_trainings"),
    path("approvals/", enrolments.approvals, name="approvals"),
    path("approvals/<id:pk>/", enrolments.approval_decide, name="approval_decide"),
]
