"""Reporting's pages, in the "reporting" namespace under the language prefix."""

from . import projects, statistics

app_name = "reporting"
urlpatterns = [*statistics.urlpatterns, *projects.urlpatterns]
