"""The certificate benchmark of `python -m bench certificates` (see bench/__main__.py).

Per certificate: the project's render path (fetch, template, QR code, WeasyPrint) against the
floor, a bare ``HTML(string=...).write_pdf()`` of the same HTML, interleaved so both see the same
machine load. In bulk: 1,000 certificates of fresh (never rendered) certificates through the batch
code path, as a ZIP (laid out ten to a document and split into a PDF each, by a pool of a
process per core kept from one session to the next) and as one printable PDF (one process).
"""

from __future__ import annotations

import time

BULK = 1000
SESSION_SIZE = 100


def _certificates(count: int):
    """``count`` certificates on benchmark sessions of the first course, issued without PDFs."""
    from datetime import timedelta

    from django.utils import timezone

    from people.models import User
    from training.models import Certificate, CoursePage, Enrolment, Session, SessionDay

    course = CoursePage.objects.live().filter(locale__language_code="fi").order_by("path").first()
    people = list(User.objects.filter(is_active=True).order_by("pk")[:SESSION_SIZE])
    if course is None or not people:
        raise SystemExit("certificates: no course or people to measure with (run load_demo)")
    sessions, certificates = [], []
    start = timezone.now() - timedelta(days=30)
    while len(certificates) < count:
        session = Session.objects.create(course=course, capacity=len(people), place_name="Benchmark")
        SessionDay.objects.create(session=session, starts_at=start, ends_at=start + timedelta(hours=6))
        session.save()
        sessions.append(session)
        for person in people[: count - len(certificates)]:
            enrolment = Enrolment.objects.create(
                session=session,
                person=person,
                status=Enrolment.Status.CONFIRMED,
                outcome=Enrolment.Outcome.COMPLETED,
                completed_on=timezone.localdate(start),
            )
            certificates.append(
                Certificate(
                    enrolment=enrolment,
                    person=person,
                    session=session,
                    language=person.preferred_language,
                    holder_name=person.get_full_name() or person.email,
                    course_title=course.title,
                    completed_on=enrolment.completed_on,
                    hours=course.duration_hours,
                )
            )
    Certificate.objects.bulk_create(certificates)
    return sessions


def _cleanup(sessions) -> None:
    from django.core.files.storage import default_storage

    from training.models import Certificate, CertificateBatch, Enrolment

    for name in Certificate.objects.filter(session__in=sessions).exclude(pdf="").values_list("pdf", flat=True):
        default_storage.delete(name)
    for name in CertificateBatch.objects.filter(session__in=sessions).exclude(file="").values_list("file", flat=True):
        default_storage.delete(name)
    Certificate.objects.filter(session__in=sessions).delete()
    Enrolment.objects.filter(session__in=sessions).delete()
    for session in sessions:
        session.delete()


def bench_certificates(options, Row):
    from training.documents.certificates import certificate_items, certificates_html, with_document_data
    from training.documents.pdf import html_to_pdf
    from training.models import Certificate, CertificateBatch
    from training.services.certificate_batches import build_batch, render_processes
    from training.services.certificates import certificate_pdf_render

    samples = min(options.requests, 100)
    sessions = _certificates(BULK)
    try:
        ids = list(Certificate.objects.filter(session__in=sessions).order_by("pk").values_list("pk", flat=True))
        # The HTML of the floor: exactly what the render path feeds WeasyPrint.
        floor_html = {
            pk: certificates_html(certificate_items([with_document_data(Certificate.objects.filter(pk=pk)).get()]))
            for pk in ids[:samples]
        }
        ours, floor = [], []
        for pk in ids[:3]:  # warm-up: fonts, templates
            html_to_pdf(floor_html[pk])
            certificate_pdf_render([with_document_data(Certificate.objects.filter(pk=pk)).get()])
        for pk in ids[:samples]:
            before = time.perf_counter()
            html_to_pdf(floor_html[pk])
            floor.append((time.perf_counter() - before) * 1000)
            before = time.perf_counter()
            certificate_pdf_render([with_document_data(Certificate.objects.filter(pk=pk)).get()])
            ours.append((time.perf_counter() - before) * 1000)
        rows = [
            Row(
                name="certificate PDF, floor: bare WeasyPrint of the same HTML",
                count=samples,
                samples_ms=floor,
                total_s=sum(floor) / 1000,
            ),
            Row(
                name="certificate PDF, render path (fetch + template + QR + WeasyPrint)",
                count=samples,
                samples_ms=ours,
                total_s=sum(ours) / 1000,
            ),
        ]
        ratio = rows[1].p50_ms / rows[0].p50_ms
        rows[1].name += f": {ratio:.2f}x the floor (p50)"

        for fmt, label in (("zip", "ZIP"), ("pdf", "one printable PDF")):
            Certificate.objects.filter(session__in=sessions).update(pdf="")  # fresh: nothing stored
            started = time.perf_counter()
            for session in sessions:
                batch = CertificateBatch.objects.create(session=session, format=fmt)
                build_batch(batch.pk)
            total = time.perf_counter() - started
            # The printable PDF is written as one tagged document, laid out in this process.
            processes = render_processes(SESSION_SIZE) if fmt == "zip" else 1
            rows.append(
                Row(
                    name=f"{BULK} certificates in bulk as {label} ({len(sessions)} sessions, {processes} process(es))",
                    count=BULK,
                    samples_ms=[total * 1000 / BULK],
                    total_s=total,
                )
            )
        return rows
    finally:
        _cleanup(sessions)
