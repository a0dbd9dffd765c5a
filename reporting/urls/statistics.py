"""The participant statistics page and its exports."""

from django.urls import path

from ..views import statistics

urlpatterns: list = [
    path("statistics/", statistics.statistics, name="statistics"),
    path("statistics/statistics.<str:fmt>", statistics.statistics_export, name="statistics_export"),
]
