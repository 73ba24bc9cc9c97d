"""The error tree: one root, typed fields, and no secrets in messages."""

from __future__ import annotations

import httpx
import pytest

import opper_tracing
from opper_tracing import (
    APIConnectionError,
    APIError,
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
from opper_tracing._exceptions import error_from_response


def test_every_public_error_is_under_one_root() -> None:
    errors = [
        value
        for value in vars(opper_tracing).values()
        if isinstance(value, type) and issubclass(value, Exception)
    ]
    assert len(errors) == 17
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
