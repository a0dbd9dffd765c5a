"""Coverage of a course and its exports."""

from django.urls import path

from ..views import coverage

urlpatterns: list = [
    path("reports/coverage/", coverage.coverage, name="coverage"),
    path("reports/coverage/coverage.<str:fmt>", coverage.coverage_export, name="coverage_export"),
]
