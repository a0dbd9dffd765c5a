"""The organiser's pages, in the "training" namespace under the language prefix."""

from django.urls import path

import core.converters  # noqa: F401  (registers the "id" converter)

from ..views import organiser

urlpatterns: list = [
    path("organiser/sessions/", organiser.session_list, name="organiser_sessions"),
    path("organiser/sessions/<id:pk>/", organiser.session_detail, name="organiser_session"),
    path("organiser/sessions/<id:pk>/participants/add/", organiser.participant_add, name="organiser_participant_add"),
    path("organiser/sessions/<id:pk>/capacity/", organiser.capacity_change, name="organiser_capacity"),
    path(
        "organiser/sessions/<id:pk>/enrolments/<id:enrolment_pk>/remove/",
        organiser.participant_remove,
        name="organiser_participant_remove",
    ),
    path(
        "organiser/sessions/<id:pk>/enrolments/<id:enrolment_pk>/move/",
        organiser.participant_move,
        name="organiser_participant_move",
    ),
    path("organiser/sessions/<id:pk>/cancel/", organiser.session_cancel_confirm, name="organiser_session_cancel"),
    path("organiser/sessions/<id:pk>/participants.csv", organiser.participants_csv, name="organiser_participants_csv"),
    path(
        "organiser/sessions/<id:pk>/participants.xlsx",
        organiser.participants_xlsx,
        name="organiser_participants_xlsx",
    ),
    path(
        "organiser/sessions/<id:pk>/days/<id:day_pk>/signin.pdf",
        organiser.signin_sheet,
        name="organiser_signin_sheet",
    ),
]
