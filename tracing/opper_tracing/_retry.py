"""When and how long to wait before trying a request again (what is retried, and why only
before a 2xx answer: the README's "Retries"). Only the decision is here; the loop is the
transport's few lines (tenacity's loop object, set up for every request, cost more than the
decision it makes for one that succeeds at once).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import httpx

from ._exceptions import APIConnectionError, APIStatusError, InvalidRequestError

__all__ = ["RetryPolicy"]

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
        return False

    def delay(self, attempt: int, exc: BaseException | None) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
        retry_after = getattr(exc, "retry_after", None)
        if isinstance(retry_after, (int, float)):
            return min(float(retry_after), self.max_retry_after)
        backoff = min(self.max_delay, self.initial_delay * 2.0 ** (attempt - 1))
        return backoff * (0.5 + random.random() / 2)

    def wait_after(self, error: BaseException, attempt: int) -> float | None:
        """Seconds to wait before sending again after failed attempt ``attempt`` (1-based), or
        ``None`` when ``error`` is not retried or the retries are spent."""
        if attempt > self.max_retries or not self.should_retry(error):
            return None
        return self.delay(attempt, error)
