"""Responses for generated files."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def file_response(content: bytes, content_type: str, filename: str, *, as_attachment: bool = True) -> HttpResponse:
    """A generated file (export, PDF) to download or show inline; never cached on the way (personal data)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    response["Cache-Control"] = "private, no-store"
    return response
