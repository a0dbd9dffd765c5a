"""Competence pages, in the "competencies" namespace under the language prefix."""

from . import gaps, surveys

app_name = "competencies"
urlpatterns = [*surveys.urlpatterns, *gaps.urlpatterns]
