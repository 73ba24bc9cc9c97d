"""Error answers the emulator's handlers raise, and the documented error types read from the spec.

Every error body is ``{"type", "message", "detail"}``. The types the API reference documents are
listed in ``openapi.yaml`` under each error response's ``x-documented-errors``; the status is the
one the response is used for. A fault ``error=TYPE`` (see ``_faults``) answers with one of them.

>>> documented_errors(load_spec())["StructuredGenerationError"]          # doctest: +SKIP
DocumentedError(status=400, type='StructuredGenerationError', message='The structured ...', ...)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["APIProblem", "DocumentedError", "conflict", "documented_errors", "not_found"]


class APIProblem(Exception):
    """An error answer: raised by a handler, sent as ``{"type", "message", "detail"}``."""

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

    def body(self) -> dict[str, Any]:
        return {"type": self.kind, "message": self.message, "detail": self.detail}


def not_found(detail: str) -> APIProblem:
    """404 as the API sends it; ``detail`` is e.g. ``"Span not found"``."""
    return APIProblem(404, "NotFoundError", "The resource was not found", detail)


def conflict(detail: str) -> APIProblem:
    """409 as the API sends it; ``detail`` is e.g. ``"Function name conflict"``."""
    return APIProblem(409, "ConflictError", "The resource already exists", detail)


@dataclass(frozen=True)
class DocumentedError:
    """One error type of the API reference: its status, type, message and a default detail."""

    status: int
    type: str
    message: str
    detail: str

    def problem(self, detail: str | None = None) -> APIProblem:
        return APIProblem(self.status, self.type, self.message, detail or self.detail)


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
