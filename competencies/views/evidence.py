"""People list, add and delete their evidence; the person and their managers open the files."""

from __future__ import annotations

import mimetypes
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.private_files import private_file_response

from .. import selectors
from ..errors import CompetenceError
from ..forms import EvidenceForm
from ..services import evidence_create, evidence_delete
from ..validators import evidence_type, safe_file_name


@login_required
@require_safe
def evidence_list(request: HttpRequest) -> HttpResponse:
    return render(request, "competencies/evidence_list.html", {"evidence": selectors.evidence_of(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def evidence_new(request: HttpRequest) -> HttpResponse:
    form = EvidenceForm(request.POST or None, request.FILES or None, person=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            evidence_create(
                person=request.user,
                title=data["title"],
                issuer=data["issuer"],
                achieved_on=data["achieved_on"],
                competences=data["competences"],
                file=data["file"],
            )
        except CompetenceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The evidence has been added."))
            return redirect("competencies:evidence")
    status = 400 if request.method == "POST" else 200
    return render(request, "competencies/evidence_create.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST deletes the person's own external evidence (a course's stays)."""
    evidence = selectors.get_own_evidence(request.user, pk)
    if evidence.kind != evidence.Kind.EXTERNAL:
        raise Http404
    if request.method == "POST":
        evidence_delete(evidence=evidence)
        messages.success(request, _("The evidence “%(title)s” has been deleted.") % {"title": evidence.title})
        return redirect("competencies:evidence")
    return render(request, "competencies/evidence_delete.html", {"evidence": evidence})


@login_required
@require_safe
def evidence_file(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the file to the person or their managers (404 for anyone else) under the name it was uploaded with.

    Streamed, or handed to the reverse proxy with X-Accel-Redirect (core.private_files)."""
    evidence = selectors.get_evidence_file_for_user(request.user, pk)
    try:
        with evidence.file.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise Http404 from None
    name = evidence.file_name or PurePath(evidence.file.name).name
    # Files stored before names were checked still download under a safe name, typed by their content.
    content_type, extension = evidence_type(head) or (
        mimetypes.guess_type(name)[0] or "application/octet-stream",
        PurePath(name).suffix.lstrip(".") or "bin",
    )
    return private_file_response(evidence.file, filename=safe_file_name(name, extension), content_type=content_type)
