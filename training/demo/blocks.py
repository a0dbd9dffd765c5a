"""Helpers that write StreamField content (cms.blocks.BaseStreamBlock) in its raw JSON form."""

from __future__ import annotations

from html import escape


def heading(text: str, level: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(*paragraphs: str) -> dict:
    """Paragraphs of rich text; the strings may contain inline HTML (<b>, <i>, <a href>)."""
    return {"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in paragraphs)}


def bullets(*items: str, intro: str = "") -> dict:
    listing = "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
    return {"type": "paragraph", "value": (f"<p>{intro}</p>" if intro else "") + listing}


def callout(title: str, *paragraphs: str) -> dict:
    return {"type": "callout", "value": {"title": title, "text": "".join(f"<p>{text}</p>" for text in paragraphs)}}


def email_link(address: str) -> str:
    return f'<a href="mailto:{escape(address)}">{escape(address)}</a>'


def link(url: str, text: str) -> str:
    return f'<a href="{escape(url)}">{escape(text)}</a>'
