"""Gap analysis pages: my competences, the manager's heatmap with drill-down, the network view.

Managers see the people of the units they manage and of the units below (a unit or person
outside them is a 404); coordinators and administrators see the whole network, aggregated,
with small groups hidden. Every table can be downloaded as CSV or XLSX.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from people.access import Role, require_role
from people.models import OrgUnit, ProfessionalGroup, User

from .. import exports
from ..charts import bar_chart
from ..forms_gaps import GapFilterForm
from ..models import Evidence
from ..selectors.gap_privacy import suppress_small_rest
from ..selectors.gaps import MIN_GROUP_SIZE, Heatmap, cell_people, heatmap, person_competences
from . import tables


@dataclass
class Scope:
    """Whose figures a page shows: the units the user may filter by and the people in them."""

    units: QuerySet[OrgUnit]
    suppress: bool


def team_scope(request: HttpRequest) -> Scope:
    """The units the user manages and those below: only these, even for a coordinator who also manages."""
    return Scope(units=OrgUnit.objects.below_paths(request.access.managed_unit_paths), suppress=False)


def network_scope(request: HttpRequest) -> Scope:
    return Scope(units=OrgUnit.objects.all(), suppress=True)


@dataclass
class Filters:
    form: GapFilterForm
    people: QuerySet[User]
    unit: OrgUnit | None = None
    # With suppression and a unit chosen: the rest of the scope, whose small groups must not be revealed.
    rest: QuerySet[User] | None = None

    @property
    def is_valid(self) -> bool:
        return not self.form.is_bound or self.form.is_valid()

    def get(self, name: str):
        return self.form.cleaned_data.get(name) if self.is_valid else None


def read_filters(request: HttpRequest, scope: Scope) -> Filters:
    """The GET filters; a unit outside ``scope`` is a 404. Invalid filters leave the people unfiltered."""
    form = GapFilterForm(request.GET or None, units=scope.units)
    if not form.is_bound:
        form.cleaned_data = {}  # shown unbound (no errors), read as no filters
    elif not form.is_valid():
        return Filters(form=form, people=User.objects.none())
    unit = None
    units = scope.units
    if form.cleaned_data.get("unit"):
        unit = get_object_or_404(scope.units, pk=form.cleaned_data["unit"])
        units = OrgUnit.objects.below_paths([unit.path])
    people = User.objects.filter(is_active=True, unit__in=units.values("pk"))
    rest = None
    if unit is not None and scope.suppress:
        rest = User.objects.filter(is_active=True, unit__in=scope.units.values("pk")).exclude(
            unit__in=units.values("pk")
        )
    return Filters(form=form, people=people, unit=unit, rest=rest)


def _heatmap_for(filters: Filters, scope: Scope) -> Heatmap:
    chosen = {"round": filters.get("round"), "group": filters.get("group"), "compare": filters.get("compare")}
    result = heatmap(people=filters.people, suppress=scope.suppress, **chosen)
    if filters.rest is not None:
        suppress_small_rest(result, rest=filters.rest, **chosen)
    return result


def _chart(result: Heatmap):
    items = [
        (
            f"{total.column.code} {total.column.name}",
            total.share_below,
            _("fewer than %(count)s") % {"count": MIN_GROUP_SIZE}
            if total.suppressed
            else f"{round(total.share_below * 100)} % ({total.below}/{total.people})",
        )
        for total in result.totals
    ]
    return bar_chart(_("Share below the required level per competence"), items)


TOTALS = "totals"  # ?table=totals: the CSV of the per-competence totals instead of the heatmap
MEAN = "mean"  # ?show=mean: the heatmap's cells show the mean level instead of the share below the requirement


def _measure(request: HttpRequest) -> str:
    return MEAN if request.GET.get("show") == MEAN else "below"


def _measure_links(request: HttpRequest, current: str) -> list[dict]:
    """The toggle between the two numbers a cell can show: plain links, so that it works without JavaScript."""
    links = []
    for value, label in (("below", _("Share below the requirement")), (MEAN, _("Mean level"))):
        query = request.GET.copy()
        query.pop("show", None)
        if value == MEAN:
            query["show"] = MEAN
        encoded = query.urlencode()
        links.append({"label": label, "current": value == current, "url": f"?{encoded}" if encoded else "?"})
    return links


def _export_query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("table", None)
    return query.urlencode()


def _render_heatmap(request: HttpRequest, scope: Scope, *, template_name: str, extra: dict | None = None):
    filters = read_filters(request, scope)
    if not filters.is_valid:
        context = {"form": filters.form, "result": None, "min_group_size": MIN_GROUP_SIZE, **(extra or {})}
        return render(request, template_name, context, status=400)
    result = _heatmap_for(filters, scope)
    measure = _measure(request)
    context = {
        "measure": measure,
        "measure_links": _measure_links(request, measure),
        "form": filters.form,
        "unit": filters.unit,
        "result": result,
        "chart": _chart(result),
        "min_group_size": MIN_GROUP_SIZE,
        "query": _export_query(request),
        "selected_round": filters.get("round"),
        "compare_round": filters.get("compare"),
        **(extra or {}),
    }
    return render(request, template_name, context)


def _export_heatmap(request: HttpRequest, scope: Scope, fmt: str, stem: str) -> HttpResponse:
    if fmt not in exports.FORMATS:
        raise Http404
    filters = read_filters(request, scope)
    if not filters.is_valid:
        return HttpResponse(_("The filters are not valid."), status=400, content_type="text/plain; charset=utf-8")
    result = _heatmap_for(filters, scope)
    totals = request.GET.get("table") == TOTALS
    return exports.export_response(
        [tables.heatmap_table(result), tables.totals_table(result)],
        fmt=fmt,
        stem=f"{stem}{'-totals' if totals and fmt == 'csv' else ''}-{timezone.localdate():%Y-%m-%d}",
        part=1 if totals else 0,
    )


# Staff: my competences
# ------------------------------------------------------------------------------


@login_required
@require_GET
def my_competences(request: HttpRequest) -> HttpResponse:
    person = request.user
    assessment, rows = person_competences(person)
    context = _person_context(person, assessment, rows) | _downloads("competencies:my_competences_export")
    return render(request, "competencies/my_competences.html", context)


@login_required
@require_GET
def my_competences_export(request: HttpRequest, fmt: str) -> HttpResponse:
    return _export_person(request.user, fmt)


def _downloads(name: str, *args) -> dict[str, str]:
    return {f"download_{fmt}": reverse(name, args=[*args, fmt]) for fmt in exports.FORMATS}


def _export_person(person: User, fmt: str) -> HttpResponse:
    if fmt not in exports.FORMATS:
        raise Http404
    assessment, rows = person_competences(person)
    _person_context(person, assessment, rows)  # attaches the evidence to the rows
    stem = f"osaaminen-{person.pk}-{timezone.localdate():%Y-%m-%d}"
    return exports.export_response([tables.person_table(person, rows)], fmt=fmt, stem=stem)


def _person_context(person: User, assessment, rows) -> dict:
    codes = [row.code for row in rows]
    evidence = (
        Evidence.objects.filter(person=person, competences__code__in=codes)
        .prefetch_related("competences")
        .distinct()
        .order_by("-achieved_on", "-pk")
    )
    by_code: dict[str, list[Evidence]] = {}
    for item in evidence:
        for competence in item.competences.all():
            by_code.setdefault(competence.code, [])
            if item not in by_code[competence.code]:
                by_code[competence.code].append(item)
    for row in rows:
        row.evidence = by_code.get(row.code, [])
    return {
        "person": person,
        "assessment": assessment,
        "rows": rows,
        "gap_codes": [row.code for row in rows if row.has_gap],
        "gap_count": sum(1 for row in rows if row.has_gap),
    }


# Managers: the heatmap of their units, drill-down, one person
# ------------------------------------------------------------------------------


@require_role(Role.MANAGER)
@require_GET
def team_heatmap(request: HttpRequest) -> HttpResponse:
    return _render_heatmap(request, team_scope(request), template_name="competencies/heatmap_team.html")


@require_role(Role.MANAGER)
@require_GET
def team_heatmap_export(request: HttpRequest, fmt: str) -> HttpResponse:
    return _export_heatmap(request, team_scope(request), fmt, "osaamiskartta")


def _cell(request: HttpRequest, group_pk: int, code: str):
    scope = team_scope(request)
    group = get_object_or_404(ProfessionalGroup, pk=group_pk)
    filters = read_filters(request, scope)
    return group, filters


@require_role(Role.MANAGER)
@require_GET
def team_cell(request: HttpRequest, group_pk: int, code: str) -> HttpResponse:
    group, filters = _cell(request, group_pk, code)
    if not filters.is_valid:
        return render(request, "competencies/cell_people.html", {"form": filters.form, "ratings": None}, status=400)
    ratings = list(cell_people(people=filters.people, group=group, code=code, round=filters.get("round")))
    if not ratings:
        raise Http404
    chosen = {"round": filters.get("round"), "group": group, "compare": filters.get("compare")}
    summary = heatmap(people=filters.people, **chosen).cells.get((group.pk, code))
    return render(
        request,
        "competencies/cell_people.html",
        {
            "cell": summary,
            "comparing": bool(filters.get("compare")),
            "compare_round": filters.get("compare"),
            "form": filters.form,
            "group": group,
            "competence": ratings[0].competence,
            "ratings": ratings,
            "unit": filters.unit,
            "query": _export_query(request),
            "code": code,
        },
    )


@require_role(Role.MANAGER)
@require_GET
def team_cell_export(request: HttpRequest, group_pk: int, code: str, fmt: str) -> HttpResponse:
    if fmt not in exports.FORMATS:
        raise Http404
    group, filters = _cell(request, group_pk, code)
    if not filters.is_valid:
        return HttpResponse(_("The filters are not valid."), status=400, content_type="text/plain; charset=utf-8")
    ratings = list(cell_people(people=filters.people, group=group, code=code, round=filters.get("round")))
    if not ratings:
        raise Http404
    return exports.export_response(
        [tables.cell_people_table(ratings, group=group, code=code)],
        fmt=fmt,
        stem=f"osaaminen-{group.code}-{code}".lower(),
    )


@require_role(Role.MANAGER)
@require_GET
def team_person(request: HttpRequest, pk: int) -> HttpResponse:
    person = _team_person(request, pk)
    assessment, rows = person_competences(person)
    context = _person_context(person, assessment, rows) | _downloads("competencies:team_person_export", person.pk)
    return render(request, "competencies/person_competences.html", context)


@require_role(Role.MANAGER)
@require_GET
def team_person_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    return _export_person(_team_person(request, pk), fmt)


def _team_person(request: HttpRequest, pk: int) -> User:
    units = team_scope(request).units
    return get_object_or_404(
        User.objects.filter(is_active=True, unit__in=units.values("pk")).select_related("unit", "professional_group"),
        pk=pk,
    )


# Coordinators and administrators: the network
# ------------------------------------------------------------------------------


@require_role(Role.COORDINATOR, Role.ADMINISTRATOR)
@require_GET
def network_heatmap(request: HttpRequest) -> HttpResponse:
    return _render_heatmap(request, network_scope(request), template_name="competencies/heatmap_network.html")


@require_role(Role.COORDINATOR, Role.ADMINISTRATOR)
@require_GET
def network_heatmap_export(request: HttpRequest, fmt: str) -> HttpResponse:
    return _export_heatmap(request, network_scope(request), fmt, "osaamiskartta-verkosto")
