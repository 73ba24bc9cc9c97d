"""The sync twin of ``_async/_io.py``, by hand: ``stream()`` answers the started stream
itself, and a closing request needs no shield from cancellation."""

from __future__ import annotations

import time
from typing import TypeAlias, TypeVar

__all__ = ["Opening", "shielded", "sleep", "stream_manager"]

_T = TypeVar("_T")
Opening: TypeAlias = _T
"""What ``Opper.stream()`` returns for a stream type: the stream."""
sleep = time.sleep


def stream_manager(stream: _T) -> _T:
    """``stream()``'s answer: the stream, already started."""
    return stream


def shielded(work: _T, timeout: float) -> _T:
    """``work`` is done already (sync code is interrupted only by exceptions)."""
    return work
