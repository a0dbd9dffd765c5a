"""The "my data" download: everything held about a person, as a ZIP of JSON and the files.

``data_export_request`` queues the building (``people.tasks.build_personal_data_export``) unless one is
already under way; ``data_export_build`` collects the profile and every export of the register of
personal data (``people.personal_data``) into ``data.json`` beside the files the entries list
(evidence, certificate PDFs, the admin picture). The file is stored under a random name, offered only
through the view that checks whose it is, and deleted ``PERSONAL_DATA_EXPORT_HOURS`` after it was ready
(``data_exports_delete_expired``, run with the retention rule).
"""

from __future__ import annotations

import datetime
import io
import json
import logging
import zipfile

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from ..models import PersonalDataExport, User
from ..personal_data import entries

logger = logging.getLogger(__name__)

Status = PersonalDataExport.Status

# Still queued or running this long after it was asked for: its worker was stopped; shown as failed.
STALLS_AFTER = datetime.timedelta(minutes=30)


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def is_stalled(export: PersonalDataExport, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return export.status in (Status.QUEUED, Status.RUNNING) and now - export.created_at > STALLS_AFTER


def is_available(export: PersonalDataExport, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return export.status == Status.DONE and bool(export.file) and (export.expires_at is None or export.expires_at > now)


def state_of(export: PersonalDataExport) -> str:
    """``queued``, ``running``, ``done``, ``failed`` or ``expired``, as the page and the API show it."""
    if is_stalled(export):
        return Status.FAILED
    if export.status == Status.DONE and not is_available(export):
        return "expired"
    return export.status


def profile_of(person: User) -> dict:
    unit = person.unit
    return {
        "email": person.email,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "unit": unit.name if unit else None,
        "organisation": unit.organisation.name if unit else None,
        "professional_group": person.professional_group.name if person.professional_group else None,
        "service_level": person.service_level,
        "preferred_language": person.preferred_language,
        "is_active": person.is_active,
        "is_trainer": person.is_trainer,
        "is_coordinator": person.is_coordinator,
        "is_administrator": person.is_superuser,
        "date_joined": _iso(person.date_joined),
        "last_login": _iso(person.last_login),
    }


def personal_data_of(person: User) -> tuple[dict, list[tuple[str, object]]]:
    """The JSON document and the ``(name in the ZIP, FieldFile)`` files of everything held about ``person``."""
    data: dict = {"generated_at": _iso(timezone.now()), "profile": profile_of(person)}
    files: list[tuple[str, object]] = []
    for entry in entries():
        if entry.export is not None:
            data.setdefault(entry.name, []).extend(entry.export(person))
        if entry.files is not None:
            files.extend(entry.files(person))
    return data, files


def personal_data_zip(person: User) -> bytes:
    data, files = personal_data_of(person)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2, default=str))
        for name, stored in files:
            try:
                with stored.open("rb") as handle:
                    archive.writestr(name, handle.read())
            except FileNotFoundError:
                logger.warning("A file of a personal-data download is missing from the storage")
    return buffer.getvalue()


@transaction.atomic
def data_export_request(*, person: User) -> PersonalDataExport:
    """Queue a download of ``person``'s data; one already under way is returned instead."""
    from ..tasks import build_personal_data_export

    under_way = [
        export
        for export in PersonalDataExport.objects.filter(person=person, status__in=(Status.QUEUED, Status.RUNNING))
        if not is_stalled(export)
    ]
    if under_way:
        return under_way[0]
    export = PersonalDataExport.objects.create(person=person)
    transaction.on_commit(lambda: build_personal_data_export.enqueue(export_id=export.pk))
    return export


def data_export_build(export_id: int) -> PersonalDataExport:
    """Build the ZIP of a queued download; a failure marks it failed (the page offers to try again)."""
    export = PersonalDataExport.objects.select_related("person").get(pk=export_id)
    PersonalDataExport.objects.filter(pk=export.pk).update(status=Status.RUNNING)
    try:
        content = personal_data_zip(export.person)
        export.file.save("data.zip", ContentFile(content), save=False)
    except Exception as error:
        logger.exception("Building a personal-data download failed")
        PersonalDataExport.objects.filter(pk=export.pk).update(
            status=Status.FAILED, error=repr(error), finished_at=timezone.now()
        )
        export.refresh_from_db()
        return export
    now = timezone.now()
    export.status = Status.DONE
    export.finished_at = now
    export.expires_at = now + datetime.timedelta(hours=settings.PERSONAL_DATA_EXPORT_HOURS)
    export.save(update_fields=["file", "status", "finished_at", "expires_at"])
    return export


def data_exports_delete(exports) -> int:
    """Delete downloads and their files; returns how many."""
    count = 0
    for export in exports:
        if export.file:
            export.file.delete(save=False)
        export.delete()
        count += 1
    return count


def data_exports_delete_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete the downloads past their time, and those that failed or stalled a day ago."""
    now = now or timezone.now()
    expired = PersonalDataExport.objects.filter(expires_at__lt=now) | PersonalDataExport.objects.filter(
        created_at__lt=now - datetime.timedelta(days=1)
    ).exclude(status=Status.DONE)
    return data_exports_delete(expired.distinct())
