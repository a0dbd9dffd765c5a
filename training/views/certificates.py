"""Certificates: the public verification page, downloads, the transcript, and the organiser's pages.

See training/urls/certificates.py. The verification page is public and shows the status, the name,
the course and the date only. PDFs download for the holder, the session's trainers, coordinators
and administrators (404 for anyone else). The organiser's pages fetch the session through
``get_session_for_organiser`` first, like the other organiser pages.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe

from core.http import file_response
from core.private_files import private_file_response

from ..documents.participants import export_filename
from ..documents.transcript import transcript_csv, transcript_filename, transcript_pdf
from ..errors import TrainingError
from ..forms.certificates import CertificateBatchForm, RevokeCertificateForm, VerifyCodeForm
from ..models import Certificate, CertificateBatch
from ..selectors import certificates as selectors
from ..selectors import get_session_for_organiser
from ..services.certificate_batches import certificate_batch_create
from ..services.certificates import (
    certificate_pdf_get,
    certificate_revoke,
    certificates_issue_for_session,
)

PROGRESS_REFRESH_SECONDS = 2


def certificate_filename(certificate: Certificate) -> str:
    return f"todistus-{certificate.code}.pdf"


def certificate_pdf_response(certificate: Certificate) -> HttpResponse:
    """The certificate's PDF inline (rendered and stored on the first download); 404 when revoked."""
    try:
        content = certificate_pdf_get(certificate=certificate)
    except TrainingError:
        raise Http404 from None
    return file_response(content, "application/pdf", certificate_filename(certificate), as_attachment=False)


# Public verification
# ------------------------------------------------------------------------------


def _noindex(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_GET
def verify_form(request: HttpRequest) -> HttpResponse:
    """Type a code: a well-formed one goes to its verification page, anything else re-displays the form."""
    form = VerifyCodeForm(request.GET if "code" in request.GET else None)
    if form.is_bound and form.is_valid():
        return redirect("training:certificate_verify", code=form.cleaned_data["code"])
    return _noindex(render(request, "training/certificates/verify_form.html", {"form": form}))


@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Valid, revoked or expired, with the name, course and date; an unknown or malformed code is a friendly 404.

    A code typed into the address as on paper (small letters, spaces or dashes between the groups)
    redirects permanently to the page of the normalised code.
    """
    normalised = selectors.normalise_code(code)
    if normalised != code and selectors.is_well_formed_code(normalised):
        return redirect("training:certificate_verify", code=normalised, permanent=True)
    certificate = selectors.get_certificate_by_code(code)
    if certificate is None:
        response = render(request, "training/certificates/verify_unknown.html", {"form": VerifyCodeForm()}, status=404)
        return _noindex(response)
    if certificate.is_revoked:
        state = "revoked"
    elif certificate.is_expired():
        state = "expired"
    else:
        state = "valid"
    return _noindex(render(request, "training/certificates/verify.html", {"certificate": certificate, "state": state}))


# Downloads: a certificate, the transcript
# ------------------------------------------------------------------------------


@login_required
@require_safe
def certificate_pdf(request: HttpRequest, code: str) -> HttpResponse:
    certificate = selectors.get_certificate_for_download(request.user, code)
    return certificate_pdf_response(certificate)


@login_required
@require_safe
def my_transcript_pdf(request: HttpRequest) -> HttpResponse:
    transcript = selectors.transcript(request.user)
    return file_response(transcript_pdf(transcript), "application/pdf", transcript_filename(transcript, "pdf"))


@login_required
@require_safe
def my_transcript_csv(request: HttpRequest) -> HttpResponse:
    transcript = selectors.transcript(request.user)
    return file_response(transcript_csv(transcript), "text/csv; charset=utf-8", transcript_filename(transcript, "csv"))


# The organiser
# ------------------------------------------------------------------------------


def _session_url(session) -> str:
    return reverse("training:organiser_session", args=[session.pk]) + "#certificates-heading"


@login_required
@require_http_methods(["GET", "POST"])
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST issues certificates to everyone who completed and has none."""
    session = get_session_for_organiser(request.user, pk)
    panel = selectors.session_certificates(session)
    if request.method == "POST":
        try:
            issued = certificates_issue_for_session(session=session, issued_by=request.user)
        except TrainingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Certificates issued: %(count)s.") % {"count": len(issued)})
        return redirect(_session_url(session))
    return render(request, "training/organiser/certificate_issue.html", {"session": session, "panel": panel})


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request: HttpRequest, pk: int, certificate_pk: int) -> HttpResponse:
    session = get_session_for_organiser(request.user, pk)
    certificate = selectors.get_certificate_in_session(session, certificate_pk)
    if certificate.is_revoked:
        messages.error(request, TrainingError("certificate_revoked").message)
        return redirect(_session_url(session))
    form = RevokeCertificateForm(request.POST if request.method == "POST" else None, prefix="revoke")
    if request.method == "POST" and form.is_valid():
        try:
            certificate_revoke(certificate=certificate, reason=form.cleaned_data["reason"], revoked_by=request.user)
        except TrainingError as error:
            form.add_error("reason", error.message)
        else:
            messages.success(
                request, _("The certificate of %(person)s was revoked.") % {"person": certificate.holder_name}
            )
            return redirect(_session_url(session))
    return render(
        request,
        "training/organiser/certificate_revoke.html",
        {"session": session, "certificate": certificate, "form": form},
    )


@login_required
@require_POST
def batch_create(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_organiser(request.user, pk)
    form = CertificateBatchForm(request.POST, prefix="batch")
    if not form.is_valid():
        messages.error(request, _("Choose the format of the download."))
        return redirect(_session_url(session))
    batch = certificate_batch_create(session=session, format=form.cleaned_data["format"], requested_by=request.user)
    return redirect("training:organiser_certificate_batch", pk=session.pk, batch_pk=batch.pk)


@login_required
@require_GET
def batch_detail(request: HttpRequest, pk: int, batch_pk: int) -> HttpResponse:
    """The progress of a download; the page reloads itself (meta refresh, no script) until it is ready."""
    session = get_session_for_organiser(request.user, pk)
    batch = selectors.get_batch_in_session(session, batch_pk)
    running = batch.status in (CertificateBatch.Status.QUEUED, CertificateBatch.Status.RUNNING)
    running = running and not batch.is_stalled()  # a stalled one shows as failed, with "prepare again"
    context = {
        "session": session,
        "batch": batch,
        "running": running,
    }
    response = render(request, "training/organiser/certificate_batch.html", context)
    if running:
        # The Refresh header reloads the page like <meta http-equiv="refresh">, with no script.
        response["Refresh"] = str(PROGRESS_REFRESH_SECONDS)
    return response


@login_required
@require_GET
def batch_download(request: HttpRequest, pk: int, batch_pk: int) -> HttpResponse:
    session = get_session_for_organiser(request.user, pk)
    batch = selectors.get_batch_in_session(session, batch_pk)
    if batch.status != CertificateBatch.Status.DONE or not batch.file:
        raise Http404
    content_type = "application/pdf" if batch.format == CertificateBatch.Format.PDF else "application/zip"
    filename = export_filename(session, batch.format, stem="todistukset")
    return private_file_response(batch.file, filename=filename, content_type=content_type)
