"""A session's certificates as one download (``CertificateBatch``): the request, its task and the builder.

* ZIP: one PDF per certificate. Stored PDFs are reused; the missing ones are rendered and stored,
  so each certificate is rendered once in its life. They are laid out ZIP_CHUNK at a time as one
  document each, split into a PDF per certificate (``training.documents.pdf.split_pages``), by a pool of
  worker processes when the machine has more than one core and there are enough of them.
* PDF for printing: one document with a page per certificate, laid out in chunks (progress is
  reported after each) whose pages are then written as one tagged file, in this process.

``done`` grows as the work goes, for the progress page. Any failure marks the batch failed with
the error kept for the logs; the page then offers to try again.
"""

from __future__ import annotations

import io
import logging
import time
import zipfile

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from people.models import User

from ..documents.certificates import certificate_items, certificates_html, with_document_data
from ..documents.participants import export_filename
from ..documents.pdf import available_processes, document, render_split, write_pdf
from ..models import Certificate, CertificateBatch, Session
from .certificates import certificate_pdf_store

logger = logging.getLogger(__name__)

PRINT_CHUNK = 25  # pages rendered between two progress updates of the printable PDF
# Certificates laid out as one document in the ZIP's rendering: large enough to share the set-up,
# small enough to spread a session over the workers and report progress as it goes.
ZIP_CHUNK = 10
PROGRESS_EVERY_S = 0.5
# A pool costs a second or so to start: only worth it for this many renders or more.
POOL_THRESHOLD = 20


def batch_certificates(session_id: int) -> list[Certificate]:
    """The session's valid (not revoked) certificates in name order, with what their pages show."""
    certificates = Certificate.objects.filter(session_id=session_id, revoked_at__isnull=True)
    return list(with_document_data(certificates).order_by("holder_name", "pk"))


def render_processes(count: int) -> int:
    """Worker processes for ``count`` renders: CERTIFICATE_RENDER_PROCESSES (default: the cores), 1 for few."""
    if count < POOL_THRESHOLD:
        return 1
    configured = getattr(settings, "CERTIFICATE_RENDER_PROCESSES", None)
    return max(1, min(configured or available_processes(), count))


class Progress:
    """Writes ``done`` to the batch row at most every PROGRESS_EVERY_S seconds (and at the end)."""

    def __init__(self, batch: CertificateBatch) -> None:
        self.batch = batch
        self.done = 0
        self.written_at = 0.0

    def add(self, count: int = 1, *, force: bool = False) -> None:
        self.done += count
        now = time.monotonic()
        if force or now - self.written_at >= PROGRESS_EVERY_S:
            CertificateBatch.objects.filter(pk=self.batch.pk).update(done=self.done)
            self.written_at = now


def _zip(certificates: list[Certificate], progress: Progress) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:  # PDFs are compressed

        def add(certificate: Certificate, content: bytes) -> None:
            archive.writestr(_entry_name(certificate), content)
            progress.add()

        missing = []
        for certificate in certificates:
            if certificate.pdf:
                try:
                    with certificate.pdf.open("rb") as stored:
                        add(certificate, stored.read())
                    continue
                except FileNotFoundError:
                    Certificate.objects.filter(pk=certificate.pk).update(pdf="")
                    certificate.pdf.name = ""
            missing.append(certificate)
        chunks = [missing[start : start + ZIP_CHUNK] for start in range(0, len(missing), ZIP_CHUNK)]
        htmls = (certificates_html(certificate_items(chunk)) for chunk in chunks)
        for chunk, contents in zip(chunks, render_split(htmls, processes=render_processes(len(missing))), strict=True):
            for certificate, content in zip(chunk, contents, strict=True):
                certificate_pdf_store(certificate=certificate, content=content)
                add(certificate, content)
    return buffer.getvalue()


def _entry_name(certificate: Certificate) -> str:
    """``<name-slug>-<code>.pdf``: ASCII, and unique through the code."""
    from django.utils.text import slugify

    return f"{slugify(certificate.holder_name) or 'todistus'}-{certificate.code}.pdf"


def _printable(certificates: list[Certificate], progress: Progress, title: str) -> bytes:
    """One PDF with a page per certificate, for printing: laid out PRINT_CHUNK certificates at a time
    (progress is reported after each) and written once, in this process.

    Parts laid out elsewhere could only be joined by copying pages, which drops the tagged structure
    a PDF/UA document needs; the pages of one process are written as one tagged document.
    """
    items = certificate_items(certificates)
    if not items:
        return write_pdf(document(certificates_html([], title=title)))
    pages = []
    first = None
    for start in range(0, len(items), PRINT_CHUNK):
        chunk = items[start : start + PRINT_CHUNK]
        rendered = document(certificates_html(chunk, title=title)).render()
        first = first or rendered
        pages.extend(rendered.pages)
        progress.add(len(chunk))
    return write_pdf(first.copy(pages))


def build_batch(batch_id: int) -> CertificateBatch:
    """Build the batch's file; mark it done (or failed) with the time."""
    batch = CertificateBatch.objects.select_related("session__course").get(pk=batch_id)
    if batch.status == CertificateBatch.Status.DONE:
        return batch
    certificates = batch_certificates(batch.session_id)
    CertificateBatch.objects.filter(pk=batch.pk).update(
        status=CertificateBatch.Status.RUNNING, total=len(certificates), done=0
    )
    progress = Progress(batch)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            if batch.format == CertificateBatch.Format.ZIP:
                content = _zip(certificates, progress)
            else:
                title = _("Certificates: %(course)s") % {"course": batch.session.course.title}
                content = _printable(certificates, progress, title=title)
        name = export_filename(batch.session, batch.format, stem="todistukset")
        batch.file.save(name, ContentFile(content), save=False)
    except Exception as error:
        logger.exception("Certificate batch %s failed", batch.pk)
        CertificateBatch.objects.filter(pk=batch.pk).update(
            status=CertificateBatch.Status.FAILED, error=repr(error), finished_at=timezone.now()
        )
        raise
    CertificateBatch.objects.filter(pk=batch.pk).update(
        status=CertificateBatch.Status.DONE,
        file=batch.file.name,
        done=F("total"),
        finished_at=timezone.now(),
    )
    batch.refresh_from_db()
    return batch


# The request and its task (the worker: ``manage.py db_worker``)
# ------------------------------------------------------------------------------


@transaction.atomic
def certificate_batch_create(*, session: Session, format: str, requested_by: User | None) -> CertificateBatch:
    """Queue the building of ``session``'s valid certificates as one PDF or a ZIP (``build_certificate_batch``)."""
    batch = CertificateBatch.objects.create(
        session=session,
        format=CertificateBatch.Format(format),
        total=Certificate.objects.filter(session=session, revoked_at__isnull=True).count(),
        requested_by=requested_by,
    )
    transaction.on_commit(lambda: build_certificate_batch.enqueue(batch_id=batch.pk))
    return batch


@task()
def build_certificate_batch(*, batch_id: int) -> int:
    """Build a session's certificates as one PDF or a ZIP; returns the count."""
    return build_batch(batch_id).done
