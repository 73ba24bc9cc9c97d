"""Every error this package raises, under one root.

::

    OpperError
    ├── InvalidRequestError        bad arguments, caught before sending (also a ValueError)
    └── APIError                   talking to the API failed
        ├── APIConnectionError     no response: connect failure, reset, protocol error
        │   └── APITimeoutError    a connect, read, write or pool timeout
        ├── APIStatusError         the API answered with a 4xx/5xx status
        │   ├── BadRequestError            400
        │   ├── AuthenticationError        401
        │   ├── PermissionDeniedError      403
        │   ├── NotFoundError              404
        │   ├── ConflictError              409
        │   ├── UnprocessableEntityError   422
        │   ├── RateLimitError             429 (``retry_after``)
        │   └── InternalServerError        5xx
        └── StreamError            a stream failed after it started (an ``error`` chunk)
            ├── StreamDecodeError       an event's ``data`` is not a JSON chunk, or is too large
            └── StreamInterruptedError  the connection ended or stalled before the stream's end

A ``StreamError`` keeps what arrived before the failure (``text``, ``output``, ``span_id``), so a
caller can use or log the partial result. No error message or repr ever contains the API key.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final
from urllib.parse import quote

import httpx

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "InvalidRequestError",
    "NotFoundError",
    "OpperError",
    "PermissionDeniedError",
    "RateLimitError",
    "StreamDecodeError",
    "StreamError",
    "StreamInterruptedError",
    "UnprocessableEntityError",
    "error_from_response",
    "redact",
]


class OpperError(Exception):
    """The root of every error raised by opper-tracing."""


class InvalidRequestError(OpperError, ValueError):
    """The call's arguments are invalid; nothing was sent."""


class APIError(OpperError):
    """A call to the Opper API failed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        """A human-readable description of the failure."""


class APIConnectionError(APIError):
    """No usable response: the connection failed, was reset, or broke the protocol."""


class APITimeoutError(APIConnectionError):
    """A connect, read, write or pool timeout expired."""


class APIStatusError(APIError):
    """The API answered with an error status.

    ``body`` is the parsed JSON body, or the raw text when it is not JSON. ``type`` and ``detail``
    come from the API's ``{type, message, detail}`` error body when it has that shape.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        body: Any,
        headers: httpx.Headers | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        """The HTTP status code."""
        self.body = body
        """The parsed JSON error body, or the raw text."""
        parsed = body if isinstance(body, dict) else {}
        self.type: str | None = parsed.get("type") if isinstance(parsed.get("type"), str) else None
        """The API's error type, e.g. ``RequestValidationError``."""
        self.detail: Any = parsed.get("detail")
        """The API's ``detail``: where the error occurred and what it was."""
        headers = headers or httpx.Headers()
        self.request_id: str | None = headers.get("x-request-id") or headers.get("request-id")
        """The request id the server returned, if any."""
        self.retry_after = retry_after
        """Seconds to wait before retrying, from a ``Retry-After`` header, if any."""


class BadRequestError(APIStatusError):
    """400: the request could not be understood (for example, its body is not JSON)."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing or not accepted."""


class PermissionDeniedError(APIStatusError):
    """403: the key is valid but may not do this (for example, the account is suspended)."""


class ConflictError(APIStatusError):
    """409: the request conflicts with the current state (for example, a duplicate name)."""


class NotFoundError(APIStatusError):
    """404: the span or function does not exist."""


class UnprocessableEntityError(APIStatusError):
    """422: the body does not match its schema, or ``input`` does not match ``input_schema``."""


class RateLimitError(APIStatusError):
    """429: rate limited. ``retry_after`` is the wait in seconds the server asked for, if any."""


class InternalServerError(APIStatusError):
    """5xx: the server failed."""


class StreamError(APIError):
    """A stream failed after it started.

    Raised as is for an ``error`` chunk from the server (``error_type``, ``error_message``); its
    subclasses cover undecodable events and broken connections. ``text``, ``output`` and
    ``span_id`` hold what arrived before the failure.
    """

    def __init__(
        self,
        message: str,
        *,
        error_type: str | None = None,
        error_message: str | None = None,
        span_id: str | None = None,
        text: str = "",
        output: Any = None,
    ) -> None:
        super().__init__(message)
        self.error_type = error_type
        """The server's error type, for an ``error`` chunk."""
        self.error_message = error_message
        """The server's error message, for an ``error`` chunk."""
        self.span_id = span_id
        """The call's Opper span id, if the first chunk arrived."""
        self.text = text
        """The text deltas received before the failure, joined."""
        self.output = output
        """The structured output assembled before the failure (a partial snapshot)."""


class StreamDecodeError(StreamError):
    """An event could not be decoded: its ``data`` is not a JSON object, or it is too large."""


class StreamInterruptedError(StreamError):
    """The connection closed, failed or stalled before the server ended the stream."""


_STATUS_ERRORS: Final[dict[int, type[APIStatusError]]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def redact(value: Any, secret: str) -> Any:
    """``value`` with every occurrence of ``secret`` (as is, or percent-encoded) replaced by
    ``***``, in a string or in every string inside decoded JSON."""
    if isinstance(value, str):
        for form in {secret, quote(secret, safe=""), quote(secret)}:
            value = value.replace(form, "***")
        return value
    if isinstance(value, dict):
        return {redact(k, secret): redact(v, secret) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v, secret) for v in value]
    return value


def error_from_response(
    *,
    status_code: int,
    headers: Mapping[str, str],
    content: bytes,
    reason: str,
    where: str,
    secret: str,
) -> APIStatusError:
    """The exception for an error response, with the key removed from everything it carries.

    The body is decoded first (JSON escapes such as ``\\u0073k-...`` resolved), then redacted,
    so no encoding of the key can slip through into the message, ``body`` or a traceback.
    """
    from ._retry import parse_retry_after

    text = content.decode("utf-8", errors="replace")
    try:
        body: Any = json.loads(text)
    except ValueError:
        body = text
    body = redact(body, secret)
    summary = redact(reason, secret) or "error"
    if isinstance(body, dict):
        parts = [str(body[key]) for key in ("type", "message") if body.get(key)]
        if body.get("detail") is not None:
            parts.append(f"detail: {body['detail']}")
        summary = ": ".join(parts) or summary
    elif isinstance(body, str) and body.strip():
        summary = body.strip()[:500]
    if status_code == 404 and "/v2/" not in where.partition("?")[0] + "/":
        summary += " (the URL has no /v2: is the base URL missing it?)"
    cls = _STATUS_ERRORS.get(status_code) or (
        InternalServerError if status_code >= 500 else APIStatusError
    )
    return cls(
        f"{status_code} from {redact(where, secret)}: {summary}",
        status_code=status_code,
        body=body,
        headers=httpx.Headers(headers),
        retry_after=parse_retry_after(headers.get("retry-after")),
    )
