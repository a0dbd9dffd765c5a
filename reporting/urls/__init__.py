"""Reporting's pages, in the "reporting" namespace under the language prefix."""

from . import coverage, demand, projects, statistics

app_name = "reporting"
urlpatterns = [*statistics.urlpatterns, *coverage.urlpatterns, *projects.urlpatterns, *demand.urlpatterns]
