"""Training demand: courses that would close the network's competence gaps (coordinators and administrators)."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from competencies import exports
from competencies.charts import bar_chart
from competencies.exports import Table
from competencies.models import SurveyRound
from competencies.selectors.gaps import MIN_GROUP_SIZE
from people.access import Role, require_role

from ..selectors.demand import DEFAULT_CAPACITY, CourseDemand, training_demand


class DemandFilterForm(forms.Form):
    round = forms.ModelChoiceField(
        SurveyRound.objects.order_by("-opens_on", "-pk"),
        label=gettext_lazy("Survey round"),
        required=False,
        empty_label=gettext_lazy("Each person's latest assessment"),
    )


def _read(request: HttpRequest) -> tuple[DemandFilterForm, list[CourseDemand] | None]:
    form = DemandFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return form, None
    chosen = form.cleaned_data.get("round") if form.is_bound else None
    return form, training_demand(round=chosen)


@require_role(Role.COORDINATOR, Role.ADMINISTRATOR)
@require_GET
def demand(request: HttpRequest) -> HttpResponse:
    form, rows = _read(request)
    if rows is None:
        return render(request, "reporting/demand/demand.html", {"form": form, "rows": None}, status=400)
    chart = bar_chart(
        _("People needing each course"),
        [(row.course.title, row.people / max(rows[0].people, 1), str(row.people)) for row in rows],
    )
    return render(
        request,
        "reporting/demand/demand.html",
        {
            "form": form,
            "rows": rows,
            "chart": chart,
            "query": request.GET.urlencode(),
            "min_group_size": MIN_GROUP_SIZE,
            "default_capacity": DEFAULT_CAPACITY,
        },
    )


def demand_tables(rows: list[CourseDemand]) -> list[Table]:
    fewer = _("fewer than %(count)s") % {"count": MIN_GROUP_SIZE}
    courses = Table(
        title=_("Training demand"),
        headers=[
            _("Course"),
            _("People with a gap who have not completed it"),
            _("Free seats in upcoming sessions"),
            _("Upcoming sessions"),
            _("Typical capacity"),
            _("Seats still needed"),
            _("Sessions needed"),
        ],
        rows=[
            [
                row.course.title,
                row.people,
                row.free_seats,
                row.upcoming_sessions,
                row.typical_capacity,
                row.seats_short,
                row.sessions_needed,
            ]
            for row in rows
        ],
    )
    breakdown = Table(
        title=_("By area and group"),
        headers=[_("Course"), _("Area"), _("Professional group"), _("People")],
        rows=[
            [
                row.course.title,
                f"{cell.area_code} {cell.area_name}",
                cell.group.name if cell.group else "",
                fewer if cell.suppressed else cell.people,
            ]
            for row in rows
            for cell in row.breakdown
        ],
    )
    return [courses, breakdown]


@require_role(Role.COORDINATOR, Role.ADMINISTRATOR)
@require_GET
def demand_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in exports.FORMATS:
        raise Http404
    _form, rows = _read(request)
    if rows is None:
        return HttpResponse(_("The filters are not valid."), status=400, content_type="text/plain; charset=utf-8")
    return exports.export_response(demand_tables(rows), fmt=fmt, stem=f"koulutustarve-{timezone.localdate():%Y-%m-%d}")
