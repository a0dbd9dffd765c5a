"""Projects and the project in numbers (page and PDF), for coordinators and administrators."""

from django.urls import path

import core.converters  # noqa: F401  (registers the "id" converter)

from ..views import projects

urlpatterns = [
    path("reports/projects/", projects.project_list, name="projects"),
    path("reports/projects/<id:pk>/numbers/", projects.numbers_page, name="project_numbers"),
    path("reports/projects/<id:pk>/numbers.pdf", projects.numbers_pdf, name="project_numbers_pdf"),
]
