"""Projects for coordinators and administrators: the list, and each project's numbers over a period as a page
and as a PDF (managers, trainers and staff get 403; a project that does not exist is 404)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from core.http import file_response
from people.access import Role, require_role
from training.forms.feedback import PeriodForm

from ..documents.project_numbers import project_numbers_filename, project_numbers_pdf
from ..selectors.project_numbers import (
    EARLIEST,
    LATEST,
    get_project_for_reporting,
    period_of,
    project_numbers,
    projects_for_reporting,
)

REPORTERS = (Role.COORDINATOR, Role.ADMINISTRATOR)


class ProjectPeriodForm(PeriodForm):
    """The period of the numbers; an end left empty is the project's."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.format = "%Y-%m-%d"  # what a date input shows (the project's dates as initial values)

    def clean(self):
        data = super().clean()
        for name in ("start", "end"):
            day = data.get(name)
            if day and not EARLIEST <= day <= LATEST:
                self.add_error(
                    name,
                    _("Choose a date between %(earliest)s and %(latest)s.")
                    % {"earliest": formats.date_format(EARLIEST), "latest": formats.date_format(LATEST)},
                )
        return data


@require_role(*REPORTERS)
@require_safe
def project_list(request: HttpRequest) -> HttpResponse:
    return render(request, "reporting/projects/list.html", {"projects": list(projects_for_reporting())})


def _numbers(request: HttpRequest, pk: int):
    """The project, the bound period form and the numbers (None while the form has errors)."""
    project = get_project_for_reporting(request.user, pk)
    form = ProjectPeriodForm(request.GET or None, initial={"start": project.starts_on, "end": project.ends_on})
    if form.is_bound and not form.is_valid():
        return project, form, None
    start, end = period_of(project, *form.period())
    return project, form, project_numbers(project=project, date_from=start, date_to=end)


@require_role(*REPORTERS)
@require_safe
def numbers_page(request: HttpRequest, pk: int) -> HttpResponse:
    project, form, numbers = _numbers(request, pk)
    query = request.GET.urlencode()
    pdf_url = reverse("reporting:project_numbers_pdf", args=[project.pk]) + (f"?{query}" if query else "")
    context = {"project": project, "period_form": form, "numbers": numbers, "pdf_url": pdf_url}
    return render(request, "reporting/projects/numbers.html", context)


@require_role(*REPORTERS)
@require_safe
def numbers_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    project, form, numbers = _numbers(request, pk)
    if numbers is None:
        context = {"project": project, "period_form": form, "numbers": None, "pdf_url": ""}
        return render(request, "reporting/projects/numbers.html", context, status=400)
    return file_response(project_numbers_pdf(numbers), "application/pdf", project_numbers_filename(numbers))
