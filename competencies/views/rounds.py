"""Coordinators open survey rounds and follow their progress."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from people.access import Role, require_role

from .. import selectors
from ..errors import CompetenceError
from ..forms import SurveyRoundForm
from ..models import SurveyRound
from ..services import survey_round_create, survey_round_notify, survey_round_remind

COORDINATORS = (Role.COORDINATOR, Role.ADMINISTRATOR)


@require_role(*COORDINATORS)
@require_safe
def round_list(request: HttpRequest) -> HttpResponse:
    return render(request, "competencies/surveyround_list.html", {"progress": selectors.rounds_with_progress()})


@require_role(*COORDINATORS)
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest) -> HttpResponse:
    form = SurveyRoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            survey = survey_round_create(
                name_fi=data["name_fi"],
                name_sv=data["name_sv"],
                name_en=data["name_en"],
                version=data["version"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                target_units=data["target_units"],
                target_groups=data["target_groups"],
                created_by=request.user,
            )
        except CompetenceError as error:
            form.add_error(None, error.message)
        else:
            if data["notify"]:
                count = survey_round_notify(round=survey)
                messages.success(
                    request, _("The survey round has been opened and %(count)s people notified.") % {"count": count}
                )
            else:
                messages.success(request, _("The survey round has been opened."))
            return redirect("competencies:round_detail", pk=survey.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "competencies/surveyround_create.html", {"form": form}, status=status)


@require_role(*COORDINATORS)
@require_safe
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.get_round(pk)
    progress = selectors.rounds_with_progress(SurveyRound.objects.filter(pk=survey.pk))[0]
    return render(
        request,
        "competencies/surveyround_detail.html",
        {
            "round": progress.round,
            "progress": progress,
            "units": progress.round.target_units.all(),
            "groups": progress.round.target_groups.all(),
        },
    )


@require_role(*COORDINATORS)
@require_POST
def round_notify(request: HttpRequest, pk: int) -> HttpResponse:
    """The first notice to every targeted person; refused once sent."""
    survey = selectors.get_round(pk)
    try:
        count = survey_round_notify(round=survey)
    except CompetenceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(count)s people have been notified.") % {"count": count})
    return redirect("competencies:round_detail", pk=survey.pk)


@require_role(*COORDINATORS)
@require_POST
def round_remind(request: HttpRequest, pk: int) -> HttpResponse:
    """A reminder to those who have not submitted (at most once a day)."""
    survey = selectors.get_round(pk)
    try:
        count = survey_round_remind(round=survey)
    except CompetenceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(count)s people who have not answered have been reminded.") % {"count": count})
    return redirect("competencies:round_detail", pk=survey.pk)
