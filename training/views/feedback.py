"""Feedback: the attendee's answer form and the results for trainers, coordinators and administrators.

The answer form is the person's own (someone else's enrolment is 404). Results per session
follow ``get_session_for_organiser`` (the session's trainers, coordinators, administrators);
results per course cover the sessions of the course the user organises, over a period.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.http import file_response
from people.access import Role, require_role

from ..documents import feedback as exports
from ..errors import TrainingError
from ..forms.feedback import FeedbackAnswerForm, PeriodForm
from ..models import Session
from ..selectors import attach_courses_in_active_language, get_session_for_organiser
from ..selectors.feedback import (
    feedback_form_for,
    feedback_refusal,
    get_course_for_results,
    get_enrolment_for_feedback,
    in_period,
    with_feedback_counts,
)
from ..selectors.feedback_results import feedback_results
from ..services.feedback import feedback_submit

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _date(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATE_FORMAT") if moment else "–"


@login_required
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """GET shows the form (or why there is none); POST stores the answers once and thanks the person."""
    enrolment = get_enrolment_for_feedback(request.user, pk)
    attach_courses_in_active_language([enrolment])
    session = enrolment.session
    refusal = feedback_refusal(enrolment, answered=enrolment.answered)
    feedback_form = None if refusal else feedback_form_for(session)
    form = None
    if feedback_form is not None:
        form = FeedbackAnswerForm(request.POST if request.method == "POST" else None, feedback_form=feedback_form)
        if form.is_bound and form.is_valid():
            try:
                feedback_submit(enrolment=enrolment, answers=form.answers())
            except TrainingError as error:
                if error.code != "feedback_invalid":
                    messages.error(request, error.message)
                    return redirect("training:feedback_answer", pk=enrolment.pk)
                form.add_error(error.params.get("question"), error.message)
            else:
                messages.success(request, _("Thank you for your feedback!"))
                return redirect("training:feedback_answer", pk=enrolment.pk)
    context = {
        "enrolment": enrolment,
        "session": session,
        "course": enrolment.course,
        "form": form,
        "refusal": TrainingError(refusal).message if refusal else "",
        "answered": enrolment.answered,
        "unavailable": not refusal and feedback_form is None,
    }
    return render(request, "training/feedback/answer.html", context, status=200)


# Results
# ------------------------------------------------------------------------------


def _session_title(session: Session) -> str:
    return f"{session.course.localized.title} {_date(session.starts_at)}"


@login_required
@require_GET
def session_results(request: HttpRequest, pk: int, extension: str = "") -> HttpResponse:
    session = get_session_for_organiser(request.user, pk)
    results = feedback_results(Session.objects.filter(pk=session.pk))
    title = _session_title(session)
    if extension:
        stamp = f"{timezone.localtime(session.starts_at):%Y-%m-%d}" if session.starts_at else ""
        filename = exports.export_filename(session.course.slug, extension, stamp)
        builder = exports.feedback_csv if extension == "csv" else exports.feedback_xlsx
        return file_response(builder(results, title=title), CONTENT_TYPES[extension], filename)
    context = {
        "session": session,
        "course": session.course.localized,
        "title": title,
        "results": results,
        "course_results_url": reverse("training:feedback_course", args=[session.course_id]),
        "csv_url": reverse("training:feedback_session_export", args=[session.pk, "csv"]),
        "xlsx_url": reverse("training:feedback_session_export", args=[session.pk, "xlsx"]),
    }
    return render(request, "training/feedback/session.html", context)


@require_role(Role.TRAINER, Role.COORDINATOR, Role.ADMINISTRATOR)
@require_GET
def course_results(request: HttpRequest, pk: int, extension: str = "") -> HttpResponse:
    course, sessions = get_course_for_results(request.user, pk)
    course = course.localized
    period_form = PeriodForm(request.GET if request.GET else None)
    start, end = period_form.period()
    sessions = in_period(sessions, start, end)
    results = feedback_results(sessions)
    title = course.title
    if start or end:
        title = f"{title} {formats.date_format(start, 'SHORT_DATE_FORMAT') if start else ''}–" + (
            formats.date_format(end, "SHORT_DATE_FORMAT") if end else ""
        )
    if extension:
        suffix = "-".join(f"{day:%Y-%m-%d}" for day in (start, end) if day)
        filename = exports.export_filename(course.slug, extension, suffix)
        builder = exports.feedback_csv if extension == "csv" else exports.feedback_xlsx
        return file_response(builder(results, title=title), CONTENT_TYPES[extension], filename)
    query = request.GET.urlencode()
    context = {
        "course": course,
        "title": title,
        "period_form": period_form,
        "results": results,
        "sessions": list(with_feedback_counts(sessions).order_by("-starts_at", "-pk")),
        "csv_url": reverse("training:feedback_course_export", args=[pk, "csv"]) + (f"?{query}" if query else ""),
        "xlsx_url": reverse("training:feedback_course_export", args=[pk, "xlsx"]) + (f"?{query}" if query else ""),
    }
    return render(request, "training/feedback/course.html", context)
