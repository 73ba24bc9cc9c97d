"""Fault injection: the ``X-Emulator-Fault`` grammar and what each fault does.

A fault spec is ``key=value`` pairs separated by ``;`` (spaces ignored, keys case-insensitive),
given per request in the ``X-Emulator-Fault`` header or per emulator as a default
(``Emulator(faults=...)``, ``emulator.set_faults(...)``). A request's header replaces the
default whole; ``X-Emulator-Fault: none`` (or an empty value) turns the default off for it.

The faults work alike on v2 and v3 (``/v3/...``); a v3 error answer has v3's body (``_errors``),
and ``error-after`` sends v3's error event (``_v3_calls``). Events are counted from the first one
(v2: by default the ``span_id`` event; v3: the first ``content`` event, and ``done``, ``complete``
and ``[DONE]`` count too), so ``N=1`` means "after the first event" and ``N=0`` "before any
event". An ``N`` beyond the stream's length applies at its end.

======================  =========================================================================
``delay-first=S``       wait S seconds before sending the response status line (any operation)
``delay-chunk=S``       wait S seconds before each stream event after the first
``stall-after=N``       after N events send nothing more (no pings either) until the client goes
                        away or the emulator stops, which closes the connection. On JSON
                        operations only ``stall-after=0`` applies: no response at all
``drop-after=N``        after N events close the connection without ending the chunked body, so
                        a client sees a broken stream (httpx: ``RemoteProtocolError``, incomplete
                        chunked read). On JSON operations only ``drop-after=0`` applies: the
                        connection closes with no response at all
``error-after=N``       after N events send ``{"chunk_type": "error", "error_type": ...,
                        "error_message": ...}`` and end the stream cleanly
``error-type=NAME``     the ``error_type`` of that chunk (default ``EmulatedError``)
``malformed-after=N``   after N events send one event whose ``data`` is not JSON, then go on
``chunk-bytes=N``       write each event in pieces of N bytes, each its own write (and HTTP chunk)
``status=CODE``         answer every request with CODE (400-599) and an ``Error`` JSON body
``fail-times=N:CODE``   answer the first N requests with CODE, later ones normally (see below)
``retry-after=VALUE``   the ``Retry-After`` header of ``status``/``fail-times`` answers (429s get
                        ``1`` when it is not given); seconds or an HTTP date
``ping=S``              seconds between ``: ping`` keep-alive comments (default 15; ``0`` off;
                        off by default when ``stall-after`` or ``chunk-bytes`` is set)
``error=TYPE``          answer with the error the API reference documents under TYPE, with its
                        status and message: ``BadRequestError``, ``StructuredGenerationError``,
                        ``ContentPolicyViolationError``, ``ContextWindowExceededError`` (400),
                        ``UnauthorizedError`` (401), ``HTTPException`` (403, "Account
                        suspended"), ``NotFoundError`` (404), ``ConflictError`` (409),
                        ``RequestValidationError`` (422); the list is read from the spec's
                        ``x-documented-errors``
``detail=TEXT``         the ``detail`` of that answer (default: a sentence naming the fault)
``only=OP[,OP...]``     apply the spec only to these operationIds, of either spec (v2:
                        ``call``, ``call_stream``, ``create_span``, ...; v3: ``call`` too,
                        ``callStream``, ``callFunction``, ``streamFunction``, ``getSpan``, ...)
======================  =========================================================================

Stream shapes, also per request or as the default (none of them is a failure; ``span-id`` and
``json-path`` are v2's only, v3 has neither field):

======================  =========================================================================
``span-id=WHERE``       where ``span_id`` travels: ``alone`` (default; an event of its own before
                        the first delta), ``first-delta`` (beside the first delta) or ``last``
                        (in the last event)
``json-path=FORM``      ``plain`` (default): ``people[0].name``; ``response``: the same paths
                        under a leading ``response.`` (``response.people[0].name``)
``event-fields=on``     give each event an ``id:`` line (1, 2, ...) and (v2) an ``event:
                        message`` line, and the first a ``retry: 3000`` line
======================  =========================================================================

``fail-times`` counts requests per emulator under the key (operationId, client key), where the
client key is the request's ``X-Emulator-Key`` header, else its ``Idempotency-Key`` header, else
the fault spec's text. So retries of one logical request (same idempotency key) see the failures
run out, while a test can give each scenario its own counter with ``X-Emulator-Key``.
``emulator.reset()`` clears the counters.

>>> parse_faults("drop-after=2; delay-chunk=0.1").drop_after
2
>>> parse_faults("fail-times=2:503").fail_times
(2, 503)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Any

__all__ = ["FaultSpecError", "Faults", "parse_faults"]


class FaultSpecError(ValueError):
    """A fault spec that does not follow the grammar (the emulator answers such a header 400)."""


@dataclass(frozen=True)
class Faults:
    """One parsed fault spec; ``None`` fields are off. Build it with ``parse_faults``."""

    text: str = ""
    delay_first: float = 0.0
    delay_chunk: float = 0.0
    stall_after: int | None = None
    drop_after: int | None = None
    error_after: int | None = None
    error_type: str = "EmulatedError"
    malformed_after: int | None = None
    chunk_bytes: int | None = None
    status: int | None = None
    fail_times: tuple[int, int] | None = None
    retry_after: str | None = None
    ping: float | None = None
    only: frozenset[str] | None = None
    error: str | None = None
    detail: str | None = None
    span_id: str = "alone"
    json_path: str = "plain"
    event_fields: bool = False

    def applies_to(self, operation_id: str) -> bool:
        """Whether this spec is meant for ``operation_id`` (``only=`` narrows it)."""
        return self.only is None or operation_id in self.only

    @property
    def active(self) -> bool:
        """Whether any fault is set."""
        defaults = Faults()
        return any(
            getattr(self, f.name) != getattr(defaults, f.name)
            for f in fields(self)
            if f.name not in _SHAPES
        )


# Fields that describe a request's shape, not a failure (``Faults.active`` ignores them).
_SHAPES = frozenset(
    {"text", "only", "error_type", "detail", "span_id", "json_path", "event_fields"}
)
_CHOICES = {
    "span-id": ("alone", "first-delta", "last"),
    "json-path": ("plain", "response"),
    "event-fields": ("on", "off"),
}


def _choice(key: str, value: str) -> str:
    choices = _CHOICES[key]
    if value.lower() not in choices:
        raise FaultSpecError(f"{key}: {value!r} is not one of {', '.join(choices)}")
    return value.lower()


def _seconds(key: str, value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise FaultSpecError(f"{key}: {value!r} is not a number of seconds") from None
    if not math.isfinite(seconds) or seconds < 0:
        raise FaultSpecError(f"{key}: {value!r} must be a finite number >= 0")
    return seconds


def _count(key: str, value: str, minimum: int = 0) -> int:
    if not value.isdigit():
        raise FaultSpecError(f"{key}: {value!r} is not a whole number")
    count = int(value)
    if count < minimum:
        raise FaultSpecError(f"{key}: {value!r} must be >= {minimum}")
    return count


def _status(key: str, value: str) -> int:
    code = _count(key, value)
    if not 400 <= code <= 599:
        raise FaultSpecError(f"{key}: {value!r} must be an HTTP status from 400 to 599")
    return code


def parse_faults(text: str | None) -> Faults:
    """Parse a fault spec (see the module docstring); ``None``, ``""`` and ``"none"`` mean none.

    Raises ``FaultSpecError`` for an unknown key or a bad value.

    >>> parse_faults("status=429; retry-after=2").retry_after
    '2'
    """
    text = (text or "").strip()
    if text.lower() in ("", "none"):
        return Faults()
    values: dict[str, Any] = {"text": text}
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        key, sep, value = part.partition("=")
        key, value = key.strip().lower(), value.strip()
        if not sep or not value:
            raise FaultSpecError(f"{part!r} is not key=value")
        match key:
            case "delay-first" | "delay-chunk" | "ping":
                values[key.replace("-", "_")] = _seconds(key, value)
            case "stall-after" | "drop-after" | "error-after" | "malformed-after":
                values[key.replace("-", "_")] = _count(key, value)
            case "chunk-bytes":
                values["chunk_bytes"] = _count(key, value, minimum=1)
            case "status":
                values["status"] = _status(key, value)
            case "fail-times":
                times, colon, code = value.partition(":")
                if not colon:
                    raise FaultSpecError(f"fail-times: {value!r} is not N:CODE")
                values["fail_times"] = (_count(key, times.strip()), _status(key, code.strip()))
            case "retry-after":
                if not value.isascii() or not value.isprintable():
                    raise FaultSpecError(f"retry-after: {value!r} is not a header value")
                values["retry_after"] = value
            case "error-type" | "error" | "detail":
                if not value.isascii() or not value.isprintable():
                    raise FaultSpecError(f"{key}: {value!r} is not printable ASCII")
                values[key.replace("-", "_")] = value
            case "span-id" | "json-path":
                values[key.replace("-", "_")] = _choice(key, value)
            case "event-fields":
                values["event_fields"] = _choice(key, value) == "on"
            case "only":
                names = frozenset(name.strip() for name in value.split(",") if name.strip())
                if not names:
                    raise FaultSpecError("only: no operationId given")
                values["only"] = names
            case _:
                raise FaultSpecError(f"unknown fault {key!r}")
    return Faults(**values)
