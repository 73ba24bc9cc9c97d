"""When and how long to wait before trying a request again.

Retries are on by default: 429 (honouring ``Retry-After``), 500/502/503/504 and failures to
connect, with capped exponential backoff and jitter. The loop itself is tenacity's; this module
only says which errors qualify and how long to wait.
"""

from __future__ import annotations

import email.utils
import random
import time
from dataclasses import dataclass

import httpx
import tenacity

from ._exceptions import (
    APIConnectionError,
    APIStatusError,
    InvalidRequestError,
    StreamInterruptedError,
)

__all__ = ["RetryPolicy", "parse_retry_after"]

_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How a client retries.

    ``max_retries`` retries follow the first attempt (0 disables retrying). The n-th wait is
    ``initial_delay * 2**(n-1)`` capped at ``max_delay``, scaled by a random factor in
    [0.5, 1]; a ``Retry-After`` from the server replaces it, up to ``max_retry_after``.

    >>> from opper_tracing import Opper, RetryPolicy
    >>> client = Opper(api_key="k", retry=RetryPolicy(max_retries=5, max_delay=30))
    """

    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise InvalidRequestError("RetryPolicy.max_retries must be >= 0")
        if min(self.initial_delay, self.max_delay, self.max_retry_after) < 0:
            raise InvalidRequestError("RetryPolicy delays must be >= 0")

    def should_retry(self, exc: BaseException) -> bool:
        """True for errors that a new attempt may cure."""
        if isinstance(exc, APIStatusError):
            return exc.status_code in _RETRY_STATUSES
        if isinstance(exc, APIConnectionError):
            return isinstance(exc.__cause__, (httpx.ConnectError, httpx.ConnectTimeout))
        # Only raised inside the retry loop while a stream opens, before any chunk is yielded.
        return isinstance(exc, StreamInterruptedError)

    def delay(self, attempt: int, exc: BaseException | None) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
        retry_after = getattr(exc, "retry_after", None)
        if isinstance(retry_after, (int, float)):
            return min(float(retry_after), self.max_retry_after)
        backoff = min(self.max_delay, self.initial_delay * 2.0 ** (attempt - 1))
        return backoff * (0.5 + random.random() / 2)

    def _wait(self, state: tenacity.RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome is not None else None
        return self.delay(state.attempt_number, exc)

    def sync(self) -> tenacity.Retrying:
        """A tenacity loop for sync code."""
        return tenacity.Retrying(
            stop=tenacity.stop_after_attempt(self.max_retries + 1),
            wait=self._wait,
            retry=tenacity.retry_if_exception(self.should_retry),
            reraise=True,
        )

    def asynchronous(self) -> tenacity.AsyncRetrying:
        """A tenacity loop for async code."""
        return tenacity.AsyncRetrying(
            stop=tenacity.stop_after_attempt(self.max_retries + 1),
            wait=self._wait,
            retry=tenacity.retry_if_exception(self.should_retry),
            reraise=True,
        )


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
