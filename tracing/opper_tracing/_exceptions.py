"""Every error this package raises, under one root, and the redaction that keeps the key out::

    OpperError
    ├── InvalidRequestError (also a ValueError)
    ├── EventLoopError (also a RuntimeError)
    └── APIError
        ├── APIConnectionError ── APITimeoutError
        ├── APIResponseError
        ├── APIStatusError ── one subclass per status: 400, 401, 403, 404, 409, 422, 429, 5xx
        └── StreamError ── StreamDecodeError, StreamInterruptedError

No message, repr or field of these errors, or of exceptions chained to them, holds the API key:
server text goes through ``redact`` after decoding, and ``scrub`` cleans the httpx errors beneath
them; only a stream's deltas (``text``, ``output``), the model's output, are left as they came."""

from __future__ import annotations

import email.utils
import functools
import json
import re
import time
from collections.abc import Mapping
from typing import Any, Final

import httpx

__all__ = [
    "APIConnectionError", "APIError", "APIResponseError", "APIStatusError", "APITimeoutError",
    "AuthenticationError", "BadRequestError", "ConflictError", "EventLoopError",
    "InternalServerError", "InvalidRequestError", "NotFoundError", "OpperError",
    "PermissionDeniedError", "RateLimitError", "StreamDecodeError", "StreamError",
    "StreamInterruptedError", "UnprocessableEntityError", "error_from_response", "excerpt",
    "parse_retry_after", "redact", "scrub", "transport_failure",
]  # fmt: skip


class OpperError(Exception):
    """The root of every error raised by opper-tracing."""


class InvalidRequestError(OpperError, ValueError):
    """The call's arguments are invalid; nothing was sent."""


