"""Every error this package raises, under one root.

::

    OpperError
    ├── InvalidRequestError        bad arguments, caught before sending (also a ValueError)
    ├── EventLoopError             AsyncOpper used outside asyncio, or a response read in another
    │                              event loop (also a RuntimeError)
    └── APIError                   talking to the API failed
        ├── APIConnectionError     no response: connect failure, reset, protocol error
        │   └── APITimeoutError    a connect, read, write or pool timeout
        ├── APIResponseError       a 2xx answer that is not what was asked for (not an event
        │                          stream, a body that does not match the API)
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
caller can use or log the partial result.

No message, repr or field of these errors contains the API key, nor does any exception they are
chained to: every string built from what a server sent goes through ``redact`` after decoding,
and ``scrub`` cleans the httpx errors they are raised from (see ``redact`` for the spellings
of the key it removes). What is not built by the client is left as it arrived: the deltas of a
stream (``text``, ``output``, ``StreamChunk``), which are the model's output.
"""

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
    "APIConnectionError",
    "APIError",
    "APIResponseError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "EventLoopError",
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
    "excerpt",
    "parse_retry_after",
    "redact",
    "scrub",
    "transport_failure",
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


class EventLoopError(OpperError, RuntimeError):
    """The async client was used where its transport cannot work: outside asyncio, or reading a
    response in an event loop other than the one that opened it. The message says what to do."""


class APIResponseError(APIError):
    """The API answered 2xx, but not with what the operation returns: ``stream()`` got a body
    that is not ``text/event-stream`` (a proxy's login page, a JSON document), or ``call()`` a
    body that does not match the API. Nothing was retried: the server may have run the task.

    ``body`` holds the first bytes of the answer (decoded, key redacted) for diagnosis::

        except APIResponseError as exc:
            log.error("not the Opper API? %s %s: %r", exc.status_code, exc.content_type, exc.body)
    """

    def __init__(
        self, message: str, *, status_code: int, content_type: str | None, body: str
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        """The HTTP status code (2xx)."""
        self.content_type = content_type
        """The ``Content-Type`` the server sent, if any."""
        self.body = body
        """The start of the body, as text (at most a few hundred characters)."""


class APIStatusError(APIError):
    """The API answered with an error status.

    ``body`` is the parsed JSON body, or the raw text when it is not JSON. ``error_type`` (also
    ``type``), ``error_message`` and ``detail`` come from the API's ``{type, message, detail}``
    error body when it has that shape::

        except BadRequestError as exc:
            if exc.error_type == "ContextWindowExceededError":
                ...
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
        parsed = _error_fields(body)
        self.type: str | None = parsed.get("type")
        """The API's error type: v2's ``type`` (``RequestValidationError``), v3's ``code``."""
        self.error_type = self.type
        """The same as ``type``, named as on ``StreamError``: ``StructuredGenerationError``,
        ``ContextWindowExceededError``, ``HTTPException`` (403, account suspended)..."""
        self.error_message: str | None = parsed.get("message")
        """The API's ``message``, e.g. ``The structured generation failed``."""
        self.detail: Any = parsed.get("detail")
        """The API's ``detail`` (v3: ``details``): where the error occurred and what it was."""
        headers = headers or httpx.Headers()
        self.request_id: str | None = headers.get("x-request-id") or headers.get("request-id")
        """The server's ``x-request-id`` for this answer, to quote to Opper's support."""
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


def _error_fields(body: Any) -> dict[str, Any]:
    """``type``, ``message`` and ``detail`` of an error body: v2's ``{type, message, detail}``
    or v3's ``{"error": {code, message, details}}``; ``type`` and ``message`` only as strings."""
    if not isinstance(body, dict):
        return {}
    inner = body.get("error")
    if isinstance(inner, dict):
        body = {"type": inner.get("code"), "message": inner.get("message"),
                "detail": inner.get("details")}  # fmt: skip
    fields = {key: body[key] for key in ("type", "message") if isinstance(body.get(key), str)}
    if body.get("detail") is not None:
        fields["detail"] = body["detail"]
    return fields


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header: delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


_SHORT_ESCAPES: Final = {
    '"': '"', "\\": "\\", "/": "/", "'": "'",
    "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t",
}  # fmt: skip
_HTML_NAMES: Final = {"&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos"}


def _hex(digits: str) -> str:
    """A pattern for hex ``digits`` in either letter case."""
    return "".join(f"[{d}{d.upper()}]" if d.isalpha() else d for d in digits.lower())


def _spellings(char: str) -> str:
    """A pattern for one character of the key as it may appear in text a server sent."""
    code = ord(char)
    utf8 = char.encode("utf-8", "surrogatepass")
    forms = [re.escape(char)]
    if code < 0x10000:
        forms.append(r"\\u" + _hex(f"{code:04x}"))
    else:
        high, low = 0xD800 + ((code - 0x10000) >> 10), 0xDC00 + ((code - 0x10000) & 0x3FF)
        forms.append(r"\\u" + _hex(f"{high:04x}") + r"\\u" + _hex(f"{low:04x}"))
    forms.append(r"\\U" + _hex(f"{code:08x}"))
    if char in _SHORT_ESCAPES:
        forms.append(re.escape("\\" + _SHORT_ESCAPES[char]))
    forms.append("".join("%" + _hex(f"{byte:02x}") for byte in utf8))
    forms.append("".join(r"\\x" + _hex(f"{byte:02x}") for byte in utf8))
    if code < 0x100:
        forms.append(r"\\x" + _hex(f"{code:02x}"))
    if char == " ":
        forms.append(r"\+")
    forms.append(f"&#0*{code};?")
    forms.append(f"&#[xX]0*{_hex(f'{code:x}')};?")
    if char in _HTML_NAMES:
        forms.append(f"&{_HTML_NAMES[char]};")
    return "(?:" + "|".join(dict.fromkeys(forms)) + ")"


@functools.lru_cache(maxsize=16)
def _pattern(secret: str) -> re.Pattern[str]:
    return re.compile("".join(_spellings(char) for char in secret))


def redact(value: Any, secret: str) -> Any:
    """``value`` with every occurrence of ``secret`` replaced by ``***``: in a string, or in every
    string (keys included) inside decoded JSON (dicts, lists, tuples). Other values pass through.

    Apply it after decoding (``json.loads``, ``bytes.decode``). Each character of the key is
    found however it is spelled, and spellings may mix within one occurrence: as itself, as a
    JSON or Python escape (``\\u0073``, ``\\/``, ``\\x73``, ``\\U00000073``), percent-encoded
    (either hex case, ``+`` for a space), as the ``\\xNN`` bytes of a bytes repr, or as an HTML
    character reference (``&#115;``, ``&#x73;``, ``&amp;``)::

        redact('{"echo": "sk-\\u0031%32"}', "sk-12")   # '{"echo": "***"}'

    An empty ``secret`` removes nothing. Truncate after redacting (``excerpt``), never before,
    or a cut key could survive in part.
    """
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
    """Redact ``secret`` from the messages of ``error`` and of every exception it is chained to
    (``__cause__``, ``__context__``, exceptions held in ``args``), in place, so a traceback or a
    span's exception event built from the chain cannot show it. Returns ``error``.

    Used on the httpx errors this package raises from: their text can hold bytes a server sent
    (an illegal status line) or a header value built from the key.
    """
    pending: list[BaseException] = [error]
    seen: set[int] = set()
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if secret and current.args:
            current.args = tuple(
                redact(arg, secret) if isinstance(arg, str) else arg for arg in current.args
            )
        if isinstance(current, APIError):
            current.message = redact(current.message, secret)
        pending.extend(arg for arg in current.args if isinstance(arg, BaseException))
        pending.extend(e for e in (current.__cause__, current.__context__) if e is not None)
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
)


