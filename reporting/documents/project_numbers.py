"""The project in numbers as an A4 PDF in the active language, rendered by ``training.documents.pdf`` (the same fonts
and the same refusal of every URL fetch as the certificates)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language

from training.documents.pdf import html_to_pdf

from ..selectors.project_numbers import ProjectNumbers

TEMPLATE = "reporting/projects/numbers_pdf.html"


def project_numbers_filename(numbers: ProjectNumbers) -> str:
    name = slugify(numbers.project.name_fi)[:60] or f"hanke-{numbers.project.pk}"
    return f"{name}-{numbers.date_from:%Y-%m-%d}-{numbers.date_to:%Y-%m-%d}.pdf"


def project_numbers_html(numbers: ProjectNumbers) -> str:
    return render_to_string(
        TEMPLATE, {"numbers": numbers, "language_code": get_language(), "generated_at": timezone.localtime()}
    )


def project_numbers_pdf(numbers: ProjectNumbers) -> bytes:
    return html_to_pdf(project_numbers_html(numbers))
