"""The people API (mounted at /api/v1/ by config/api.py): your own data, as one download.

``GET`` (or ``POST``) ``/me/export`` starts building the download, the counterpart of the button on
the profile page, and answers 202 with the address of its status; the status gives the state and,
once ready, the download address, until the download expires.
"""

from __future__ import annotations

from datetime import datetime

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Router, Schema, Status

from core.api import errors
from core.private_files import private_file_response
from core.urls import absolute_url

from .models import PersonalDataExport
from .services.data_exports import data_export_request, is_available, state_of

router = Router(tags=["me"])


class ExportOut(Schema):
    id: str = Field(description="The download's identifier (not guessable).")
    state: str = Field(description="`queued`, `running`, `done`, `failed` or `expired`.")
    created_at: datetime
    expires_at: datetime | None = Field(description="Until when the file can be downloaded, once ready.")
    status_url: str = Field(description="GET it to follow the state.")
    download_url: str | None = Field(description="The ZIP (data.json and the files), once ready.")


def _out(export: PersonalDataExport) -> dict:
    state = state_of(export)
    return {
        "id": export.token,
        "state": state,
        "created_at": export.created_at,
        "expires_at": export.expires_at,
        "status_url": absolute_url(reverse("api-v1:my_export", args=[export.token])),
        "download_url": absolute_url(reverse("api-v1:my_export_download", args=[export.token]))
        if state == PersonalDataExport.Status.DONE
        else None,
    }


def _mine(request: HttpRequest, token: str) -> PersonalDataExport:
    return get_object_or_404(PersonalDataExport, person=request.auth, token=token)


@router.api_operation(
    ["GET", "POST"], "/me/export", response={202: ExportOut, **errors(403)}, url_name="my_export_start"
)
def start_export(request: HttpRequest):
    """Start building a download of all data held about you (one under way is returned instead)."""
    return Status(202, _out(data_export_request(person=request.auth)))


@router.get("/me/export/{token}", response={200: ExportOut, **errors(404)}, url_name="my_export")
def export_status(request: HttpRequest, token: str):
    """The state of your download and, once ready, its address. Someone else's is 404."""
    return _out(_mine(request, token))


@router.get(
    "/me/export/{token}/download",
    response={200: None, **errors(404)},
    url_name="my_export_download",
    openapi_extra={"responses": {200: {"description": "The ZIP", "content": {"application/zip": {}}}}},
)
def export_download(request: HttpRequest, token: str):
    """The ZIP of your data, while it is available."""
    export = _mine(request, token)
    if not is_available(export):
        raise Http404
    return private_file_response(export.file, filename="personal-data.zip", content_type="application/zip")
