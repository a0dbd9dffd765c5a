"""The HTML of certificates, each page in its holder's language, ready for WeasyPrint (training.documents.pdf).

``certificate_items`` gathers what the pages show for any number of certificates in a constant
number of queries: the snapshot fields of the certificate (name, course title, completion date,
hours, validity), and from the session and the course page in the certificate's language the
kind, the days, the organiser, the trainers and the learning outcomes. ``certificates_html``
renders one document with a page per certificate (the printable batch, or a single certificate);
each certificate's first element carries the ``training.documents.pdf.ITEM_ANCHOR`` id that
``training.documents.pdf.split_pages`` cuts the document at.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.urls import absolute_url
from people.models import User

from ..models import Certificate, CoursePage, SessionDay
from ..selectors.courses import course_translations
from .pdf import ITEM_ANCHOR, ITEM_TITLE

TEMPLATE = "training/pdf/certificates.html"
QR_MODULE_MM = 0.8  # a version 5 code (37 modules) is about 30 mm wide: scans well from paper
QR_PIXELS_PER_MODULE = 4  # drawn without smoothing (image-rendering: pixelated): sharp at any zoom
# The image resolution that gives QR_MODULE_MM per module, for the template's ``image-resolution``.
QR_RESOLUTION = f"{25.4 * QR_PIXELS_PER_MODULE / QR_MODULE_MM:g}dpi"


def verification_path(code: str) -> str:
    """``/certificates/verify/<code>/``: the Finnish URL has no language prefix."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("training:certificate_verify", kwargs={"code": code})


def verification_url(code: str) -> str:
    return absolute_url(verification_path(code))


def qr_png(url: str) -> str:
    """The QR code of ``url`` as an inline PNG (``data:`` URI, no file to fetch), a pixel block per module.

    An image rather than an SVG path: WeasyPrint draws a QR code's few hundred path segments in
    Python, which cost more than the rest of the certificate's drawing; a PNG is embedded as is.
    """
    import segno

    return segno.make(url, error="m", micro=False).png_data_uri(scale=QR_PIXELS_PER_MODULE, border=0)


@dataclass
class CertificateItem:
    language: str
    code: str
    holder_name: str
    course_title: str
    kind: str
    first_day: date
    last_day: date
    hours: str
    organiser: str
    trainers: list[str]
    learning_outcomes: list[str]
    issued_on: date
    valid_until: date | None
    verification_url: str
    qr_png: str

    @property
    def title(self) -> str:
        """The PDF's title, which viewers and screen readers announce: course and holder, in the holder's language."""
        with translation.override(self.language):
            return _("Certificate: %(course)s, %(holder)s") % {"course": self.course_title, "holder": self.holder_name}


def with_document_data(certificates):
    """``certificates`` (a queryset) with the session, course, organiser, days and trainers prefetched."""
    return certificates.select_related("session__course__organiser").prefetch_related(
        Prefetch("session__days", queryset=SessionDay.objects.order_by("starts_at")),
        Prefetch("session__trainers", queryset=User.objects.order_by("last_name", "first_name")),
    )


def _translated_courses(certificates: list[Certificate]) -> dict[tuple, CoursePage]:
    """The live course pages in the certificates' languages, by (translation_key, language): one query."""
    return course_translations(
        {certificate.session.course.translation_key for certificate in certificates},
        {certificate.language for certificate in certificates},
    )


def _hours(value: Decimal, language: str) -> str:
    with translation.override(language):
        return number_format(value.normalize() if value == value.to_integral() else value, use_l10n=True)


def certificate_items(certificates: list[Certificate]) -> list[CertificateItem]:
    """What each certificate page shows (``certificates`` fetched through ``with_document_data``)."""
    translations = _translated_courses(certificates)
    items = []
    for certificate in certificates:
        session = certificate.session
        course = translations.get((session.course.translation_key, certificate.language), session.course)
        days = list(session.days.all())
        first = timezone.localdate(days[0].starts_at) if days else certificate.completed_on
        last = timezone.localdate(days[-1].ends_at) if days else certificate.completed_on
        with translation.override(certificate.language):
            kind = str(course.get_kind_display())
        url = verification_url(certificate.code)
        items.append(
            CertificateItem(
                language=certificate.language,
                code=certificate.code,
                holder_name=certificate.holder_name,
                course_title=certificate.course_title,
                kind=kind,
                first_day=first,
                last_day=last,
                hours=_hours(certificate.hours, certificate.language),
                organiser=session.course.organiser.name if session.course.organiser else "",
                trainers=[str(trainer) for trainer in session.trainers.all()],
                learning_outcomes=course.learning_outcome_list,
                issued_on=timezone.localdate(certificate.issued_at),
                valid_until=certificate.valid_until,
                verification_url=url,
                qr_png=qr_png(url),
            )
        )
    return items


def certificates_html(items: list[CertificateItem], *, title: str = "") -> str:
    """One HTML document with a page per item; the document's language and title are the first item's
    unless ``title`` is given (each item carries its own for ``training.documents.pdf.split_pages``)."""
    language = items[0].language if items else settings.LANGUAGE_CODE
    return get_template(TEMPLATE).render(
        {
            "items": items,
            "language_code": language,
            "title": title or (items[0].title if items else ""),
            "item_anchor": ITEM_ANCHOR,
            "item_title": ITEM_TITLE,
            "qr_resolution": QR_RESOLUTION,
        }
    )