class APIError(OpperError):
    """A call to the Opper API failed; ``message`` says how."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class APIConnectionError(APIError):
    """No usable response: the connection failed, was reset, or broke the protocol."""


class APITimeoutError(APIConnectionError):
    """A connect, read, write or pool timeout expired."""


class EventLoopError(OpperError, RuntimeError):
    """The async client was used outside asyncio, or read a response in another event loop."""


class APIResponseError(APIError):
    """A 2xx answer that is not what the operation returns (a proxy's login page, JSON for an
    event stream, a body not matching the API); not retried, as the task may have run. Its
    ``status_code``, ``content_type`` and ``body`` (the answer's start, key redacted) say why."""

    def __init__(
        self, message: str, *, status_code: int, content_type: str | None, body: str
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.content_type = content_type
        self.body = body


class APIStatusError(APIError):
    """The API answered with an error status. ``body`` is the parsed JSON body, or the raw text;
    ``type`` (also ``error_type``, as on ``StreamError``; say ``"ContextWindowExceededError"``),
    ``error_message`` and ``detail`` come from v2's ``{type, message, detail}`` or v3's
    ``{"error": {code, message, details}}`` body; ``request_id`` is the ``x-request-id`` to quote
    to Opper's support, and ``retry_after`` the seconds a ``Retry-After`` header asked to wait."""

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
        self.body = body
        fields, names = (body if isinstance(body, dict) else {}), ("type", "message", "detail")
        if isinstance(fields.get("error"), dict):
            fields, names = fields["error"], ("code", "message", "details")
        kind, text, detail = map(fields.get, names)
        self.detail: Any = detail
        self.type = self.error_type = kind if isinstance(kind, str) else None
        self.error_message = text if isinstance(text, str) else None
        headers = headers or httpx.Headers()
        self.request_id: str | None = headers.get("x-request-id") or headers.get("request-id")
        self.retry_after = retry_after


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
    """A stream failed after it started: an ``error`` chunk from the server (``error_type``,
    ``error_message``), or, as a subclass, an undecodable event or a broken connection. ``text``
    (the text deltas, joined), ``output`` (the structured output so far) and ``span_id`` (the
    call's Opper span, once the first chunk came) hold what arrived before the failure."""

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
        self.error_message = error_message
        self.span_id = span_id
        self.text = text
        self.output = output


class StreamDecodeError(StreamError):
    """An event could not be decoded: its ``data`` is not a JSON object, or it is too large."""


class StreamInterruptedError(StreamError):
    """The connection closed, failed or stalled before the server ended the stream."""


_BY_STATUS: Final[dict[int, type[APIStatusError]]] = {
    400: BadRequestError, 401: AuthenticationError, 403: PermissionDeniedError,
    404: NotFoundError, 409: ConflictError, 422: UnprocessableEntityError, 429: RateLimitError,
}  # fmt: skip


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header: delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    value = (value or "").strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


@functools.lru_cache(maxsize=16)
def _pattern(secret: str) -> re.Pattern[str]:
    def units(prefix: str, data: bytes, n: int) -> str:  # each n bytes as hex, in either case
        return "".join(f"{prefix}(?i:{data[i : i + n].hex()})" for i in range(0, len(data), n))

    # Spellings of a character without its code: short escapes, HTML names, "+" for a space.
    named = {
        '"': ('\\"', "&quot;"), "'": ("\\'", "&apos;"), "\\": ("\\\\",), "/": ("\\/",),
        "\b": ("\\b",), "\f": ("\\f",), "\n": ("\\n",), "\r": ("\\r",), "\t": ("\\t",),
        "&": ("&amp;",), "<": ("&lt;",), ">": ("&gt;",), " ": ("+",),
    }  # fmt: skip
    spellings = []
    for char in secret:
        code, utf8 = ord(char), char.encode("utf-8", "surrogatepass")
        forms = [
            re.escape(char),
            units(r"\\u", char.encode("utf-16-be", "surrogatepass"), 2),  # a pair if astral
            units(r"\\U", char.encode("utf-32-be", "surrogatepass"), 4),
            units("%", utf8, 1),
            units(r"\\x", utf8, 1),
            units(r"\\x", bytes([code]), 1) if code < 0x100 else "",
            f"&#0*{code};?",
            f"&#[xX]0*(?i:{code:x});?",
            *map(re.escape, named.get(char, ())),
        ]
        spellings.append("(?:" + "|".join(dict.fromkeys(form for form in forms if form)) + ")")
    return re.compile("".join(spellings))


def redact(value: Any, secret: str) -> Any:
    """``value`` with each occurrence of ``secret`` replaced by ``***``, in a string or in every
    string (keys too) of decoded JSON (dicts, lists, tuples); an empty ``secret`` removes nothing.
    Apply it after decoding and before truncating (``excerpt``), lest a cut key survive in part.
    Each character of the key is found however it is spelled, spellings mixed: itself, a JSON or
    Python escape (``\\u0073``, ``\\/``, ``\\x73``, ``\\U00000073``), percent-encoded (``+`` for a
    space), a bytes repr's ``\\xNN``, an HTML reference (``&#115;``, ``&#x73;``, ``&amp;``), hex
    in either case: ``redact('"sk-\\u0031%32"', "sk-12") == '"***"'``."""
    if not secret:
        return value
    if isinstance(value, str):
        return _pattern(secret).sub("***", value)
    if isinstance(value, dict):
        return {redact(k, secret): redact(v, secret) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(redact(v, secret) for v in value)
    return value


def excerpt(text: str, secret: str, limit: int = 200) -> str:
    """The start of ``text`` for a message: redacted, then cut to ``limit`` characters."""
    text = redact(text, secret)
    return text if len(text) <= limit else text[:limit] + "..."


def scrub(error: BaseException, secret: str) -> BaseException:
    """Redact ``secret`` in place from ``error`` and every exception chained to it (``__cause__``,
    ``__context__``, ``args``), such as httpx errors quoting a server's bytes; returns ``error``."""
    chain, seen = [error], {id(error)}
    for current in chain:
        if secret and (args := current.args):
            current.args = tuple(redact(a, secret) if isinstance(a, str) else a for a in args)
        if isinstance(current, APIError):
            current.message = redact(current.message, secret)
        for linked in (*current.args, current.__cause__, current.__context__):
            if isinstance(linked, BaseException) and id(linked) not in seen:
                seen.add(id(linked))
                chain.append(linked)
    return error


_TRANSPORT_FAILURES: Final[tuple[tuple[type[httpx.TransportError], str], ...]] = (
    (httpx.ConnectTimeout, "timed out connecting (connect timeout)"),
    (httpx.ReadTimeout, "timed out waiting for data (read timeout)"),
    (httpx.WriteTimeout, "timed out sending the request (write timeout)"),
    (httpx.PoolTimeout, "timed out waiting for a free connection (pool timeout)"),
    (httpx.ConnectError, "could not connect"),
    (httpx.ReadError, "the connection broke while reading (reset or closed by the peer)"),
    (httpx.WriteError, "the connection broke while sending the request"),
    (httpx.RemoteProtocolError, "the server closed the connection or broke the HTTP protocol"),
    (httpx.LocalProtocolError, "the request could not be sent as HTTP"),
    (httpx.ProxyError, "the proxy failed"),
    (httpx.UnsupportedProtocol, "the URL's scheme is not supported"),
    (httpx.TransportError, "the transport failed"),
)


def transport_failure(exc: httpx.TransportError, secret: str) -> str:
    """What an httpx transport error means, never empty (``ReadTimeout: timed out waiting for data
    (read timeout)``), then httpx's own text, redacted, if any. Scrubs ``exc``'s chain."""
    scrub(exc, secret)
    meaning = next(text for cls, text in _TRANSPORT_FAILURES if isinstance(exc, cls))
    detail = str(exc).strip()
    if isinstance(exc, httpx.TimeoutException) or not detail:
        return f"{type(exc).__name__}: {meaning}"
    return f"{type(exc).__name__}: {meaning}: {excerpt(detail, secret, 300)}"


def error_from_response(
    *,
    status_code: int,
    headers: Mapping[str, str],
    content: bytes,
    reason: str,
    where: str,
    secret: str,
) -> APIStatusError:
    """The exception for an error response, its body decoded (JSON escapes such as ``\\u0073k-``
    resolved) then redacted, so that no spelling of the key reaches anything it carries."""
    text = content.decode("utf-8", errors="replace")
    try:
        body: Any = redact(json.loads(text), secret)
    except ValueError:
        body = redact(text, secret)
    cls = _BY_STATUS.get(status_code, InternalServerError if status_code >= 500 else APIStatusError)
    error = cls("", status_code=status_code, body=body, headers=httpx.Headers(headers))
    error.retry_after = parse_retry_after(headers.get("retry-after"))
    parts = [part for part in (error.type, error.error_message) if part]
    if error.detail is not None:
        parts.append(f"detail: {error.detail}")
    text_body = body.strip()[:500] if isinstance(body, str) else ""
    summary = ": ".join(parts) or text_body or redact(reason, secret) or "error"
    if status_code == 404 and not re.search("/v[23]/", where.partition("?")[0] + "/"):
        summary += " (the URL has no /v2: is the base URL missing it?)"
    error.message = redact(f"{status_code} from {where}: {summary}", secret)
    error.args = (error.message,)
    error.request_id = redact(error.request_id, secret)
    return error
