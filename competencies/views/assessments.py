"""Staff answer survey rounds; managers add their rating in the development discussion."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from people.access import Role, require_role

from .. import selectors
from ..errors import CompetenceError
from ..forms import COMMENT_MAX_LENGTH, TRAINING_NEEDS
from ..models import Assessment
from ..services import assessment_manager_rate, assessment_save
from .rows import build_page, read_manager_ratings, read_self_ratings


@login_required
@require_safe
def my_surveys(request: HttpRequest) -> HttpResponse:
    """Every round that targets the person, with their answer's status."""
    today = timezone.localdate()
    rounds = list(selectors.rounds_for(request.user))
    return render(
        request,
        "competencies/survey_list.html",
        {
            "open_rounds": [survey for survey in rounds if survey.is_open(today)],
            "other_rounds": [survey for survey in rounds if not survey.is_open(today)],
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment(request: HttpRequest, round_pk: int) -> HttpResponse:
    """The person's self-assessment in a round: editable while the round is open and until submitted."""
    survey = selectors.get_round_for_person(request.user, round_pk)
    today = timezone.localdate()
    current = selectors.assessment_of(survey, request.user)
    page = build_page(survey, request.user, current)
    editable = survey.is_open(today) and not (current and current.is_submitted)
    status = 200
    draft_kept = False
    if request.method == "POST":
        if not editable:
            messages.error(request, _read_only_reason(survey, current, today))
            return redirect("competencies:assessment", round_pk=survey.pk)
        ratings = read_self_ratings(page, request.POST)
        # "submit", "draft", or "draft:<area>" from an area's own save button, which brings the person back there.
        action, _sep, area_pk = (request.POST.get("action") or "").partition(":")
        submit = action == "submit"
        if submit and not page.has_errors and any(not row.level for row in page.rows):
            # An incomplete submit keeps what was given as a draft and lists what is missing.
            try:
                current = assessment_save(round=survey, person=request.user, ratings=ratings, today=today)
            except CompetenceError as error:
                messages.error(request, error.message)
            else:
                draft_kept = True
            page.mark_missing_levels()
        if page.has_errors:
            status = 400
        else:
            try:
                assessment_save(round=survey, person=request.user, ratings=ratings, submit=submit, today=today)
            except CompetenceError as error:
                messages.error(request, error.message)
                status = 400
            else:
                if submit:
                    messages.success(request, _("Thank you: your self-assessment has been submitted."))
                    return redirect("competencies:assessment", round_pk=survey.pk)
                messages.success(request, _("Your answers have been saved as a draft."))
                address = reverse("competencies:assessment", args=[survey.pk])
                if area_pk.isdigit():
                    return redirect(f"{address}?area={area_pk}#area-{area_pk}")
                return redirect(address)
    page.unfold(request.GET.get("area", ""))
    context = {
        "round": survey,
        "assessment": current,
        "page": page,
        "editable": editable,
        "draft_kept": draft_kept,
        "read_only_reason": "" if editable else _read_only_reason(survey, current, today),
        "training_needs": TRAINING_NEEDS,
        "comment_max_length": COMMENT_MAX_LENGTH,
    }
    return render(request, "competencies/assessment_form.html", context, status=status)


def _date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _read_only_reason(survey, current: Assessment | None, today) -> str:
    if current and current.is_submitted:
        return _("You submitted this self-assessment on %(date)s; it can no longer be changed.") % {
            "date": _date(timezone.localtime(current.submitted_at)) if current.submitted_at else "–"
        }
    if survey.is_closed(today):
        return _("This survey round closed on %(date)s. The answers can no longer be changed.") % {
            "date": _date(survey.closes_on)
        }
    return _("This survey round opens on %(date)s.") % {"date": _date(survey.opens_on)}


@require_role(Role.MANAGER)
@require_safe
def team_assessments(request: HttpRequest) -> HttpResponse:
    """The manager's people's assessments in one round: status and whether the discussion was held."""
    rounds = list(selectors.rounds_for_team(request.user).select_related("version__framework"))
    chosen = None
    wanted = request.GET.get("round", "")
    for survey in rounds:
        if str(survey.pk) == wanted:
            chosen = survey
    if chosen is None and rounds:
        chosen = rounds[0]
    people = selectors.team_assessments(request.user, chosen) if chosen else []
    return render(
        request,
        "competencies/team_assessments.html",
        {"rounds": rounds, "round": chosen, "people": people},
    )


@require_role(Role.MANAGER)
@require_http_methods(["GET", "POST"])
def discussion(request: HttpRequest, assessment_pk: int) -> HttpResponse:
    """The manager's own level and comment beside the person's, and the discussion marked held."""
    current = selectors.get_assessment_for_manager(request.user, assessment_pk)
    person = current.person
    page = build_page(current.round, person, current)
    status = 200
    if request.method == "POST":
        ratings = read_manager_ratings(page, request.POST)
        if page.has_errors:
            messages.error(request, _("Check the answers marked below."))
            status = 400
        else:
            try:
                assessment_manager_rate(
                    assessment=current,
                    manager=request.user,
                    ratings=ratings,
                    discussed=bool(request.POST.get("discussed")),
                )
            except CompetenceError as error:
                messages.error(request, error.message)
                status = 400
            else:
                messages.success(
                    request, _("The manager's assessment of %(person)s has been saved.") % {"person": person}
                )
                return redirect(f"{reverse('competencies:team_assessments')}?round={current.round_id}")
    return render(
        request,
        "competencies/assessment_discussion.html",
        {
            "assessment": current,
            "person": person,
            "round": current.round,
            "page": page,
            "comment_max_length": COMMENT_MAX_LENGTH,
        },
        status=status,
    )
