"""The one error every check and handler raises, ``APIProblem``, and the documented error types.

A problem carries the status, the error's type (``NotFoundError``), message, detail and any
headers. ``_app`` alone turns it into a response, in the body of the API the request was for:

- v2: ``{"type": kind, "message": message, "detail": detail}``;
- v3: ``{"error": {"code": code, "message": message, "details": detail}}``, where ``code`` is
  ``v3_code(kind, status)`` (``not_found``, ``invalid_input``, ``structured_generation``, ...:
  the emulator's choice, as the v3 spec lists none; lower-case like the codes in Opper's SDK
  tests) and a 422 is sent as 400 (v3 has no 422, says Opper's migration guide).

The types the API reference documents are listed in ``openapi.yaml`` under each error response's
``x-documented-errors``; the status is the one the response is used for. A fault ``error=TYPE``
(see ``_faults``) answers with one of them.

>>> raise not_found("Span not found")                                    # doctest: +SKIP
>>> documented_errors(load_spec())["StructuredGenerationError"]          # doctest: +SKIP
DocumentedError(status=400, type='StructuredGenerationError', message='The structured ...', ...)
"""

from __future__ import annotations

import http
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "APIProblem",
    "DocumentedError",
    "bad_request",
    "conflict",
    "documented_errors",
    "invalid",
    "not_found",
    "status_problem",
    "unauthorized",
    "v3_code",
]

#: The message and detail of a 401, as the live API sends them.
INVALID_KEY = "Invalid API key"
_V3_CODES = {
    "RequestValidationError": "invalid_input",
    "TooManyRequestsError": "rate_limit",
    "InternalServerError": "internal",
}


class APIProblem(Exception):
    """An error answer: raised by a check or a handler, rendered by ``_app``."""

    def __init__(
        self,
        status: int,
        kind: str,
        message: str,
        detail: Any,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {kind}: {detail}")
        self.status = status
        self.kind = kind
        self.message = message
        self.detail = detail
        self.headers = dict(headers or {})


def v3_code(kind: str, status: int) -> str:
    """The v3 ``error.code`` for a problem's type and status: lower-case words joined by ``_``,
    without the ``Error`` suffix, and the shorter names Opper's SDK tests use where they have
    one.

    >>> v3_code("NotFoundError", 404), v3_code("StructuredGenerationError", 400)
    ('not_found', 'structured_generation')
    >>> v3_code("HTTPException", 401), v3_code("TooManyRequestsError", 429)
    ('unauthorized', 'rate_limit')
    """
    if kind == "HTTPException":
        return "unauthorized" if status == 401 else "forbidden"
    if kind in _V3_CODES:
        return _V3_CODES[kind]
    words = re.findall(r"[A-Z]+(?=[A-Z][a-z]|\b)|[A-Z]?[a-z0-9]+", kind.removesuffix("Error"))
    return "_".join(word.lower() for word in words) or kind


def _clip(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


def not_found(detail: str) -> APIProblem:
    """404 as the API sends it; ``detail`` is e.g. ``"Span not found"``."""
    return APIProblem(404, "NotFoundError", "The resource was not found", detail)


def conflict(detail: str) -> APIProblem:
    """409 as the API sends it; ``detail`` is e.g. ``"Function name conflict"``."""
    return APIProblem(409, "ConflictError", "The resource already exists", detail)


def bad_request(detail: Any, message: str = "The request is invalid") -> APIProblem:
    """400 ``BadRequestError``: a body that cannot be read, a bad fault spec, ..."""
    return APIProblem(400, "BadRequestError", message, detail)


def invalid(violations: list[dict[str, Any]]) -> APIProblem:
    """422 ``RequestValidationError`` whose detail lists ``{loc, msg, type}``."""
    first = violations[0]
    where = ".".join(str(part) for part in first["loc"])
    message = _clip(f"The request is invalid: {where}: {first['msg']}")
    return APIProblem(422, "RequestValidationError", message, violations)


def unauthorized() -> APIProblem:
    """401 as the live API answers a missing or wrong key: ``HTTPException``, "Invalid API key"
    (recorded from ``/v2/spans``; the API reference documents ``UnauthorizedError`` instead)."""
    headers = {"WWW-Authenticate": "Bearer"}
    return APIProblem(401, "HTTPException", INVALID_KEY, INVALID_KEY, headers)


def _phrase(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:  # e.g. 599: not a registered status
        return "Server Error" if status >= 500 else "Client Error"


def status_problem(
    status: int, detail: Any, headers: Mapping[str, str] | None = None
) -> APIProblem:
    """Any status as a problem whose type is named after it: 429 ``TooManyRequestsError``,
    500 ``InternalServerError``, and so on."""
    words = _phrase(status).replace("-", " ").split()
    kind = "".join(word.capitalize() for word in words)
    kind = kind if kind.endswith("Error") else kind + "Error"
    return APIProblem(status, kind, _phrase(status), detail, headers)


@dataclass(frozen=True)
class DocumentedError:
    """One error type of the API reference: its status, type, message and a default detail."""

    status: int
    type: str
    message: str
    detail: str

    def problem(
        self, detail: str | None = None, headers: Mapping[str, str] | None = None
    ) -> APIProblem:
        return APIProblem(self.status, self.type, self.message, detail or self.detail, headers)


def documented_errors(spec: Mapping[str, Any]) -> dict[str, DocumentedError]:
    """Every ``x-documented-errors`` entry of the spec's error responses, by type.

    A response's status is the lowest one any operation uses it for (``'4XX'`` reads as 400).
    """
    components = spec.get("components", {}).get("responses", {})
    statuses: dict[str, int] = {}
    for item in (spec.get("paths") or {}).values():
        for operation in item.values() if isinstance(item, Mapping) else ():
            responses = operation.get("responses") if isinstance(operation, Mapping) else None
            for code, response in (responses or {}).items():
                ref = response.get("$ref", "") if isinstance(response, Mapping) else ""
                number = str(code).upper().replace("X", "0")
                if ref.startswith("#/components/responses/") and number.isdigit():
                    name = ref.rsplit("/", 1)[1]
                    statuses[name] = min(statuses.get(name, 999), int(number))
    found: dict[str, DocumentedError] = {}
    for name, response in components.items():
        status = statuses.get(name)
        listed = response.get("x-documented-errors") if isinstance(response, Mapping) else None
        if status is None or not isinstance(listed, list):
            continue
        for entry in listed:
            kind = str(entry["type"])
            detail = str(entry.get("detail") or f"{entry['message']} (injected)")
            found.setdefault(kind, DocumentedError(status, kind, str(entry["message"]), detail))
    return found
