"""The HTTP API: one NinjaAPI assembling each app's router under /api/v1/.

Authentication, the JSON error format and the docs page live here; the endpoints in each app's
``api`` module. Errors are always ``{"code": ..., "message": ...}`` (plus ``errors`` for 422), with the
message in the person's preferred language when they are known, else the request's (Accept-Language).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any, NoReturn

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from competencies.api import router as competencies_router
from core.errors import DomainError
from people.api import router as people_router
from people.api_tokens import CsrfFailed, InvalidToken, TwoStepRequired, api_language, signed_in_auth
from reporting.api import router as reporting_router
from training.api import router as training_router

DESCRIPTION = """
The Perhekeskus training API: the training catalogue, enrolling and cancelling, your own trainings,
certificates and competences, a session's attendance (for its trainers and organisers) and the
aggregated competence gaps (for managers and coordinators).

**Authentication.** Create a personal API token on your profile page (or an administrator runs
`manage.py create_api_token EMAIL`) and send it as `Authorization: Bearer <token>`. In a browser
signed in to the service, the session works too (unsafe methods then need the `X-CSRFToken` header,
which this page sends). The catalogue (`/courses`, `/sessions`) is public; a token that is sent must
be valid there too.

**Errors** are JSON: `{"code": "...", "message": "..."}`. `code` is stable, `message` is for people:
in the person's preferred language when authenticated, else the request's `Accept-Language`. Each
operation lists the errors it can give.

| status | when | code |
| --- | --- | --- |
| 400 | a rule about the input was broken (e.g. a reason is required) | the rule's code |
| 401 | no credentials, or an invalid or revoked token | `unauthorized` |
| 403 | the CSRF check failed (session only), or not allowed | `csrf_failed`, `forbidden` |
| 404 | not found, or not yours (another person's enrolment) | `not_found` |
| 405 | the address does not take this method (`Allow` lists those it takes) | `method_not_allowed` |
| 409 | the request conflicts with the state of things (see below) | the rule's code |
| 422 | a malformed body or query: not JSON, wrong types, unknown fields, out of range | `invalid`, with `errors` |

The 409 codes: `already_enrolled`, `session_cancelled`, `session_not_open`, `session_started`,
`enrolment_not_open_yet`, `enrolment_closed`, `cancellation_deadline_passed`, `not_active`.

**Numbers and text** have the limits the schema gives: ids are 1 to 2^63-1, as the database holds them;
free text has its maximum length (longer text is refused, never cut) and may not contain NUL characters.

**Lists** are paginated with `?limit=` (1-100, default 100) and `?offset=`, answering
`{"items": [...], "count": <total>}`. **Times** are ISO 8601 in Europe/Helsinki time with the offset.
"""


# TrainingError codes that say the input was wrong rather than the state of things: 400, the rest 409.
class MalformedBody(ValueError):
    """The request body is not JSON."""


class JSONParser(Parser):
    """Marks an unparsable body so that it gets 422 like any other invalid body (ninja says 400)."""

    def parse_body(self, request: HttpRequest) -> Any:
        try:
            return json.loads(request.body)
        except ValueError as error:  # JSONDecodeError and UnicodeDecodeError
            raise MalformedBody(str(error)) from error


class PerhekeskusAPI(NinjaAPI):
    """Answers a method an address does not take with the JSON error too (ninja's own 405 is text)."""

    @property
    def urls(self) -> tuple[list, str, str]:
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            pattern.callback = _json_method_not_allowed(pattern.callback)
        return patterns, app_name, namespace


def _json_method_not_allowed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)  # keeps csrf_exempt: unsafe methods are checked by the session authentication
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code != 405 or response.get("Content-Type", "").startswith("application/json"):
            return response
        method = request.method
        answer = error_response(
            request,
            405,
            "method_not_allowed",
            lambda: _("This address does not take the %(method)s method.") % {"method": method},
        )
        answer["Allow"] = response["Allow"]
        return answer

    return wrapper


api = PerhekeskusAPI(
    title="Perhekeskus API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=signed_in_auth(),
    parser=JSONParser(),
    # Swagger UI from ninja's own static files; its validator badge would call validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
)
api.add_router("", training_router)
api.add_router("", competencies_router)
api.add_router("", reporting_router)
api.add_router("", people_router)

# Last: any other path under /api/v1/ is a JSON 404, not the site's HTML page (or a slash redirect).
unknown_paths = Router()


@unknown_paths.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", auth=None, include_in_schema=False
)
def unknown_path(request: HttpRequest, rest: str) -> NoReturn:
    raise Http404


api.add_router("", unknown_paths)


# Errors
# ------------------------------------------------------------------------------


def error_response(request: HttpRequest, status: int, code: str, message: Any, **extra: Any) -> HttpResponse:
    """``message`` may be lazy or a callable: it is rendered in the language of ``api_language(request)``."""
    language = api_language(request)
    with translation.override(language):
        text = str(message() if callable(message) else message)
    response = api.create_response(request, {"code": code, "message": text, **extra}, status=status)
    response["Content-Language"] = language
    return response


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, error: DomainError) -> HttpResponse:
    """Any app's domain error, with the HTTP status its class declares."""
    return error_response(request, error.http_status, error.code, lambda: error.message)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    details = "; ".join(
        f"{'.'.join(str(part) for part in item.get('loc', ()))}: {item.get('msg', '')}" for item in error.errors
    )
    return error_response(
        request,
        422,
        "invalid",
        lambda: _("The request is not valid: %(details)s") % {"details": details},
        errors=error.errors,
    )


@api.exception_handler(AuthenticationError)
def on_authentication_error(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    if isinstance(error, InvalidToken):
        response = error_response(
            request, 401, "unauthorized", lambda: _("The API token is not valid or has been revoked.")
        )
        response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return response
    response = error_response(
        request,
        401,
        "unauthorized",
        lambda: _("Authentication required: send a personal API token as “Authorization: Bearer <token>”."),
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return error_response(request, 404, "not_found", lambda: _("Not found."))


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    return error_response(request, 403, "forbidden", lambda: _("You do not have permission to do this."))


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    if isinstance(error.__cause__, MalformedBody):
        return error_response(
            request,
            422,
            "invalid",
            lambda: _("The request body is not valid JSON."),
            errors=[{"loc": ["body"], "msg": str(error.__cause__), "type": "json_invalid"}],
        )
    if isinstance(error, TwoStepRequired):
        return error_response(
            request,
            403,
            "two_step_required",
            lambda: _(
                "Your role (administrator or coordinator) needs two-step verification before its API tokens work. "
                "Set up an authenticator app in your account settings."
            ),
        )
    if isinstance(error, CsrfFailed):
        return error_response(
            request,
            403,
            "csrf_failed",
            lambda: _("CSRF check failed: send the X-CSRFToken header, or use an API token instead of the session."),
        )
    known = {
        400: ("bad_request", lambda: _("The request could not be understood.")),
        403: ("forbidden", lambda: _("You do not have permission to do this.")),
        404: ("not_found", lambda: _("Not found.")),
        429: ("throttled", lambda: _("Too many requests. Try again later.")),
    }
    code, message = known.get(error.status_code, ("error", lambda: error.message))
    return error_response(request, error.status_code, code, message)
