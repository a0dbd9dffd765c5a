from django.urls import path

from ..views import staff

urlpatterns = [
    path("sessions/<int:pk>/enrol/", staff.enrol, name="enrol"),
    path("enrolments/<int:pk>/cancel/", staff.cancel_enrolment, name="cancel_enrolment"),
    path("my-trainings/", staff.my_trainings, name="my_trainings"),
    path("approvals/", staff.approvals, name="approvals"),
    path("approvals/<int:pk>/", staff.approval_decide, name="approval_decide"),
]
