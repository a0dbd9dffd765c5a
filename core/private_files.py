"""Private files (competence evidence, generated exports): a storage of their own, outside MEDIA_ROOT, random names.

Nothing under ``/media/`` can reach them in any settings:

* They live in ``STORAGES["private"]`` (``PRIVATE_MEDIA_ROOT``, by default ``private/`` beside
  ``media/``); ``PrivateFileSystemStorage`` refuses a location inside MEDIA_ROOT and has no URLs, so
  no template can link to one by mistake.
* Their names are random (``random_name``): a name leaks nothing and cannot be guessed.
* The development server serves only the public directories of MEDIA_ROOT (``PUBLIC_MEDIA_DIRECTORIES``:
  Wagtail's images and avatars), and only normalised paths (``public_media``): ``/media//evidence/x``,
  ``/media/./evidence/x``, ``/media/evidence%2Fx``, ``/media/%65vidence/x`` and the like are 404.

They are served by the view that checks access, through ``private_file_response``: it streams the
file itself, or, when ``PRIVATE_FILES_ACCEL_REDIRECT`` is set (e.g. ``"/protected/"``), answers with
only an ``X-Accel-Redirect`` header and lets the reverse proxy send the file from an ``internal``
location (see README, "Deploying").
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.static import serve

PUBLIC_MEDIA_DIRECTORIES = frozenset({"images", "original_images", "avatar_images"})
EXTENSION = re.compile(r"^\.[a-z0-9]{1,8}$")


def private_storage() -> Storage:
    """The storage of private files (a callable, so that models and migrations name it, not its settings)."""
    return storages["private"]


def random_name(directory: str, filename: str) -> str:
    """``directory/<32 random hex digits>.<extension of filename>``: the name says nothing about the file."""
    suffix = PurePosixPath(filename.replace("\\", "/")).suffix.lower()
    return f"{directory}/{secrets.token_hex(16)}{suffix if EXTENSION.match(suffix) else ''}"


class PrivateFileSystemStorage(FileSystemStorage):
    """Files on disk outside MEDIA_ROOT, without URLs."""

    def __init__(self, location=None, **kwargs) -> None:
        super().__init__(location=location, base_url=None, **kwargs)
        media_root = Path(settings.MEDIA_ROOT).resolve()
        private_root = Path(self.location).resolve()
        if private_root == media_root or media_root in private_root.parents:
            raise ImproperlyConfigured("PRIVATE_MEDIA_ROOT must not be inside MEDIA_ROOT: /media/ would serve it.")

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no address of their own: serve them through a view that checks access.")


def private_file_response(file, *, filename: str, content_type: str) -> HttpResponse:
    """The answer that sends ``file`` (a FieldFile of a private storage) as a download named ``filename``.

    With ``PRIVATE_FILES_ACCEL_REDIRECT`` the proxy sends it (``X-Accel-Redirect``: that prefix and the
    stored name); otherwise the file is streamed from the storage. Never cached, never sniffed.
    """
    prefix = getattr(settings, "PRIVATE_FILES_ACCEL_REDIRECT", "")
    if prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(file.name)
        response["Content-Disposition"] = content_disposition_header(False, filename)
    else:
        try:
            handle = file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, content_type=content_type, filename=filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def public_media(request: HttpRequest, path: str) -> HttpResponse:
    """The development server's /media/: public directories only, and only paths already in normal form.

    ``path`` arrives decoded (``%2F`` is a slash, ``%65`` an "e"); an empty segment, ``.`` or ``..``,
    a backslash or a directory outside ``PUBLIC_MEDIA_DIRECTORIES`` is a 404 before the disk is asked.
    """
    parts = path.split("/")
    if (
        parts[0] not in PUBLIC_MEDIA_DIRECTORIES
        or any(part in ("", ".", "..") for part in parts)
        or "\\" in path
        or "\x00" in path
    ):
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
