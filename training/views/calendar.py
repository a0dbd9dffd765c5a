"""iCalendar downloads: a session's days and a person's secret subscription feed.

Mounted at /calendar/ without a language prefix (calendar programs fetch these, not people);
the calendar is written in the person's preferred language (the feed) or the request's. The page
that gives a person a new feed address lives under the language prefix ("training" namespace).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ..documents.calendar import (
    etag_for,
    feed_calendar,
    feed_enrolments,
    feed_last_modified,
    session_calendar,
)
from ..models import CalendarFeed, Session
from ..selectors.courses import course_in_language
from ..services.calendar import calendar_feed_regenerate

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _calendar_response(
    request: HttpRequest, content: bytes, *, filename: str, last_modified=None, private: bool = False
) -> HttpResponse:
    """200 with the calendar, or 304 when the client's copy (If-None-Match / If-Modified-Since) is current."""
    etag = quote_etag(etag_for(content))
    timestamp = int(last_modified.timestamp()) if last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is None:
        response = HttpResponse(content, content_type=CONTENT_TYPE)
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    # Clients revalidate every time (a cheap 304); a personal feed stays out of shared caches.
    patch_cache_control(response, no_cache=True, **({"private": True} if private else {"public": True}))
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The person's confirmed session days; anyone holding the secret address may read it."""
    calendar_feed = get_object_or_404(CalendarFeed.objects.select_related("person"), token=token)
    person = calendar_feed.person
    if not person.is_active:
        raise Http404
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        content = feed_calendar(person, feed_enrolments(person))
    return _calendar_response(
        request, content, filename="perhekeskus.ics", last_modified=feed_last_modified(person), private=True
    )


@require_safe
def session_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """A public session's days to add to one's calendar (not for cancelled sessions or unpublished courses)."""
    session = get_object_or_404(
        Session.objects.exclude(status=Session.Status.CANCELLED)
        .filter(course__live=True)
        .select_related("course")
        .prefetch_related("days"),
        pk=pk,
    )
    if not session.days.all():
        raise Http404
    content = session_calendar(session, course=course_in_language(session.course, translation.get_language()))
    return _calendar_response(request, content, filename=f"session-{session.pk}.ics", last_modified=session.updated_at)


@login_required
@require_http_methods(["GET", "POST"])
def feed_regenerate(request: HttpRequest) -> HttpResponse:
    """Ask, then give the person a new secret feed address; the old one stops working (POST only)."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = reverse("training:my_trainings")
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        calendar_feed_regenerate(person=request.user)
        messages.success(request, _("Your calendar has a new address. The old address no longer works."))
        return redirect(f"{next_url.split('#')[0]}#calendar-subscription-heading")
    return render(request, "training/calendar/regenerate.html", {"next": next_url})
