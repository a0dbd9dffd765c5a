"""The certificate API: your certificates and their PDFs (with the same token as the rest of the API)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from pydantic import AfterValidator

from core.api import Id, errors
from core.http import file_response
from core.urls import absolute_url

from ..documents.certificates import verification_url
from ..errors import TrainingError
from ..models import Certificate
from ..selectors.certificates import certificates_of, is_well_formed_code
from ..services.certificates import certificate_pdf_get
from .common import Pagination

router = Router(tags=["me"])

LocalDateTime = Annotated[datetime, AfterValidator(timezone.localtime)]


class CertificateCourseOut(Schema):
    id: Id
    title: str = Field(description="The course's title in the certificate's language, as printed on it.")


class CertificateOut(Schema):
    code: str = Field(description="The verification code printed on the certificate.")
    course: CertificateCourseOut
    language: str
    completed_on: date
    issued_at: LocalDateTime
    valid_until: date | None = Field(description="Empty when the certificate does not expire.")
    hours: float
    status: Literal["valid", "revoked", "expired"]
    verification_url: str = Field(description="The public page that tells whether the certificate is valid.")
    pdf_url: str | None = Field(description="Downloads the PDF with the same credentials; empty when revoked.")

    @staticmethod
    def resolve_course(obj: Certificate) -> dict:
        return {"id": obj.session.course_id, "title": obj.course_title}

    @staticmethod
    def resolve_status(obj: Certificate) -> str:
        if obj.is_revoked:
            return "revoked"
        return "expired" if obj.is_expired() else "valid"

    @staticmethod
    def resolve_verification_url(obj: Certificate) -> str:
        return verification_url(obj.code)

    @staticmethod
    def resolve_pdf_url(obj: Certificate) -> str | None:
        if obj.is_revoked:
            return None
        return absolute_url(reverse("api-v1:my_certificate_pdf", kwargs={"code": obj.code}))


@router.get("/me/certificates", response={200: list[CertificateOut], **errors(422)})
@paginate(Pagination)
def my_certificates(request: HttpRequest):
    """Your certificates, newest first, revoked and expired ones included (see ``status``)."""
    return certificates_of(request.auth).select_related("session")


@router.get(
    "/me/certificates/{code}.pdf",
    url_name="my_certificate_pdf",
    response={200: None, **errors(404)},
    # Keyed by the number, as ninja keys its own responses, so that the two merge into one entry.
    openapi_extra={
        "responses": {
            200: {
                "description": "The PDF.",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def my_certificate_pdf(request: HttpRequest, code: str) -> HttpResponse:
    """One of your certificates as a PDF; 404 for someone else's, an unknown or a revoked one."""
    if not is_well_formed_code(code):
        raise Http404
    certificate = certificates_of(request.auth).filter(code=code).first()
    if certificate is None:
        raise Http404
    try:
        content = certificate_pdf_get(certificate=certificate)
    except TrainingError:
        raise Http404 from None
    return file_response(content, "application/pdf", f"todistus-{certificate.code}.pdf", as_attachment=False)
