"""The organiser's pages: a session's participants and waiting list, the changes to them, and exports.

Organisers are the session's trainers, coordinators and administrators. Every view fetches the
session through ``get_session_for_organiser`` first (404 for a session the user does not
organise); the list needs the trainer, coordinator or administrator role (403 otherwise).
State changes are POST-only and go through ``training.services``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.http import file_response
from people.access import Role, require_role

from ..documents import participants as exports
from ..errors import TrainingError
from ..forms.organiser import (
    AddParticipantForm,
    CancelSessionForm,
    CapacityForm,
    MoveParticipantForm,
    RemoveParticipantForm,
    SessionFilterForm,
    organiser_message,
)
from ..models import ACTIVE_STATUSES, Enrolment, Session
from ..selectors import (
    export_roster,
    get_enrolment_in_session,
    get_session_for_organiser,
    move_targets,
    organiser_session_filter_choices,
    organiser_session_list,
    organiser_session_totals,
    promoted_among,
    session_roster,
    waiting_enrolment_ids,
)
from ..services import enrolment_cancel, enrolment_create, enrolment_move, session_cancel, session_set_capacity

SESSIONS_PER_PAGE = 25


def _session_url(session: Session) -> str:
    return reverse("training:organiser_session", args=[session.pk])


def _post_data(request: HttpRequest):
    """The POST data for a form that is bound on POST even when empty (a confirmation sends none)."""
    return request.POST if request.method == "POST" else None


def _refused_after_end(request: HttpRequest, session: Session) -> HttpResponse | None:
    """A change to the participants or seats of an ended session: say why and go back to the session."""
    if not session.has_ended:
        return None
    messages.error(request, TrainingError("session_ended").message)
    return redirect(_session_url(session))


def _promoted_message(request: HttpRequest, promoted: list[Enrolment]) -> None:
    if promoted:
        names = ", ".join(str(enrolment.person) for enrolment in promoted)
        messages.info(request, _("Promoted from the waiting list to a seat: %(names)s.") % {"names": names})


@require_role(Role.TRAINER, Role.COORDINATOR, Role.ADMINISTRATOR)
@require_GET
def session_list(request: HttpRequest) -> HttpResponse:
    """The sessions one organises, filtered by course, period, status and place, with the filtered totals."""
    courses, places = organiser_session_filter_choices(request.user)
    query = request.GET.copy()
    query.pop("page", None)
    form = SessionFilterForm(query or None, courses=courses, places=places)
    filters = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {
            "course_id": data["course"],
            "starts_from": data["starts_from"],
            "starts_until": data["starts_until"],
            "status": data["status"],
            "place": data["place"],
        }
    sessions = organiser_session_list(request.user, **filters)
    page_obj = Paginator(sessions, SESSIONS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "filtered": bool(filters) and any(filters.values()),
        "totals": organiser_session_totals(sessions),
        "page_obj": page_obj,
        "sessions": page_obj.object_list,
        "filter_query": query.urlencode(),
    }
    return render(request, "training/organiser/session_list.html", context)


def _render_session(
    request: HttpRequest,
    session: Session,
    *,
    add_form: AddParticipantForm | None = None,
    capacity_form: CapacityForm | None = None,
) -> HttpResponse:
    roster = session_roster(session)
    context = {
        "session": session,
        "days": list(session.days.all()),
        "trainers": list(session.trainers.all()),
        "roster": roster,
        "confirmed_count": len(roster.confirmed),
        "add_form": add_form or AddParticipantForm(prefix="add"),
        "capacity_form": capacity_form or CapacityForm(prefix="capacity", initial={"capacity": session.capacity}),
        "ended": session.has_ended,
        # After the last day the page leads with attendance and outcomes; seats no longer change.
        "can_change": not session.is_cancelled and not session.has_ended,
        # A refused change re-renders the page: a summary at the top links to the field below.
        "error_form": next((form for form in (add_form, capacity_form) if form is not None and form.errors), None),
    }
    return render(request, "training/organiser/session_detail.html", context)


@login_required
@require_GET
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_organiser(request.user, pk)
    return _render_session(request, session)


@login_required
@require_POST
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_organiser(request.user, pk)
    if refused := _refused_after_end(request, session):
        return refused
    form = AddParticipantForm(request.POST, prefix="add")
    if not form.is_valid():
        return _render_session(request, session, add_form=form)
    try:
        enrolment = enrolment_create(session=session, person=form.person, by=request.user)
    except TrainingError as error:
        form.add_error("email", organiser_message(error))
        return _render_session(request, session, add_form=form)
    if enrolment.status == Enrolment.Status.CONFIRMED:
        messages.success(request, _("%(person)s now has a seat in this session.") % {"person": enrolment.person})
    else:
        messages.success(
            request,
            _("The session is full: %(person)s is on the waiting list.") % {"person": enrolment.person},
        )
    return redirect(_session_url(session))


@login_required
@require_POST
def capacity_change(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_organiser(request.user, pk)
    if refused := _refused_after_end(request, session):
        return refused
    form = CapacityForm(request.POST, prefix="capacity")
    if not form.is_valid():
        return _render_session(request, session, capacity_form=form)
    waiting = waiting_enrolment_ids(session)
    try:
        session = session_set_capacity(session=session, capacity=form.cleaned_data["capacity"], by=request.user)
    except TrainingError as error:
        form.add_error("capacity", organiser_message(error))
        return _render_session(request, session, capacity_form=form)
    messages.success(request, _("The capacity is now %(capacity)s.") % {"capacity": session.capacity})
    _promoted_message(request, promoted_among(waiting))
    return redirect(_session_url(session))


@login_required
@require_http_methods(["GET", "POST"])
def participant_remove(request: HttpRequest, pk: int, enrolment_pk: int) -> HttpResponse:
    session = get_session_for_organiser(request.user, pk)
    if refused := _refused_after_end(request, session):
        return refused
    enrolment = get_enrolment_in_session(session, enrolment_pk)
    if enrolment.status not in ACTIVE_STATUSES:
        messages.error(request, TrainingError("not_active").message)
        return redirect(_session_url(session))
    form = RemoveParticipantForm(_post_data(request), prefix="remove")
    if request.method == "POST" and form.is_valid():
        waiting = waiting_enrolment_ids(session)
        try:
            enrolment_cancel(enrolment=enrolment, by=request.user, reason=form.cleaned_data["reason"])
        except TrainingError as error:
            messages.error(request, organiser_message(error))
            return redirect(_session_url(session))
        messages.success(request, _("%(person)s was removed from the session.") % {"person": enrolment.person})
        _promoted_message(request, promoted_among(waiting))
        return redirect(_session_url(session))
    return render(
        request,
        "training/organiser/enrolment_remove.html",
        {"session": session, "enrolment": enrolment, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def participant_move(request: HttpRequest, pk: int, enrolment_pk: int) -> HttpResponse:
    session = get_session_for_organiser(request.user, pk)
    if refused := _refused_after_end(request, session):
        return refused
    enrolment = get_enrolment_in_session(session, enrolment_pk)
    if enrolment.status not in ACTIVE_STATUSES:
        messages.error(request, TrainingError("not_active").message)
        return redirect(_session_url(session))
    targets = move_targets(session, organiser=request.user)
    form = MoveParticipantForm(_post_data(request), prefix="move", targets=targets)
    if request.method == "POST" and form.is_valid():
        waiting = waiting_enrolment_ids(session)
        try:
            moved = enrolment_move(enrolment=enrolment, to_session=form.cleaned_data["to_session"], by=request.user)
        except TrainingError as error:
            form.add_error("to_session", organiser_message(error))
        else:
            if moved.status == Enrolment.Status.CONFIRMED:
                text = _("%(person)s was moved to the session %(session)s.")
            else:
                text = _("%(person)s was moved to the waiting list of the session %(session)s.")
            messages.success(request, text % {"person": moved.person, "session": moved.session})
            _promoted_message(request, promoted_among(waiting))
            return redirect(_session_url(session))
    return render(
        request,
        "training/organiser/enrolment_move.html",
        {"session": session, "enrolment": enrolment, "form": form, "has_targets": targets.exists()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_cancel_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_organiser(request.user, pk)
    if refused := _refused_after_end(request, session):
        return refused
    if session.is_cancelled:
        messages.error(request, TrainingError("session_cancelled").message)
        return redirect(_session_url(session))
    form = CancelSessionForm(_post_data(request), prefix="cancel")
    if request.method == "POST" and form.is_valid():
        try:
            session_cancel(session=session, reason=form.cleaned_data["reason"], by=request.user)
        except TrainingError as error:
            form.add_error("reason", organiser_message(error))
        else:
            messages.success(request, _("The session was cancelled and everyone enrolled has been notified."))
            return redirect(_session_url(session))
    active_count = session.enrolments.filter(status__in=ACTIVE_STATUSES).count()
    return render(
        request,
        "training/organiser/session_cancel.html",
        {"session": session, "form": form, "active_count": active_count},
    )


@login_required
@require_GET
def participants_csv(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_organiser(request.user, pk)
    return file_response(
        exports.participants_csv(export_roster(session)),
        "text/csv; charset=utf-8",
        exports.export_filename(session, "csv"),
    )


@login_required
@require_GET
def participants_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_organiser(request.user, pk)
    return file_response(
        exports.participants_xlsx(export_roster(session)),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        exports.export_filename(session, "xlsx"),
    )


@login_required
@require_GET
def signin_sheet(request: HttpRequest, pk: int, day_pk: int) -> HttpResponse:
    session = get_session_for_organiser(request.user, pk)
    days = list(session.days.all())
    day = next((day for day in days if day.pk == day_pk), None)
    if day is None:
        raise Http404
    pdf = exports.signin_sheet_pdf(
        session=session, day=day, days=days, roster=session_roster(session), trainers=session.trainers.all()
    )
    return file_response(pdf, "application/pdf", exports.signin_filename(session, day), as_attachment=False)
