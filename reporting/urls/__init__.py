"""Reporting's pages, in the "reporting" namespace under the language prefix."""

from . import coverage, projects, statistics

app_name = "reporting"
urlpatterns = [*statistics.urlpatterns, *coverage.urlpatterns, *projects.urlpatterns]
