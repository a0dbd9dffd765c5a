"""Coverage of a course: shares of the staff who have completed it, and for managers who has not."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from competencies.exports import FORMATS, Table, export_response
from people.access import Role, require_role
from people.models import OrgUnit, User

from ..forms.coverage import CoverageForm
from ..models import Project
from ..selectors.coverage import Coverage, course_coverage, not_completed

PEOPLE_PER_PAGE = 50


def _staff(request: HttpRequest):
    """The people whose coverage the user sees: the network, or the units they manage and those below."""
    if request.access.sees_whole_network:
        return User.objects.all()
    return User.objects.filter(unit__in=OrgUnit.objects.below_paths(request.access.managed_unit_paths).values("pk"))


def _default_course(courses):
    """The headline course of the latest project (what coverage is usually asked of), else the first course."""
    headline = Project.objects.filter(headline_course__in=courses).order_by("-starts_on", "-pk").first()
    return headline.headline_course if headline else courses.first()


def _read(request: HttpRequest) -> tuple[CoverageForm, Coverage | None]:
    form = CoverageForm(request.GET or None)
    if not form.is_bound:
        course = _default_course(form.fields["course"].queryset)
        form = CoverageForm(initial={"course": course})
        return form, course_coverage(people=_staff(request), course=course) if course else None
    if not form.is_valid():
        return form, None
    breakdown = form.cleaned_data["breakdown"] or "unit"
    return form, course_coverage(people=_staff(request), course=form.cleaned_data["course"], breakdown=breakdown)


@require_GET
@require_role(Role.MANAGER, Role.COORDINATOR, Role.ADMINISTRATOR)
def coverage(request: HttpRequest) -> HttpResponse:
    form, result = _read(request)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "coverage": result,
        "shows_people": not request.access.sees_whole_network,
        "filter_query": query.urlencode(),
    }
    if result is not None and context["shows_people"]:
        page = Paginator(not_completed(people=_staff(request), course=result.course), PEOPLE_PER_PAGE)
        context["page_obj"] = page.get_page(request.GET.get("page"))
    return render(request, "reporting/coverage/coverage.html", context)


def _tables(request: HttpRequest, result: Coverage) -> list[Table]:
    label = dict(CoverageForm.base_fields["breakdown"].choices)[result.breakdown]
    tables = [
        Table(
            title=_("Coverage"),
            headers=[str(label), _("Staff"), _("Completed"), _("Share (%)"), _("Not yet")],
            rows=[
                [row.name or _("Not recorded"), row.staff, row.completed, _percent(row.share), row.remaining]
                for row in [*result.rows, result.total]
            ],
        )
    ]
    tables[0].rows[-1][0] = _("Total")
    if not request.access.sees_whole_network:
        people = not_completed(people=_staff(request), course=result.course)
        tables.append(
            Table(
                title=_("Not yet completed"),
                headers=[_("Name"), _("Email"), _("Unit"), _("Professional group"), _("Organisation")],
                rows=[
                    [
                        person.get_full_name(),
                        person.email,
                        person.unit.name,
                        person.professional_group.name if person.professional_group else "",
                        person.unit.organisation.name,
                    ]
                    for person in people
                ],
            )
        )
    return tables


def _percent(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 1)


@require_GET
@require_role(Role.MANAGER, Role.COORDINATOR, Role.ADMINISTRATOR)
def coverage_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    _form, result = _read(request)
    if result is None:
        raise Http404
    tables = _tables(request, result)
    part = 1 if request.GET.get("part") == "people" and len(tables) > 1 else 0
    return export_response(tables, fmt=fmt, stem=_("coverage"), part=part)