def transport_failure(exc: httpx.TransportError, secret: str) -> str:
    """What an httpx transport error means, in words, never empty, e.g. ``ReadTimeout: timed
    out waiting for data (read timeout)`` or ``ReadError: the connection broke while reading
    (reset or closed by the peer): [Errno 104] Connection reset by peer``.

    httpx's own text is kept when it has one (async resets have none), redacted, and ``exc``'s
    chain is scrubbed (``scrub``), since the text can quote bytes a server sent.
    """
    scrub(exc, secret)
    meaning = next(
        (text for cls, text in _TRANSPORT_FAILURES if isinstance(exc, cls)), "the transport failed"
    )
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
    """The exception for an error response, with the key removed from everything it carries.

    The body is decoded first (JSON escapes such as ``\\u0073k-...`` resolved), then redacted,
    so no encoding of the key can slip through into the message, ``body`` or a traceback.
    """
    text = content.decode("utf-8", errors="replace")
    try:
        body: Any = json.loads(text)
    except ValueError:
        body = text
    body = redact(body, secret)
    summary = redact(reason, secret) or "error"
    fields = _error_fields(body)
    if fields:
        parts = [fields[key] for key in ("type", "message") if fields.get(key)]
        if fields.get("detail") is not None:
            parts.append(f"detail: {fields['detail']}")
        summary = ": ".join(parts) or summary
    elif isinstance(body, str) and body.strip():
        summary = body.strip()[:500]
    path = where.partition("?")[0] + "/"
    if status_code == 404 and "/v2/" not in path and "/v3/" not in path:
        summary += " (the URL has no /v2: is the base URL missing it?)"
    cls = _STATUS_ERRORS.get(status_code) or (
        InternalServerError if status_code >= 500 else APIStatusError
    )
    error = cls(
        redact(f"{status_code} from {where}: {summary}", secret),
        status_code=status_code,
        body=body,
        headers=httpx.Headers(headers),
        retry_after=parse_retry_after(headers.get("retry-after")),
    )
    error.request_id = redact(error.request_id, secret)
    return error
