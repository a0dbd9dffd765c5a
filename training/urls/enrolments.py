from django.urls import path

import core.converters  # noqa: F401  (registers the "id" converter)

from ..views import enrolments as staff

urlpatterns = [
    path("sessions/<id:pk>/enrol/", staff.enrol, name="enrol"),
    path("enrolments/<id:pk>/cancel/", staff.cancel_enrolment, name="cancel_enrolment"),
    path("my-trainings/", staff.my_trainings, name="my_trainings"),
    path("approvals/", staff.approvals, name="approvals"),
    path("approvals/<id:pk>/", staff.approval_decide, name="approval_decide"),
]
