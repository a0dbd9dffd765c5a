"""Reporting's pages, in the "reporting" namespace under the language prefix."""

from . import coverage, statistics

app_name = "reporting"
urlpatterns = [*statistics.urlpatterns, *coverage.urlpatterns]
