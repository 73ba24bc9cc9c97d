"""The error tree: one root, typed fields, and no secrets in messages, however a server spells
the key (hypothesis properties over mixed JSON, percent, HTML and bytes-repr spellings)."""

from __future__ import annotations

import contextlib
import html
import json
import re
import traceback
import urllib.parse

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import opper_tracing
from opper_tracing import (
    APIConnectionError,
    APIError,
    APIResponseError,
    APIStatusError,
    APITimeoutError,
    ConflictError,
    InvalidRequestError,
    OpperError,
    PermissionDeniedError,
    RateLimitError,
    StreamDecodeError,
    StreamError,
    StreamInterruptedError,
)
from opper_tracing._exceptions import (
    error_from_response,
    excerpt,
    redact,
    scrub,
    transport_failure,
)


def test_every_public_error_is_under_one_root() -> None:
    errors = [
        value
        for value in vars(opper_tracing).values()
        if isinstance(value, type) and issubclass(value, Exception)
    ]
    assert len(errors) == 19
    assert all(issubclass(error, OpperError) for error in errors)


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        (InvalidRequestError, ValueError),
        (APITimeoutError, APIConnectionError),
        (APIConnectionError, APIError),
        (RateLimitError, APIStatusError),
        (PermissionDeniedError, APIStatusError),
        (ConflictError, APIStatusError),
        (StreamDecodeError, StreamError),
        (StreamInterruptedError, StreamError),
        (StreamError, APIError),
    ],
)
def test_tree_shape(child: type[Exception], parent: type[Exception]) -> None:
    assert issubclass(child, parent)


def test_status_error_reads_the_api_error_body() -> None:
    error = APIStatusError(
        "422 from /v2/call",
        status_code=422,
        body={"type": "RequestValidationError", "message": "bad", "detail": [{"loc": ["x"]}]},
        headers=httpx.Headers({"request-id": "r-1"}),
    )
    assert (error.type, error.detail, error.request_id) == (
        "RequestValidationError",
        [{"loc": ["x"]}],
        "r-1",
    )
    assert error.retry_after is None
    assert str(error) == error.message == "422 from /v2/call"


def test_status_error_with_text_body() -> None:
    error = APIStatusError("500", status_code=500, body="<html>oops</html>")
    assert (error.type, error.detail, error.request_id) == (None, None, None)


def test_stream_error_keeps_partial_results() -> None:
    error = StreamInterruptedError("cut", span_id="s", text="par", output={"a": 1})
    assert (error.span_id, error.text, error.output) == ("s", "par", {"a": 1})
    assert (error.error_type, error.error_message) == (None, None)


@pytest.mark.parametrize(
    ("url", "hinted"),
    [
        ("https://api.test/call", True),
        ("https://api.test/api/call?x=/v2/", True),
        ("https://api.test/v2/call", False),
        ("https://api.test/v2", False),
        ("https://api.test/v2/spans/abc", False),
    ],
)
def test_a_404_names_the_url_and_a_missing_v2(url: str, hinted: bool) -> None:
    error = error_from_response(
        status_code=404,
        headers={},
        content=b'{"type": "NotFoundError", "message": "The resource was not found"}',
        reason="Not Found",
        where=f"POST {url}",
        secret="sk-secret",
    )
    assert str(error).startswith(f"404 from POST {url}: NotFoundError")
    assert ("is the base URL missing it?" in str(error)) is hinted


# --- redaction: the key never survives, however a server spells it ----------------------------

KEY_CHARS = st.characters(codec="utf-8", categories=["L", "N", "P", "S"])
# Keys start as real ones do, so that a key never happens to be text the client writes itself
# (a class name, the URL), which is not an echo.
keys = st.text(KEY_CHARS, min_size=6, max_size=40).map(lambda rest: "sk-" + rest)


def spell(char: str, how: int) -> str:
    """One character of the key as a server might send it."""
    code = ord(char)
    utf8 = char.encode()
    forms = [
        char,
        json.dumps(char, ensure_ascii=True)[1:-1] if code > 127 else f"\\u{code:04x}",
        f"\\u{code:04X}" if code < 0x10000 else json.dumps(char)[1:-1],
        "".join(f"%{b:02X}" for b in utf8),
        "".join(f"%{b:02x}" for b in utf8),
        f"&#{code};",
        f"&#x{code:x};",
        "".join(f"\\x{b:02x}" for b in utf8),
        json.dumps(char, ensure_ascii=False)[1:-1],  # \" \\ and control characters escaped
    ]
    return forms[how % len(forms)]


def spellings(key: str) -> st.SearchStrategy[list[int]]:
    """How to spell each character of ``key``: one way for all, or each its own way."""
    one_way = st.integers(0, 8).map(lambda how: [how] * len(key))
    return one_way | st.lists(st.integers(0, 8), min_size=len(key), max_size=len(key))


