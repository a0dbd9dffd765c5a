"""The certificate document: what it shows in the holder's language, its QR code, fonts, no network."""

import re
import socket
from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import OrganisationFactory, UserFactory, make_course
from tests.training.factories_certificates import completed, past_session
from tests.training.pdfs import figures, tagging, texts
from training.documents import pdf
from training.documents.certificates import certificate_items, certificates_html, verification_url, with_document_data
from training.models import Certificate
from training.services.certificates import certificate_issue, certificate_pdf_get

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(programme):
    course = make_course(
        programme,
        "Lapset puheeksi",
        duration_hours=Decimal("7.5"),
        certificate_validity_months=24,
        learning_outcomes="Osaa käydä keskustelun\nTunnistaa vahvuudet",
        organiser=OrganisationFactory(name="Kuopion kaupunki"),
    )
    session = past_session(course, days=2)
    session.trainers.add(UserFactory(first_name="Tiina", last_name="Kouluttaja"))
    person = UserFactory(first_name="Aino", last_name="Äijälä", email="aino@example.fi", preferred_language="sv")
    return certificate_issue(enrolment=completed(session, person))


def html_of(certificate) -> str:
    items = certificate_items(list(with_document_data(Certificate.objects.filter(pk=certificate.pk))))
    return certificates_html(items)


@override_settings(SITE_URL="https://koulutus.example.fi")
def test_the_page_shows_what_the_issue_asks_for_in_the_holders_language(certificate):
    html = html_of(certificate)

    assert 'lang="sv"' in html
    for shown in (
        "Aino Äijälä",
        "Lapset puheeksi",
        "7,5",
        "Tiina Kouluttaja",
        "Osaa käydä keskustelun",
        certificate.code,
    ):
        assert shown in html
    assert "Kuopion kaupunki" in html
    assert "https://koulutus.example.fi/certificates/verify/" + certificate.code + "/" in html
    assert '<img src="data:image/png;base64,' in html  # the QR code, inline
    assert "aino@example.fi" not in html


def test_the_verification_url_is_absolute_and_has_no_language_prefix(settings):
    settings.SITE_URL = "https://koulutus.example.fi/"
    assert verification_url("ABCDEFGHJKMNPQRS") == "https://koulutus.example.fi/certificates/verify/ABCDEFGHJKMNPQRS/"


def test_the_qr_code_encodes_the_verification_url():
    import segno

    url = "https://koulutus.example.fi/certificates/verify/ABCDEFGHJKMNPQRS/"
    from training.documents.certificates import qr_png

    assert qr_png(url) == segno.make(url, error="m", micro=False).png_data_uri(scale=4, border=0)


def test_the_qr_code_is_drawn_about_30_mm_wide_without_smoothing(certificate):
    """0.8 mm per module: a version 5 code (37 modules) is 29.6 mm wide, its pixels kept square."""
    from weasyprint.formatting_structure.boxes import ReplacedBox

    rendered = pdf.document(html_of(certificate)).render()
    images = [box for box in rendered.pages[0]._page_box.descendants() if isinstance(box, ReplacedBox)]
    assert len(images) == 1
    modules = round(images[0].width / (0.8 * 96 / 25.4))  # CSS px at 96 per inch
    assert modules in (33, 37, 41)  # versions 4-6, by the length of the address
    assert images[0].width == pytest.approx(modules * 0.8 * 96 / 25.4, rel=0.01)
    assert images[0].style["image_rendering"] == "pixelated"


def test_the_pdf_embeds_a_subset_of_the_installed_font(certificate):
    content = certificate_pdf_get(certificate=certificate)
    assert content.startswith(b"%PDF")
    assert len(content) < 40_000  # subset fonts keep a certificate small (a whole DejaVu Sans is 750 kB)
    readable = pdf.document(html_of(certificate)).write_pdf(uncompressed_pdf=True)
    fonts = set(re.findall(rb"/BaseFont /([A-Za-z+-]+)", readable))
    # Subsets (ABCDEF+ prefix) of the installed DejaVu Sans and nothing else
    assert fonts and all(re.fullmatch(rb"[A-Z]{6}\+DejaVu-Sans(-Bold)?", font) for font in fonts), fonts


def test_rendering_fetches_nothing(certificate, monkeypatch):
    """Fonts come from fontconfig and the QR code is inline: no URL is fetched, not even a file."""
    fetched = []

    def refuse(url, *args, **kwargs):
        fetched.append(url)
        raise pdf.FetchRefused(url)

    def no_network(*args, **kwargs):
        raise AssertionError("a PDF render opened a network connection")

    monkeypatch.setattr(pdf, "refuse_fetch", refuse)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    certificate_pdf_get(certificate=certificate)
    assert fetched == []


def test_external_resources_in_a_document_are_refused(monkeypatch):
    """Even a document asking for http(s) resources renders without reaching the network."""

    def no_network(*args, **kwargs):
        raise AssertionError("a PDF render opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    html = (
        '<link rel="stylesheet" href="https://fonts.example.com/font.css">'
        '<style>@font-face { font-family: X; src: url("https://fonts.example.com/x.woff2") }</style>'
        '<img src="http://example.com/logo.png" alt=""><p style="font-family: X">Hei</p>'
    )
    assert pdf.html_to_pdf(html).startswith(b"%PDF")
    with pytest.raises(pdf.FetchRefused):
        pdf.refuse_fetch("https://example.com/")


def test_the_font_subsetter_is_available():
    from training.checks import certificate_font_installed, harfbuzz_subset_available

    assert harfbuzz_subset_available(), "libharfbuzz-subset0 is missing: PDFs render ten times slower"
    assert certificate_font_installed() is not False, "fonts-dejavu-core is missing"


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_verification_code_reads_back_as_one_word(certificate, language):
    """Copied or read aloud from the PDF, the code is what the verification form takes: one unbroken token."""
    certificate.language = language
    certificate.save()

    content = certificate_pdf_get(certificate=certificate)

    for extractor, text in texts(content).items():
        assert certificate.code in text.split(), extractor
        assert "Aino Äijälä" in text and "Lapset puheeksi" in text, extractor


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_certificate_is_tagged_for_accessibility(certificate, language):
    certificate.language = language
    certificate.save()

    content = certificate_pdf_get(certificate=certificate)

    tags = tagging(content)
    assert (tags["marked"], tags["structure"], tags["pdfua"], tags["display_title"]) == (True, True, True, True)
    assert tags["lang"] == language
    with translation.override(language):
        title = gettext("Certificate: %(course)s, %(holder)s") % {"course": "Lapset puheeksi", "holder": "Aino Äijälä"}
    assert tags["title"] == title
    assert title in tags["xmp"]  # dc:title, which PDF/UA asks for beside the document information
    [qr_code] = figures(content)
    with translation.override(language):
        assert qr_code == gettext("QR code of the address where this certificate can be verified")


def test_no_generated_image_lacks_an_alt_text():
    """WeasyPrint tags every image as a figure, and a figure without an alternative text breaks PDF/UA."""
    from pathlib import Path

    from django.conf import settings

    for template in Path(settings.BASE_DIR, "templates", "training", "pdf").glob("*.html"):
        for image in re.findall(r"<img\b[^>]*>", template.read_text()):
            assert re.search(r'\balt="[^"]+"', image), (template.name, image)
