"""WeasyPrint for the training PDFs, with every URL fetch refused and nothing to load at run time.

The fonts come from fontconfig by family name (Debian's fonts-dejavu-core, installed by the
Dockerfile, `make install` and .ci/run; ``training.checks`` warns when it is missing), images are
inline SVG, styles inline: a document never reaches the network or the file system.

``html_to_pdf`` imports nothing from Django, so process-pool workers rendering a batch of
certificates need no Django set-up.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator

# WeasyPrint logs a line per rendering step of every document at INFO: noise in the logs, and
# writing it costs time in bulk. Its warnings (a refused fetch, a CSS error) still show.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# The font family every PDF template names first (templates/training/pdf/*.html).
FONT_FAMILY = "DejaVu Sans"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


class FetchRefused(ValueError):
    """A document asked for an external resource; PDFs are self-contained."""


def refuse_fetch(url: str, *args, **kwargs):
    """Refuse every URL (http, https, file, anything): a document's resources must be inline."""
    raise FetchRefused(f"PDF documents may not fetch {url!r}")


def _url_fetcher():
    from weasyprint.urls import URLFetcher

    class RefusingFetcher(URLFetcher):
        """WeasyPrint's fetcher with ``fetch`` refusing everything; it logs a warning and goes on."""

        def fetch(self, url, headers=None):
            return refuse_fetch(url)

    return RefusingFetcher(allowed_protocols=())


def document(html: str):
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_url_fetcher())


def html_to_pdf(html: str) -> bytes:
    """An A4 PDF of ``html`` (the page size is in the template's @page rule)."""
    return document(html).write_pdf()


def render_many(htmls: Iterable[str], *, processes: int = 1, chunksize: int = 4) -> Iterator[bytes]:
    """PDFs of ``htmls`` in order, rendered by ``processes`` worker processes (1 renders here).

    Workers only run WeasyPrint on strings: the database stays with the caller.
    """
    if processes <= 1:
        for html in htmls:
            yield html_to_pdf(html)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # forkserver: a clean process that imports WeasyPrint once, without the caller's threads or
    # database connections (fork under a threaded worker is unsafe).
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["weasyprint", "training.pdf"])
    with ProcessPoolExecutor(max_workers=processes, mp_context=context, initializer=_warm_up) as pool:
        yield from pool.map(html_to_pdf, htmls, chunksize=chunksize)


def _warm_up() -> None:
    """Load the fonts once per worker (fontconfig's cache, HarfBuzz) before the first real document."""
    html_to_pdf(f'<p style="font-family: {FONT_FAMILY}">.</p>')


def available_processes() -> int:
    """The cores this process may use (os.sched_getaffinity honours containers' CPU sets)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
