"""The participant statistics page and its exports."""

from django.urls import path

from ..views import statistics

urlpatterns: list = [
    path("reports/statistics/", statistics.statistics, name="statistics"),
    path("reports/statistics/statistics.<str:fmt>", statistics.statistics_export, name="statistics_export"),
]
