"""Which failures are retried, and how long the client waits."""

from __future__ import annotations

import email.utils
import time

import httpx
import pytest

from opper_tracing import (
    APIConnectionError,
    APIStatusError,
    BadRequestError,
    InternalServerError,
    InvalidRequestError,
    RateLimitError,
    RetryPolicy,
    StreamInterruptedError,
)
from opper_tracing._exceptions import parse_retry_after


def connection_error(cause: Exception) -> APIConnectionError:
    try:
        raise APIConnectionError("x") from cause
    except APIConnectionError as exc:
        return exc


@pytest.mark.parametrize(
    ("error", "retried"),
    [
        (RateLimitError("x", status_code=429, body=""), True),
        (InternalServerError("x", status_code=500, body=""), True),
        (InternalServerError("x", status_code=503, body=""), True),
        (InternalServerError("x", status_code=501, body=""), False),
        (BadRequestError("x", status_code=400, body=""), False),
        (APIStatusError("x", status_code=409, body=""), False),
        (connection_error(httpx.ConnectError("refused")), True),
        (connection_error(httpx.ConnectTimeout("slow")), True),
        (connection_error(httpx.ReadTimeout("slow")), False),
        (connection_error(httpx.RemoteProtocolError("reset")), False),
        (StreamInterruptedError("after a 2xx, before the first event"), False),
        (ValueError("not ours"), False),
    ],
)
def test_should_retry(error: Exception, retried: bool) -> None:
    assert RetryPolicy().should_retry(error) is retried


def test_backoff_grows_and_is_capped() -> None:
    policy = RetryPolicy(initial_delay=0.5, max_delay=2)
    for attempt, ceiling in [(1, 0.5), (2, 1.0), (3, 2.0), (6, 2.0)]:
        assert ceiling / 2 <= policy.delay(attempt, None) <= ceiling


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("12", 12.0), (" 3 ", 3.0), ("", None), (None, None), ("soon", None), ("-1", None)],
)
def test_parse_retry_after_seconds(header: str | None, seconds: float | None) -> None:
    assert parse_retry_after(header) == seconds


def test_parse_retry_after_http_date() -> None:
    future = email.utils.formatdate(time.time() + 30, usegmt=True)
    parsed = parse_retry_after(future)
    assert parsed is not None
    assert 25 <= parsed <= 31
    assert parse_retry_after(email.utils.formatdate(time.time() - 60, usegmt=True)) == 0.0


def test_zero_retries_makes_one_attempt() -> None:
    error = RateLimitError("x", status_code=429, body="")
    assert RetryPolicy(max_retries=0).wait_after(error, 1) is None
    policy = RetryPolicy(max_retries=2, initial_delay=1.0)
    assert [policy.wait_after(error, n) is not None for n in (1, 2, 3)] == [True, True, False]
    assert policy.wait_after(InvalidRequestError("not retried"), 1) is None
