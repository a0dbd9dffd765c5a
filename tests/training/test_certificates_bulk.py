"""Certificates in bulk: many laid out as one document, split into a PDF per certificate, in a worker pool."""

import io
import logging
import zipfile
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import make_course
from tests.training.factories_certificates import completed, past_session
from tests.training.pdfs import tagging
from tests.training.test_certificates_views import page_count
from training.documents import pdf
from training.documents.certificates import certificate_items, certificates_html, with_document_data
from training.models import Certificate, CertificateBatch
from training.services import certificate_batches
from training.services.certificate_batches import build_batch
from training.services.certificates import certificates_issue_for_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(programme):
    course = make_course(programme, "Lapset puheeksi", duration_hours=Decimal("6"), learning_outcomes="Osaa\nTietää")
    session = past_session(course)
    for _ in range(5):
        completed(session)
    return session


@pytest.fixture
def certificates(session):
    certificates_issue_for_session(session=session)
    return list(with_document_data(Certificate.objects.filter(session=session)).order_by("holder_name", "pk"))


def split(certificates) -> list[bytes]:
    return pdf.split_pages(certificates_html(certificate_items(certificates)))


def test_one_document_splits_into_a_one_page_pdf_per_certificate_in_order(certificates):
    contents = split(certificates)

    assert len(contents) == len(certificates) == 5
    assert all(content.startswith(b"%PDF") and page_count(content) == 1 for content in contents)
    for certificate, content in zip(certificates, contents, strict=True):
        alone = pdf.document(certificates_html(certificate_items([certificate]))).render()
        assert page_count(content) == len(alone.pages)
        # The certificate's own code is on its own page (the text is in the compressed streams,
        # so compare with its separate rendering instead): same size within the font subsets.
        assert abs(len(content) - len(alone.write_pdf())) < 2_000


def test_a_certificate_running_over_a_page_keeps_all_its_pages(certificates):
    long = certificates[1]
    long.session.course.learning_outcomes = "\n".join(f"Osaa asian {n}, joka vie rivin tai kaksi" for n in range(80))
    items = certificate_items(certificates)
    items[1].learning_outcomes = long.session.course.learning_outcome_list

    contents = pdf.split_pages(certificates_html(items))

    assert len(contents) == 5
    assert page_count(contents[1]) >= 2
    assert [page_count(content) for i, content in enumerate(contents) if i != 1] == [1, 1, 1, 1]


def test_the_worker_pool_renders_the_same_certificates_and_is_kept_for_the_next_batch(certificates):
    htmls = [
        certificates_html(certificate_items(certificates[:3])),
        certificates_html(certificate_items(certificates[3:])),
    ]
    try:
        pooled = list(pdf.render_split(htmls, processes=2))
        pool = pdf._pool(2)
        again = list(pdf.render_split(htmls[:1], processes=2))
        assert pdf._pool(2) is pool
    finally:
        pdf.shutdown_pools()

    assert [len(contents) for contents in pooled] == [3, 2]
    assert all(page_count(content) == 1 for contents in pooled for content in contents)
    assert [len(content) // 1000 for content in again[0]] == [len(content) // 1000 for content in pooled[0]]


def test_a_zip_has_one_valid_pdf_per_certificate_rendered_by_the_pool(session, certificates, settings, monkeypatch):
    settings.CERTIFICATE_RENDER_PROCESSES = 2
    monkeypatch.setattr(certificate_batches, "POOL_THRESHOLD", 2)
    monkeypatch.setattr(certificate_batches, "ZIP_CHUNK", 2)
    batch = CertificateBatch.objects.create(session=session, format="zip")
    try:
        batch = build_batch(batch.pk)
    finally:
        pdf.shutdown_pools()

    archive = zipfile.ZipFile(io.BytesIO(batch.file.read()))
    names = archive.namelist()
    assert (batch.status, batch.done, len(names)) == ("done", 5, 5)
    assert sorted(name.rsplit("-", 1)[1] for name in names) == sorted(f"{c.code}.pdf" for c in certificates)
    assert all(page_count(archive.read(name)) == 1 for name in names)
    for certificate in certificates:
        certificate.refresh_from_db()
        entry = next(name for name in names if certificate.code in name)
        assert certificate.pdf.read() == archive.read(entry)  # stored on the way, the same bytes


def test_the_printable_pdf_has_a_page_per_certificate_across_chunks(session, certificates, monkeypatch):
    monkeypatch.setattr(certificate_batches, "PRINT_CHUNK", 2)
    batch = build_batch(CertificateBatch.objects.create(session=session, format="pdf").pk)

    assert page_count(batch.file.read()) == batch.done == 5


def test_the_printable_pdf_is_one_tagged_document_in_name_order_whatever_the_pool(
    session, certificates, settings, monkeypatch
):
    """Joining PDFs laid out apart would drop their structure trees: the pages are written as one document."""
    from pypdf import PdfReader

    settings.CERTIFICATE_RENDER_PROCESSES = 2
    monkeypatch.setattr(certificate_batches, "POOL_THRESHOLD", 2)
    monkeypatch.setattr(certificate_batches, "PRINT_CHUNK", 2)

    batch = build_batch(CertificateBatch.objects.create(session=session, format="pdf").pk)

    content = batch.file.read()
    reader = PdfReader(io.BytesIO(content))
    assert (batch.status, batch.done, len(reader.pages)) == ("done", 5, 5)
    codes = [certificate.code for certificate in certificates]
    assert [next(code for code in codes if code in page.extract_text()) for page in reader.pages] == codes
    tags = tagging(content)
    assert (tags["marked"], tags["structure"], tags["pdfua"]) == (True, True, True)
    with translation.override("fi"):
        assert tags["title"] == gettext("Certificates: %(course)s") % {"course": "Lapset puheeksi"}
    assert tags["lang"] == "fi"


def test_each_split_pdf_is_tagged_with_its_holders_language_and_title(certificates):
    certificates[0].language = "sv"
    items = certificate_items(certificates)

    contents = pdf.split_pages(certificates_html(items))

    for item, content in zip(items, contents, strict=True):
        tags = tagging(content)
        assert (tags["marked"], tags["structure"], tags["pdfua"]) == (True, True, True)
        assert (tags["lang"], tags["title"]) == (item.language, item.title)
        assert item.holder_name in tags["title"]
    assert tagging(contents[0])["title"].startswith("Intyg: ")
    assert tagging(contents[1])["title"].startswith("Todistus: ")


def test_a_worker_warms_up_without_an_error_in_the_log(caplog):
    caplog.set_level(logging.WARNING, logger="weasyprint")
    pdf._warm_up()
    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR] == []