@st.composite
def leaks(draw: st.DrawFn) -> tuple[str, str]:
    """(key, text): text holds the key, spelled one way or a different way for each character."""
    key = draw(keys)
    hows = draw(spellings(key))
    spelled = "".join(spell(char, how) for char, how in zip(key, hows, strict=True))
    before, after = draw(st.text(max_size=30)), draw(st.text(max_size=30))
    return key, before + spelled + after


_ESCAPE = re.compile(
    r"\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})|((?:%[0-9a-fA-F]{2})+)|((?:\\x[0-9a-fA-F]{2})+)"
    r"|&#([0-9]+);|&#[xX]([0-9a-fA-F]+);|\\(.)"
)
_SHORT = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def _unescape(match: re.Match[str]) -> str:
    unicode, wide, percent, hexes, decimal, html_hex, short = match.groups()
    if unicode or wide:
        return chr(int(unicode or wide, 16))
    if percent or hexes:
        return bytes.fromhex(re.sub(r"%|\\x", "", percent or hexes)).decode("utf-8", "replace")
    if decimal or html_hex:
        return chr(min(int(decimal, 10) if decimal else int(html_hex, 16), 0x10FFFF))
    return _SHORT.get(short, short)


def decode_everything(text: str) -> str:
    """Every escape in ``text`` decoded at once, whatever its kind, as a reader could."""
    decoded = _ESCAPE.sub(_unescape, html.unescape(text))
    return decoded.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def decodings(text: str) -> list[str]:
    """``text`` and what a reader could decode it to."""
    out = [text, html.unescape(text), urllib.parse.unquote(text), decode_everything(text)]
    with contextlib.suppress(ValueError):
        out.append(json.loads(f'"{text}"'))
    return out


def assert_no_key(key: str, *texts: str) -> None:
    for text in texts:
        for decoded in decodings(text):
            assert key not in decoded, (key, text)


@given(leaks())
@settings(max_examples=300, deadline=None)
def test_redact_removes_every_spelling_of_the_key(leak: tuple[str, str]) -> None:
    key, text = leak
    assert_no_key(key, redact(text, key))


@given(st.data(), st.integers(150, 210))
@settings(max_examples=200, deadline=None)
def test_an_excerpt_never_shows_part_of_the_key(data: st.DataObject, padding: int) -> None:
    # The key straddles the cut at 200 characters: redacting first leaves none of it.
    key = data.draw(keys)
    hows = data.draw(spellings(key))
    spelled = "".join(spell(char, how) for char, how in zip(key, hows, strict=True))
    quoted = excerpt("\u2003" * padding + spelled + "\u2003" * 300, key, 200)
    assert_no_key(key[:4], quoted)


@given(leaks(), st.sampled_from(["body", "json-body", "reason", "request-id", "detail"]))
@settings(max_examples=200, deadline=None)
def test_status_errors_carry_no_key(leak: tuple[str, str], where: str) -> None:
    key, text = leak
    body = b""
    headers = httpx.Headers()
    reason = "Bad Request"
    if where == "body":
        body = text.encode()
    elif where == "json-body":
        body = json.dumps({"type": "E", "message": text}).encode()
    elif where == "detail":
        body = json.dumps({"detail": [{"msg": text, text: 1}]}, ensure_ascii=True).encode()
    elif where == "reason":
        reason = text
    else:
        headers = httpx.Headers([(b"x-request-id", text.encode())])
    error = error_from_response(
        status_code=400,
        headers=headers,
        content=body,
        reason=reason,
        where="POST https://api.test/v2/call",
        secret=key,
    )
    assert_no_key(
        key, str(error), repr(error), repr(error.body), str(error.detail), str(error.request_id)
    )


def test_scrub_cleans_the_whole_chain() -> None:
    key = "sk-live-123456789"
    inner = ValueError(f"Illegal header value b'Bearer {key}'")
    outer = httpx.LocalProtocolError(str(inner))
    outer.__context__ = inner
    wrapped = RuntimeError(outer)
    scrub(wrapped, key)
    text = "".join(traceback.format_exception(wrapped))
    assert key not in text
    assert "Illegal header value b'Bearer ***'" in str(inner)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (httpx.ReadError(""), "ReadError: the connection broke while reading"),
        (httpx.ReadTimeout(""), "ReadTimeout: timed out waiting for data (read timeout)"),
        (httpx.ConnectError("[Errno 111] refused"), "could not connect: [Errno 111] refused"),
        (httpx.RemoteProtocolError("illegal status line: b'sk-1234567 x'"), "line: b'***"),
    ],
)
def test_transport_failures_always_say_what_failed(
    error: httpx.TransportError, expected: str
) -> None:
    described = transport_failure(error, "sk-1234567")
    assert expected in described
    assert "sk-1234567" not in described


def test_response_error_keeps_the_start_of_the_body() -> None:
    error = APIResponseError("200 ...", status_code=200, content_type="text/html", body="<html>")
    assert (error.status_code, error.content_type, error.body) == (200, "text/html", "<html>")
    assert isinstance(error, APIError)
