"""Reading generated PDFs back as their users' tools do: pypdf, poppler's pdftotext, and the PDF/UA tagging."""

from __future__ import annotations

import io
import shutil
import subprocess

from pypdf import PdfReader

from tests.conftest import skip_or_fail


def pypdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def poppler_text(content: bytes) -> str:
    """The text ``pdftotext`` (Debian's poppler-utils) extracts, as someone copying from a viewer gets it."""
    command = shutil.which("pdftotext")
    if command is None:
        skip_or_fail("pdftotext (Debian package poppler-utils) is not installed")
    result = subprocess.run([command, "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True)  # noqa: S603
    return result.stdout.decode("utf-8")


def texts(content: bytes) -> dict[str, str]:
    """The document's text as each extractor reads it, by the extractor's name."""
    return {"pypdf": pypdf_text(content), "pdftotext": poppler_text(content)}


def tagging(content: bytes) -> dict[str, object]:
    """What PDF/UA asks of the catalogue: marked content, a structure tree, the language and a shown title."""
    reader = PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]
    metadata = catalog.get("/Metadata")
    xmp = metadata.get_object().get_data().decode("utf-8") if metadata is not None else ""
    preferences = catalog.get("/ViewerPreferences", {})
    return {
        "marked": bool(catalog.get("/MarkInfo", {}).get("/Marked")),
        "structure": "/StructTreeRoot" in catalog,
        "lang": str(catalog.get("/Lang", "")),
        "title": str((reader.metadata or {}).get("/Title", "")),
        "display_title": bool(preferences.get("/DisplayDocTitle")),
        "pdfua": "pdfuaid:part" in xmp or "<pdfuaid:part>" in xmp,
        "xmp": xmp,
    }


def figures(content: bytes) -> list[str]:
    """The alternative text of every Figure in the structure tree ("" for a figure without one)."""
    reader = PdfReader(io.BytesIO(content))
    found: list[str] = []

    def walk(node) -> None:
        node = node.get_object()
        if isinstance(node, dict):
            if node.get("/S") == "/Figure":
                found.append(str(node.get("/Alt", "")))
            kids = node.get("/K")
            if kids is not None:
                for kid in kids if isinstance(kids, list) else [kids]:
                    if hasattr(kid, "get_object"):
                        walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found
