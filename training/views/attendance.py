"""The organiser's attendance pages: the sheet of a day, importing a file, and the check-in screen.

Like the other organiser pages, each view first fetches the session through
``get_session_for_organiser`` (404 for a session the user does not organise) and changes
state only on POST, through ``training.services``.
"""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from core.urls import absolute_url

from ..errors import TrainingError
from ..forms.attendance import AttendanceImportConfirmForm, AttendanceImportForm, AttendanceSheetForm
from ..models import CheckIn, Session, SessionDay
from ..selectors import get_session_for_organiser
from ..selectors.attendance import attendance_sheet_rows, get_day_of_session
from ..services import attendance_import, attendance_mark_all_present, attendance_sheet_save, check_in_open
from ..services.check_in import check_in_window


def _sheet_url(session: Session, day: SessionDay) -> str:
    return reverse("training:attendance_sheet", args=[session.pk, day.pk])


def cancelled_message() -> str:
    return _("This session has been cancelled, so attendance cannot be recorded for it.")


def _refuse_if_cancelled(request: HttpRequest, session: Session, to: str) -> HttpResponse | None:
    """For a POST to a cancelled session: the reason as a message and back to ``to``; else None."""
    if not session.is_cancelled:
        return None
    messages.error(request, cancelled_message())
    return redirect(to)


@login_required
@require_http_methods(["GET", "POST"])
def attendance_sheet(request: HttpRequest, pk: int, day_pk: int) -> HttpResponse:
    session = get_session_for_organiser(request.user, pk)
    day = get_day_of_session(session, day_pk)
    if request.method == "POST" and (refusal := _refuse_if_cancelled(request, session, _sheet_url(session, day))):
        return refusal
    participants = attendance_sheet_rows(session, day)
    form = AttendanceSheetForm(request.POST if request.method == "POST" else None, day=day, participants=participants)
    if request.method == "POST" and form.is_valid():
        try:
            attendance_sheet_save(day=day, marks=form.marks(), recorded_by=request.user)
        except TrainingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The attendance was saved."))
            return redirect(_sheet_url(session, day))
    days = list(session.days.all())
    return render(
        request,
        "training/attendance/attendance_sheet.html",
        {"session": session, "day": day, "days": days, "form": form, "can_change": not session.is_cancelled},
    )


@login_required
@require_POST
def attendance_mark_all(request: HttpRequest, pk: int, day_pk: int) -> HttpResponse:
    session = get_session_for_organiser(request.user, pk)
    day = get_day_of_session(session, day_pk)
    if refusal := _refuse_if_cancelled(request, session, _sheet_url(session, day)):
        return refusal
    marked = attendance_mark_all_present(day=day, recorded_by=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)s participant not yet marked was marked present.",
            "%(count)s participants not yet marked were marked present.",
            marked,
        )
        % {"count": marked},
    )
    return redirect(_sheet_url(session, day))


# Importing a file
# ------------------------------------------------------------------------------


def _render_import(request: HttpRequest, session: Session, **context) -> HttpResponse:
    return render(request, "training/attendance/attendance_import.html", {"session": session, **context})


@login_required
@require_http_methods(["GET", "POST"])
def attendance_import_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a file: the answer is a dry-run report and, when it can be applied, a confirmation button."""
    session = get_session_for_organiser(request.user, pk)
    days = session.days.all()
    if request.method != "POST":
        return _render_import(request, session, form=AttendanceImportForm(days=days, initial={"day": days.first()}))
    if refusal := _refuse_if_cancelled(request, session, reverse("training:attendance_import", args=[session.pk])):
        return refusal
    form = AttendanceImportForm(request.POST, request.FILES, days=days)
    if not form.is_valid():
        return _render_import(request, session, form=form)
    day, data = form.cleaned_data["day"], form.cleaned_data["file"]
    try:
        report = attendance_import(session=session, day=day, data=data, dry_run=True, recorded_by=request.user)
    except TrainingError as error:
        form.add_error("file", error.message)
        return _render_import(request, session, form=form)
    confirm = AttendanceImportConfirmForm.for_file(
        session_pk=session.pk, user_pk=request.user.pk, day_pk=day.pk, data=data
    )
    return _render_import(request, session, form=form, report=report, confirm_form=confirm)


@login_required
@require_POST
def attendance_import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply exactly the reviewed file (its content comes back signed), all or nothing."""
    session = get_session_for_organiser(request.user, pk)
    if refusal := _refuse_if_cancelled(request, session, reverse("training:attendance_import", args=[session.pk])):
        return refusal
    days = session.days.all()
    confirm = AttendanceImportConfirmForm(request.POST, session_pk=session.pk, user_pk=request.user.pk)
    if not confirm.is_valid():
        messages.error(request, " ".join(confirm.non_field_errors()) or _("Upload the file again."))
        return redirect("training:attendance_import", session.pk)
    day = get_day_of_session(session, confirm.cleaned_data["day"])
    try:
        report = attendance_import(
            session=session, day=day, data=confirm.cleaned_data["content"], dry_run=False, recorded_by=request.user
        )
    except TrainingError as error:
        form = AttendanceImportForm(days=days, initial={"day": day})
        form.add_error(None, error.message)
        return _render_import(request, session, form=form)
    messages.success(
        request,
        _("Attendance recorded from the file for %(count)s participants.") % {"count": len(report.matches)},
    )
    return redirect(_sheet_url(session, day))


# The check-in screen
# ------------------------------------------------------------------------------


def _absolute(name: str, language: str, *args) -> str:
    """An address of the site in the session's language (participants follow it on their phones)."""
    with translation.override(language):
        path = reverse(name, args=args)
    return absolute_url(path)


def check_in_url(check_in: CheckIn, language: str) -> str:
    """The address in the QR code."""
    return _absolute("training:check_in_code", language, check_in.code)


def qr_svg(url: str, label: str) -> str:
    """An inline SVG (no data: URL, no style attribute) that scales with CSS."""
    svg = segno.make(url, error="m").svg_inline(
        scale=1, border=2, omitsize=True, svgclass="qr-code", lineclass=None, light="#fff"
    )
    return format_html('<svg role="img" aria-label="{}" {}', label, mark_safe(svg.removeprefix("<svg ")))  # noqa: S308


@login_required
@require_http_methods(["GET", "POST"])
def check_in_screen(request: HttpRequest, pk: int, day_pk: int) -> HttpResponse:
    """GET shows the day's code and QR code once opened; POST opens it (one code for the whole day)."""
    session = get_session_for_organiser(request.user, pk)
    day = get_day_of_session(session, day_pk)
    screen = reverse("training:check_in_screen", args=[session.pk, day.pk])
    if request.method == "POST":
        if refusal := _refuse_if_cancelled(request, session, screen):
            return refusal
        check_in_open(day=day, opened_by=request.user)
        return redirect(screen)
    check_in = CheckIn.objects.filter(day=day).first()
    opens, closes = check_in_window(day)
    context = {"session": session, "day": day, "check_in": check_in, "opens": opens, "closes": closes}
    if check_in is not None and not session.is_cancelled:
        url = check_in_url(check_in, session.language)
        context |= {
            "url": url,
            "entry_url": _absolute("training:check_in", session.language),
            "qr": qr_svg(url, _("QR code for checking in: %(url)s") % {"url": url}),
            "now_open": opens <= timezone.now() <= closes,
            "present_count": day.attendances.filter(status="present", enrolment__status="confirmed").count(),
            "confirmed_count": session.enrolments.filter(status="confirmed").count(),
        }
    return render(request, "training/attendance/check_in_screen.html", context)
