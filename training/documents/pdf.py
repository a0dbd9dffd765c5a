"""WeasyPrint for the training PDFs, tagged for accessibility (PDF/UA-1), with every URL fetch refused.

The fonts come from fontconfig by family name (Debian's fonts-dejavu-core, installed by the
Dockerfile, `make install` and .ci/run; ``training.checks`` warns when it is missing), styles are
inline and images are inline ``data:image/png;base64`` URIs decoded here: a document never
reaches the network or the file system.

Every PDF is written as PDF/UA-1 (``PDF_OPTIONS``): WeasyPrint then tags the structure (headings,
paragraphs, lists, tables with their headers, figures), marks the document as tagged and writes the
XMP identification. What it cannot invent comes from the HTML, and every template gives it: the
language (``<html lang>``, the catalogue's /Lang), the title (``<title>``, shown by viewers instead of
the file name) and an ``alt`` text on every image (a figure without one breaks the standard).

Bulk rendering lays out many certificates as ONE document (a page per certificate) so the
stylesheet, the fonts and the PDF writer's set-up are shared; ``split_pages`` then writes a PDF
per certificate from its pages. ``render_split`` runs that in a pool of worker processes that
lives as long as the process asking (a task worker renders batch after batch without paying the
start-up again). Workers only run WeasyPrint on strings, with nothing imported from Django.
"""

from __future__ import annotations

import atexit
import base64
import logging
import os
import threading
from collections.abc import Iterable, Iterator
from copy import copy

# WeasyPrint logs a line per rendering step of every document at INFO: noise in the logs, and
# writing it costs time in bulk. Its warnings (a refused fetch, a CSS error) still show.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# The font family every PDF template names first (templates/training/pdf/*.html).
FONT_FAMILY = "DejaVu Sans"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
INLINE_PNG = "data:image/png;base64,"
# The id prefix of each item's first element in a split document: ``split_pages`` finds where
# each item starts by these anchors, so an item running over a page keeps all its pages.
ITEM_ANCHOR = "item-"
# The title of an item's own PDF when a split document is cut (its language is the element's lang).
ITEM_TITLE = "data-title"
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


class FetchRefused(ValueError):
    """A document asked for an external resource; PDFs are self-contained."""


def refuse_fetch(url: str, *args, **kwargs):
    """Refuse every URL (http, https, file, anything): a document's resources must be inline."""
    raise FetchRefused(f"PDF documents may not fetch {url!r}")


_fetcher = None


def _url_fetcher():
    global _fetcher
    if _fetcher is None:
        from weasyprint.urls import URLFetcher, URLFetcherResponse

        class InlineOnlyFetcher(URLFetcher):
            """Decodes inline PNG images here; ``refuse_fetch`` for anything else (WeasyPrint warns, goes on)."""

            def fetch(self, url, headers=None):
                if url.startswith(INLINE_PNG):
                    return URLFetcherResponse(
                        url, base64.b64decode(url[len(INLINE_PNG) :]), {"Content-Type": "image/png"}
                    )
                return refuse_fetch(url)

        _fetcher = InlineOnlyFetcher(allowed_protocols=())
    return _fetcher


def document(html: str):
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_url_fetcher())


def write_pdf(rendered) -> bytes:
    """The PDF of ``rendered`` (an ``HTML`` or a laid-out ``Document``), tagged as PDF/UA-1."""
    return rendered.write_pdf(**PDF_OPTIONS)


def html_to_pdf(html: str) -> bytes:
    """An A4 PDF of ``html`` (the page size is in the template's @page rule)."""
    return write_pdf(document(html))


def item_pages(rendered) -> list[tuple[str | None, list]]:
    """The pages of a rendered document grouped by item, each with the anchor that starts it
    (``ITEM_ANCHOR``; None for pages before the first item)."""
    groups: list[tuple[str | None, list]] = []
    seen: set[str] = set()
    for page in rendered.pages:
        # A continued item's box carries its anchor onto the next page too: only a new one starts a group.
        started = sorted({name for name in page.anchors if name.startswith(ITEM_ANCHOR)} - seen)
        if started or not groups:
            groups.append((started[0] if started else None, []))
        seen.update(started)
        groups[-1][1].append(page)
    return groups


def split_pages(html: str) -> list[bytes]:
    """``html`` laid out once, written as a PDF per item (see ``ITEM_ANCHOR``), in order.

    Each PDF takes its title (``ITEM_TITLE``) and language from the item's element, not from the
    document it was cut from: a batch holds certificates in their holders' languages.
    """
    source = document(html)
    rendered = source.render()
    elements = {
        element.get("id"): element
        for element in source.etree_element.iter()
        if (element.get("id") or "").startswith(ITEM_ANCHOR)
    }
    contents = []
    for anchor, pages in item_pages(rendered):
        part = rendered.copy(pages)
        element = elements.get(anchor)
        if element is not None:
            part.metadata = copy(rendered.metadata)
            part.metadata.title = element.get(ITEM_TITLE) or part.metadata.title
            part.metadata.lang = element.get("lang") or part.metadata.lang
        contents.append(write_pdf(part))
    return contents


def render_split(htmls: Iterable[str], *, processes: int = 1) -> Iterator[list[bytes]]:
    """``split_pages`` of each of ``htmls`` in order, by ``processes`` worker processes (1 renders here)."""
    if processes <= 1:
        for html in htmls:
            yield split_pages(html)
        return
    yield from _pool(processes).map(split_pages, htmls)


_pools: dict[int, object] = {}
_pools_lock = threading.Lock()


def _pool(processes: int):
    """A pool of ``processes`` workers kept for the next batches; a broken one is replaced."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with _pools_lock:
        pool = _pools.get(processes)
        if pool is None or getattr(pool, "_broken", False) or getattr(pool, "_shutdown_thread", False):
            # forkserver: a clean process that imports WeasyPrint once, without the caller's threads or
            # database connections (fork under a threaded worker is unsafe).
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["weasyprint", "training.documents.pdf"])
            pool = ProcessPoolExecutor(max_workers=processes, mp_context=context, initializer=_warm_up)
            _pools[processes] = pool
        return pool


@atexit.register
def shutdown_pools() -> None:
    """Stop the worker processes (at exit, or when a test wants them gone)."""
    with _pools_lock:
        for pool in _pools.values():
            pool.shutdown(wait=True, cancel_futures=True)
        _pools.clear()


def _warm_up() -> None:
    """Load the fonts once per worker (fontconfig's cache, HarfBuzz) before the first real document."""
    # A language and a title, as every tagged document needs (WeasyPrint logs an error without them).
    html_to_pdf(f'<html lang="fi"><title>.</title><p style="font-family: {FONT_FAMILY}">. <b>.</b></p></html>')


def available_processes() -> int:
    """The cores this process may use (os.sched_getaffinity honours containers' CPU sets)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
