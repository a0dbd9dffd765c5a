from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_EVIDENCE_MAX_BYTES = 5 * 1024 * 1024

# Leading bytes of the accepted file types: the content decides, not the file name.
SIGNATURES = (
    b"%PDF-",
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
)


def evidence_max_bytes() -> int:
    return getattr(settings, "EVIDENCE_MAX_BYTES", DEFAULT_EVIDENCE_MAX_BYTES)


def validate_evidence_file(file) -> None:
    """Accept only PDF, PNG or JPEG content no larger than ``EVIDENCE_MAX_BYTES``."""
    limit = evidence_max_bytes()
    if file.size > limit:
        raise ValidationError(
            _("The file is too large (at most %(max_mb)s MB)."),
            code="evidence_file_size",
            params={"max_mb": round(limit / (1024 * 1024), 1)},
        )
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(8)
    file.seek(position)
    if not any(head.startswith(signature) for signature in SIGNATURES):
        raise ValidationError(_("Upload a PDF, PNG or JPEG file."), code="evidence_file_type")
