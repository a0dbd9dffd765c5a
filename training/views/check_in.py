"""Self check-in for participants: type the code (/check-in/) or scan the QR code (/check-in/<code>/).

Someone not signed in is sent to sign in and comes back to the same address; there one button
press (a POST) checks them in. Refusals say why and record nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..errors import TrainingError
from ..forms.attendance import CheckInForm
from ..models import CheckIn
from ..services import check_in_complete
from ..services.check_in import check_in_refusal, get_check_in, is_present

# Wrong codes a person may try in FAILURE_WINDOW seconds before being asked to wait.
FAILURE_LIMIT = 10
FAILURE_WINDOW = 15 * 60


def _failures_key(request: HttpRequest) -> str:
    return f"training:check-in-failures:{request.user.pk}"


def _blocked(request: HttpRequest) -> bool:
    return cache.get(_failures_key(request), 0) >= FAILURE_LIMIT


def _count(request: HttpRequest, error: TrainingError) -> TrainingError:
    """Wrong codes count towards a limit per person, so that codes cannot be guessed."""
    if error.code == "check_in_unknown":
        cache.add(_failures_key(request), 0, FAILURE_WINDOW)
        cache.incr(_failures_key(request))
    return error


def _complete(request: HttpRequest, code: str) -> TrainingError | None:
    """Check in, or the refusal."""
    if _blocked(request):
        return TrainingError("check_in_too_many_attempts")
    try:
        attendance, recorded = check_in_complete(code=code, person=request.user)
    except TrainingError as error:
        return _count(request, error)
    day = attendance.day
    facts = {
        "course": day.session.course.localized.title,
        "date": formats.date_format(timezone.localtime(day.starts_at), "SHORT_DATE_FORMAT"),
    }
    if recorded:
        messages.success(request, _("You are checked in to %(course)s on %(date)s. Welcome!") % facts)
    else:
        messages.info(request, _("You are already marked present for %(course)s on %(date)s.") % facts)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request: HttpRequest) -> HttpResponse:
    """Type the code shown by the trainer."""
    form = CheckInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        error = _complete(request, form.cleaned_data["code"])
        if error is None:
            return redirect("training:my_trainings")
        form.add_error("code", error.message)
    return render(request, "training/attendance/check_in.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def check_in_code(request: HttpRequest, code: str) -> HttpResponse:
    """The QR code's address: shows what one is checking in to, and checks in with one press (or says
    that one is already present)."""
    check_in: CheckIn | None = None
    if _blocked(request):
        refusal = TrainingError("check_in_too_many_attempts")
    else:
        try:
            check_in = get_check_in(code)
        except TrainingError as error:
            refusal = _count(request, error)
        else:
            refusal = check_in_refusal(check_in, request.user)
    if request.method == "POST" and refusal is None:
        refusal = _complete(request, code)
        if refusal is None:
            return redirect("training:my_trainings")
    present = refusal is None and is_present(check_in, request.user)
    return render(
        request,
        "training/attendance/check_in_confirm.html",
        {"check_in": check_in, "refusal": refusal, "present": present, "code": code, "form": CheckInForm()},
    )
