"""The dimensions statistics are cut by: their names (the API's ``by``), labels and value names.

An event dimension describes the session or activity (kind, course, level, language, delivery,
project, time); a person dimension describes the participant as they were (group, organisation,
sector, municipality, family-centre area). Each reads one column of the participation facts (or
a truncation of its time) and, for activities counted only as totals, one of the activity.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import F, IntegerField
from django.db.models.functions import Cast, ExtractMonth, ExtractQuarter, ExtractYear
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from people.models import Municipality, Organisation, OrgUnit, ProfessionalGroup, Sector, ServiceLevel
from training.models import CourseKind, CoursePage, Session

from ..choices import ActivityKind, Delivery
from ..models import Project

HELSINKI = ZoneInfo(settings.TIME_ZONE)
NOT_RECORDED = _("Not recorded")


@dataclass(frozen=True)
class Dimension:
    name: str
    label: str
    person: bool  # a dimension of the participant (else of the event)
    fact: Callable  # the facts' expression
    activity: Callable | None  # the activity table's expression (event dimensions only)
    names: Callable[[Iterable], dict]  # code → display name, for the codes present
    by_code: bool = False  # listed in the order of the codes (times), else by name
    order: tuple = ()  # codes in the order to list them (levels: basic first), before any by name or code

    def name_of(self, code, names: dict) -> str:
        if code is None or code == "":
            return str(NOT_RECORDED)
        return str(names.get(code, code))


def _choices(choices) -> Callable[[Iterable], dict]:
    labels = dict(choices)
    return lambda codes: labels


def _models(queryset_for: Callable[[set], Iterable]) -> Callable[[Iterable], dict]:
    def names(codes: Iterable) -> dict:
        wanted = {code for code in codes if code is not None}
        return {item.pk: str(item) for item in queryset_for(wanted)} if wanted else {}

    return names


def _course_names(codes: Iterable) -> dict:
    from django.utils import translation

    from training.selectors.courses import courses_in_language

    wanted = {code for code in codes if code is not None}
    if not wanted:
        return {}
    courses = CoursePage.objects.filter(pk__in=wanted).only("pk", "title", "translation_key", "locale_id")
    translated = courses_in_language(courses, translation.get_language() or settings.LANGUAGE_CODE)
    return {pk: course.title for pk, course in translated.items()}


def _month_names(codes: Iterable) -> dict:
    return {
        code: formats.date_format(datetime.date(code // 100, code % 100, 1), "YEAR_MONTH_FORMAT")
        for code in codes
        if code
    }


def _quarter_names(codes: Iterable) -> dict:
    return {code: _("Q%(quarter)d %(year)d") % {"quarter": code % 10, "year": code // 10} for code in codes if code}


def _year_names(codes: Iterable) -> dict:
    return {code: str(code) for code in codes if code}


# The facts carry their month as YYYYMM (Helsinki time): quarters and years follow by integer arithmetic.
def _month_code() -> F:
    return F("month")


def _quarter_code():
    return F("month") / 100 * 10 + (F("month") % 100 + 2) / 3


def _year():
    return F("month") / 100


def _column(name: str):
    return lambda: F(name)


def _dimension(name, label, fact, names, *, person=False, activity=None, by_code=False, order=()) -> Dimension:
    return Dimension(name, label, person, fact, activity, names, by_code, tuple(order))


def _named(model) -> Callable[[Iterable], dict]:
    return _models(lambda pks: model.objects.filter(pk__in=pks))


DIMENSIONS: dict[str, Dimension] = {
    dimension.name: dimension
    for dimension in (
        _dimension(
            "activity_kind", _("Activity"), _column("activity_kind"), _choices(ActivityKind.choices),
            activity=_column("kind"),
        ),
        _dimension(
            "course_kind", _("Kind of course"), _column("course_kind"), _choices(CourseKind.choices),
            activity=_column("course__kind"),
        ),
        _dimension("course", _("Course"), _column("course_id"), _course_names, activity=_column("course_id")),
        _dimension(
            "level", _("Service level"), _column("level"), _choices(ServiceLevel.choices), activity=_column("level"),
            order=ServiceLevel.values,
        ),
        _dimension(
            "professional_group", _("Professional group"), _column("professional_group_id"),
            _named(ProfessionalGroup), person=True,
        ),
        _dimension("organisation", _("Organisation"), _column("organisation_id"), _named(Organisation), person=True),
        _dimension("sector", _("Sector"), _column("sector"), _choices(Sector.choices), person=True),
        _dimension("municipality", _("Municipality"), _column("municipality_id"), _named(Municipality), person=True),
        _dimension("area", _("Family-centre area"), _column("area_id"), _named(OrgUnit), person=True),
        _dimension(
            "language", _("Language"), _column("language"), _choices(Session.Language.choices),
            activity=_column("language"),
        ),
        _dimension(
            "delivery", _("On site or online"), _column("delivery"), _choices(Delivery.choices),
            activity=_column("delivery"),
        ),
        _dimension("project", _("Project"), _column("project_id"), _named(Project), activity=_column("project_id")),
        _dimension(
            "month", _("Month"), _month_code, _month_names, activity=lambda: _month_code_date(),
            by_code=True,
        ),
        _dimension(
            "quarter", pgettext_lazy("period", "Quarter"), _quarter_code, _quarter_names,
            activity=lambda: _quarter_code_date(), by_code=True,
        ),
        _dimension(
            "year", _("Year"), _year, _year_names, activity=lambda: _year_date(), by_code=True
        ),
    )
}  # fmt: skip


def _month_code_date():
    return Cast(ExtractYear("starts_on") * 100 + ExtractMonth("starts_on"), IntegerField())


def _quarter_code_date():
    return Cast(ExtractYear("starts_on") * 10 + ExtractQuarter("starts_on"), IntegerField())


def _year_date():
    return ExtractYear("starts_on")
