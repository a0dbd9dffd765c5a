"""Attendance and self check-in, in the "training" namespace under the language prefix."""

from django.urls import path

import core.converters  # noqa: F401  (registers the "id" converter)

from ..views import attendance, check_in

urlpatterns = [
    path(
        "organiser/sessions/<id:pk>/days/<id:day_pk>/attendance/",
        attendance.attendance_sheet,
        name="attendance_sheet",
    ),
    path(
        "organiser/sessions/<id:pk>/days/<id:day_pk>/attendance/all-present/",
        attendance.attendance_mark_all,
        name="attendance_mark_all",
    ),
    path(
        "organiser/sessions/<id:pk>/days/<id:day_pk>/check-in/",
        attendance.check_in_screen,
        name="check_in_screen",
    ),
    path(
        "organiser/sessions/<id:pk>/attendance/import/", attendance.attendance_import_upload, name="attendance_import"
    ),
    path(
        "organiser/sessions/<id:pk>/attendance/import/confirm/",
        attendance.attendance_import_confirm,
        name="attendance_import_confirm",
    ),
    path("check-in/", check_in.check_in, name="check_in"),
    path("check-in/<str:code>/", check_in.check_in_code, name="check_in_code"),
]
