"""Staff enrol, cancel and follow their trainings; managers decide requests. See training/urls/enrolments.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from people.access import Role, require_role

from .. import selectors
from ..errors import TrainingError
from ..forms.enrolments import DeclineForm
from ..models import CoursePage, Enrolment, Session
from ..services import enrolment_approve, enrolment_cancel, enrolment_create, enrolment_decline

Status = Enrolment.Status
APPROVALS_PER_PAGE = 50


def _date(session: Session) -> str:
    if session.starts_at is None:
        return "–"
    return formats.date_format(timezone.localtime(session.starts_at), "SHORT_DATE_FORMAT")


def _course_redirect(request: HttpRequest, course: CoursePage) -> HttpResponse:
    url = course.get_url(request)
    return redirect(url) if url else redirect("training:my_trainings")


def _enrolment_outcome(enrolment: Enrolment, course: CoursePage) -> str:
    names = {"course": course.title, "date": _date(enrolment.session)}
    if enrolment.status == Status.CONFIRMED:
        return _("Your place in %(course)s on %(date)s is confirmed.") % names
    if enrolment.status == Status.WAITING:
        position = enrolment.queue_position
        return _(
            "%(course)s on %(date)s is full. You are on the waiting list at position %(position)s "
            "and will be told if a place frees up."
        ) % {**names, "position": position}
    return (
        _(
            "Your request to join %(course)s on %(date)s has been sent to your manager. "
            "It holds no seat until it is approved."
        )
        % names
    )


def _cancel_outcome(enrolment: Enrolment, course: CoursePage) -> str:
    """What happened, by the status ``enrolment`` had before it was cancelled."""
    names = {"course": course.title, "date": _date(enrolment.session)}
    if enrolment.status == Status.WAITING:
        return _("You have left the waiting list for %(course)s on %(date)s.") % names
    if enrolment.status == Status.AWAITING_APPROVAL:
        return _("Your request to join %(course)s on %(date)s has been withdrawn.") % names
    return _("Your enrolment in %(course)s on %(date)s has been cancelled.") % names


@login_required
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST enrols: a seat, the waiting list or a request to the manager."""
    session = selectors.get_session_for_enrolment(pk)
    course = session.course.localized
    if request.method == "POST":
        try:
            enrolment = enrolment_create(session=session, person=request.user, by=request.user)
        except TrainingError as error:
            messages.error(request, error.message)
            return _course_redirect(request, course)
        messages.success(request, _enrolment_outcome(enrolment, course))
        return redirect("training:my_trainings")
    refusal = selectors.enrolment_refusal(session, request.user)
    if refusal is not None:
        messages.error(request, refusal.message)
        return _course_redirect(request, course)
    context = {
        "session": session,
        "course": course,
        "course_url": course.get_url(request),
        # Without approval a full session queues the person behind everyone waiting.
        "queue_position": session.waiting_count + 1 if session.seats_left == 0 else None,
    }
    return render(request, "training/enrolments/confirm.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def cancel_enrolment(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST cancels the person's own enrolment (someone else's is 404)."""
    enrolment = selectors.get_enrolment_of_person(request.user, pk)
    course = enrolment.session.course.localized
    if request.method == "POST":
        try:
            enrolment_cancel(enrolment=enrolment, by=request.user)
        except TrainingError as error:
            messages.error(request, error.message)
            return redirect("training:my_trainings")
        messages.success(request, _cancel_outcome(enrolment, course))
        return redirect("training:my_trainings")
    refusal = selectors.cancellation_refusal(enrolment)
    if refusal is not None:
        messages.error(request, refusal.message)
        return redirect("training:my_trainings")
    session = selectors.session_with_counts(enrolment.session_id)
    return render(
        request,
        "training/enrolments/cancel.html",
        {"enrolment": enrolment, "session": session, "course": course},
    )


@login_required
@require_safe
def my_trainings(request: HttpRequest) -> HttpResponse:
    return render(request, "training/enrolments/my_trainings.html", selectors.my_trainings(request.user))


@require_role(Role.MANAGER)
@require_safe
def approvals(request: HttpRequest) -> HttpResponse:
    """Requests from the people of the units the manager manages, oldest first."""
    page_obj = Paginator(selectors.enrolments_awaiting_approval_by(request.user), APPROVALS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    requests = list(page_obj.object_list)
    selectors.attach_courses_in_active_language(requests)
    return render(request, "training/enrolments/approvals.html", {"page_obj": page_obj, "requests": requests})


@require_role(Role.MANAGER)
@require_http_methods(["GET", "POST"])
def approval_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve (a free seat or the waiting list) or decline with a reason; another unit's request is 404."""
    enrolment = selectors.get_enrolment_awaiting_approval_by(request.user, pk)
    selectors.attach_courses_in_active_language([enrolment])
    decision = request.POST.get("decision") if request.method == "POST" else None
    form = DeclineForm(request.POST if decision == "decline" else None)
    decision_error = ""
    if request.method == "POST" and decision not in ("approve", "decline"):
        # Neither form sent (a stale page, a tampered field): both choices again, saying what is missing.
        decision_error = _("Choose whether to approve or decline the request.")
    elif request.method == "POST":
        person = enrolment.person
        names = {"person": person, "course": enrolment.course.title, "date": _date(enrolment.session)}
        try:
            if decision == "approve":
                enrolment = enrolment_approve(enrolment=enrolment, by=request.user)
                if enrolment.status == Status.CONFIRMED:
                    message = _("Approved: %(person)s has a place in %(course)s on %(date)s.") % names
                else:
                    message = _(
                        "Approved, but %(course)s on %(date)s is full: %(person)s is on the waiting list "
                        "at position %(position)s."
                    ) % {**names, "position": enrolment.queue_position}
                messages.success(request, message)
                return redirect("training:approvals")
            if form.is_valid():
                enrolment_decline(enrolment=enrolment, by=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, _("Declined the request of %(person)s for %(course)s on %(date)s.") % names)
                return redirect("training:approvals")
        except TrainingError as error:
            messages.error(request, error.message)
            return redirect("training:approvals")
    session = selectors.session_with_counts(enrolment.session_id)
    context = {
        "enrolment": enrolment,
        "session": session,
        "form": form,
        "queue_position": session.waiting_count + 1 if session.seats_left == 0 else None,
        "decision_error": decision_error,
    }
    return render(request, "training/enrolments/approval_decide.html", context, status=400 if decision_error else 200)
