"""The current Opper span: per context, restored with its token, inherited by child tasks."""

from __future__ import annotations

import asyncio
import contextvars

from opper_tracing._context import (
    OpperSpanRef,
    current_opper_span,
    current_opper_span_id,
    current_opper_trace_id,
    reset,
    set_opper_span,
)

OUTER = OpperSpanRef("outer-span", "trace-1")
INNER = OpperSpanRef("inner-span", "trace-1")


def test_nothing_is_current_by_default() -> None:
    assert current_opper_span() is None
    assert current_opper_span_id() is None
    assert current_opper_trace_id() is None


def test_reset_restores_the_parent_not_none() -> None:
    outer = set_opper_span(OUTER)
    inner = set_opper_span(INNER)
    assert (current_opper_span_id(), current_opper_trace_id()) == ("inner-span", "trace-1")
    reset(inner)
    assert current_opper_span_id() == "outer-span"
    reset(outer)
    assert current_opper_span() is None


def test_reset_from_another_context_sets_the_replaced_value() -> None:
    outer = set_opper_span(OUTER)
    token = set_opper_span(INNER)
    # A token used in a copied context cannot be reset there; the value it replaced is set.
    ctx = contextvars.copy_context()
    assert ctx.run(lambda: (reset(token), current_opper_span_id())[1]) == "outer-span"
    reset(token)
    reset(outer)
    assert current_opper_span() is None


def test_reset_from_another_context_of_a_first_value_clears_it() -> None:
    token = set_opper_span(OUTER)
    ctx = contextvars.copy_context()
    assert ctx.run(lambda: (reset(token), current_opper_span())[1]) is None
    reset(token)


async def test_child_tasks_inherit_and_siblings_are_isolated() -> None:
    seen: dict[str, str | None] = {}

    async def sibling(name: str) -> None:
        seen[f"{name}-start"] = current_opper_span_id()
        token = set_opper_span(OpperSpanRef(name, None))
        await asyncio.sleep(0)
        seen[f"{name}-after-yield"] = current_opper_span_id()
        reset(token)

    token = set_opper_span(OUTER)
    try:
        await asyncio.gather(sibling("a"), sibling("b"))
    finally:
        reset(token)
    assert seen == {
        "a-start": "outer-span",
        "b-start": "outer-span",
        "a-after-yield": "a",
        "b-after-yield": "b",
    }
    assert current_opper_span() is None
