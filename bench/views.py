"""The floor page: what the same gunicorn, settings and middleware serve without a database.

A static template padded to the catalogue's size (BENCH_FLOOR_BYTES), rendered through Django's template
engine with the request's context processors: every page of the product costs at least this much, so each
page's requests per second are printed as a ratio to this one's.
"""

from functools import cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

TEMPLATE = "bench/floor.html"


@cache
def _padding(size: int) -> str:
    """Text that brings the rendered template to about ``size`` bytes (the template itself is ~600)."""
    line = "<p>Perhekeskuksen koulutukset ja menetelmäkoulutukset verkoston työntekijöille.</p>\n"
    count = max(0, size - 600) // len(line.encode())
    return line * count


def floor(request: HttpRequest) -> HttpResponse:
    return render(request, TEMPLATE, {"padding": _padding(settings.BENCH_FLOOR_BYTES)})
