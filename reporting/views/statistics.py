"""The participant statistics page and its downloads: coordinators and administrators see the whole network,
managers the people of their units and of the units below; anyone else gets 403."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from competencies import exports
from people.access import Role, require_role

from ..documents.charts import statistics_chart
from ..documents.measures import BY_KEY
from ..documents.statistics import CROSS, LONG, cross_tab, long_table, statistics_tables
from ..forms.statistics import QUERY_NAMES, StatisticsForm, presets
from ..selectors.statistics import Scope, Statistics, participation_statistics
from ..selectors.suppression import MIN_PEOPLE

READERS = (Role.MANAGER, Role.COORDINATOR, Role.ADMINISTRATOR)
TEMPLATE = "reporting/statistics/page.html"


def _read(request: HttpRequest, scope: Scope) -> tuple[StatisticsForm, Statistics | None]:
    """The filters of the query string (the defaults where missing) and, when they are valid, the figures."""
    form = StatisticsForm.for_query(request.GET, today=timezone.localdate())
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    statistics = participation_statistics(
        scope=scope, date_from=data["date_from"], date_to=data["date_to"], by=form.by, project=data["project"]
    )
    return form, statistics


def _preset_links(request: HttpRequest, form: StatisticsForm) -> list[dict]:
    chosen = (form.data.get(QUERY_NAMES["date_from"]), form.data.get(QUERY_NAMES["date_to"]))
    links = []
    for preset in presets(timezone.localdate()):
        query = request.GET.copy()
        dates = (preset.date_from.isoformat(), preset.date_to.isoformat())
        query[QUERY_NAMES["date_from"]], query[QUERY_NAMES["date_to"]] = dates
        links.append({"label": preset.label, "query": query.urlencode(), "current": dates == chosen})
    return links


def _downloads(request: HttpRequest, statistics: Statistics) -> list[dict]:
    query = request.GET.copy()
    query.pop("table", None)

    def url(fmt: str, table: str | None = None) -> str:
        params = query.copy()
        if table:
            params["table"] = table
        encoded = params.urlencode()
        return reverse("reporting:statistics_export", args=[fmt]) + (f"?{encoded}" if encoded else "")

    links = []
    if len(statistics.dimensions) == 2:
        links.append({"label": _("Cross-tabulation (CSV)"), "url": url("csv", CROSS)})
        links.append({"label": _("Full table (CSV)"), "url": url("csv", LONG)})
        links.append({"label": _("Both tables (Excel)"), "url": url("xlsx")})
    else:
        links.append({"label": _("Table (CSV)"), "url": url("csv")})
        links.append({"label": _("Table (Excel)"), "url": url("xlsx")})
    return links


@require_role(*READERS)
@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    scope = Scope.for_access(request.access)
    form, result = _read(request, scope)
    context = {
        "form": form,
        "presets": _preset_links(request, form),
        "scope": scope,
        "min_people": MIN_PEOPLE,
        "result": result,
    }
    if result is None:
        return render(request, TEMPLATE, context, status=400)
    measure = form.cleaned_data["measure"]
    context |= {
        "measure": BY_KEY[measure],
        "long": long_table(result),
        "cross": cross_tab(result, measure) if len(result.dimensions) == 2 else None,
        "chart": statistics_chart(result, measure),
        "downloads": _downloads(request, result),
        "is_empty": not result.rows,
    }
    return render(request, TEMPLATE, context)


@require_role(*READERS)
@require_GET
def statistics_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in exports.FORMATS:
        raise Http404
    form, result = _read(request, Scope.for_access(request.access))
    if result is None:
        return HttpResponse(_("The filters are not valid."), status=400, content_type="text/plain; charset=utf-8")
    tables = statistics_tables(result, form.cleaned_data["measure"])
    names = list(tables)
    chosen = request.GET.get("table") or names[0]
    if chosen not in tables:
        raise Http404
    stem = f"tilastot-{result.date_from:%Y-%m-%d}-{result.date_to:%Y-%m-%d}"
    if fmt == "csv" and chosen == CROSS:
        stem += "-ristiintaulukko"
    return exports.export_response(list(tables.values()), fmt=fmt, stem=stem, part=names.index(chosen))
