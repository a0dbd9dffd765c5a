"""Checks of uploaded evidence: its type by content, its size, a safe name to store it under, its date."""

from __future__ import annotations

import datetime
import unicodedata
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from .errors import CompetenceError

DEFAULT_EVIDENCE_MAX_BYTES = 5 * 1024 * 1024

# The accepted file types by their leading bytes (the content decides, not the file name), with the
# content type they are served as and the extension they are stored with.
EVIDENCE_TYPES = {
    b"%PDF-": ("application/pdf", "pdf"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
}
SIGNATURES = tuple(EVIDENCE_TYPES)
# Longest stem kept from the uploaded name; the rest of the stored path is the upload folder and the extension.
STORED_STEM_LENGTH = 80
STORED_FALLBACK_STEM = "todistus"
# Certificates older than this are not evidence of current competence; none is dated in the future.
EVIDENCE_EARLIEST = datetime.date(1950, 1, 1)


def evidence_max_bytes() -> int:
    return getattr(settings, "EVIDENCE_MAX_BYTES", DEFAULT_EVIDENCE_MAX_BYTES)


def evidence_type(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) of a file starting with ``head``, or None for a type not accepted."""
    return next((kind for signature, kind in EVIDENCE_TYPES.items() if head.startswith(signature)), None)


def _head(file) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(8)
    file.seek(position)
    return head


def validate_evidence_file(file) -> None:
    """Accept only PDF, PNG or JPEG content no larger than ``EVIDENCE_MAX_BYTES``."""
    limit = evidence_max_bytes()
    if file.size > limit:
        raise ValidationError(
            _("The file is too large (at most %(max_mb)s MB)."),
            code="evidence_file_size",
            params={"max_mb": round(limit / (1024 * 1024), 1)},
        )
    if evidence_type(_head(file)) is None:
        raise ValidationError(_("Upload a PDF, PNG or JPEG file."), code="evidence_file_type")


def evidence_file_extension(file) -> str:
    """The extension of an accepted file's real type (``validate_evidence_file`` has passed)."""
    kind = evidence_type(_head(file))
    if kind is None:
        raise ValidationError(_("Upload a PDF, PNG or JPEG file."), code="evidence_file_type")
    return kind[1]


def safe_file_name(name: str, extension: str) -> str:
    """``name`` made safe to store and to offer for download, with ``extension`` in place of its own.

    Control and format characters go (a right-to-left override can make "laskuexe.pdf" of
    "lasku<RLO>fdp.exe"), as do the uploaded extensions: the type is the content's, checked before.
    Letters of any language stay, composed (NFC), so "Ä" is one character whatever the sender's system.
    """
    stem = unicodedata.normalize("NFC", PurePath(name.replace("\\", "/")).name)
    stem = "".join(
        " " if unicodedata.category(char) in ("Zl", "Zp") else char
        for char in stem
        if not unicodedata.category(char).startswith("C")
    )
    stem = stem.split(".", 1)[0].strip()
    stem = get_valid_filename(stem) if stem.strip("._- ") else ""
    stem = stem[:STORED_STEM_LENGTH].strip("._-") or STORED_FALLBACK_STEM
    extension = "".join(char for char in extension if char.isascii() and char.isalnum()).lower() or "bin"
    return f"{stem}.{extension}"


def evidence_date_error(value: datetime.date, *, today: datetime.date) -> CompetenceError | None:
    """Why ``value`` cannot be the day a certificate was achieved (before EVIDENCE_EARLIEST or after
    ``today``), or None when it can."""
    if EVIDENCE_EARLIEST <= value <= today:
        return None
    return CompetenceError("evidence_date_invalid", earliest=date_format(EVIDENCE_EARLIEST, "SHORT_DATE_FORMAT"))
