"""Every resource method, call and stream of both clients, as a user's code would call them:
``tests/test_typing.py`` runs ``mypy --strict`` on this file and reads back every
``reveal_type``, none of which may hold ``Any``."""

from typing import reveal_type
from uuid import UUID

from opper_tracing import AsyncOpper, Opper, v3

ID = UUID("3c90c3cc-0d44-4b50-8888-8dd25736052a")


def sync(opper: Opper, new: v3.Opper) -> None:
    span = opper.spans.create(name="n", meta={"a": 1})
    reveal_type(span)
    reveal_type(opper.spans.get(span.id))
    reveal_type(opper.spans.update(str(span.id), output="o"))
    reveal_type(opper.spans.delete(ID))
    reveal_type(opper.spans.list_metrics(ID, limit=5))
    reveal_type(opper.spans.create_metric(ID, dimension="d", value=0.5))
    reveal_type(opper.spans.get_metric(ID, ID))
    reveal_type(opper.spans.update_metric(ID, ID, comment="c"))
    reveal_type(opper.spans.delete_metric(ID, ID))
    reveal_type(opper.spans.submit_feedback(ID, score=1.0))
    reveal_type(opper.spans.save_examples(ID))
    reveal_type(opper.traces.list(limit=2))
    reveal_type(opper.traces.get(ID))
    reveal_type(opper.models.list(offset=0))
    reveal_type(opper.functions.list(name="f"))
    reveal_type(opper.functions.create(name="f", instructions="i", model={"name": "m"}))
    reveal_type(opper.functions.get("f"))
    reveal_type(opper.functions.update("f", description="d"))
    reveal_type(opper.functions.delete("f"))
    reveal_type(opper.functions.get_by_name("f"))
    reveal_type(opper.functions.call("f", input={"x": 1}))
    reveal_type(opper.functions.call_revision("f", "r", input="x"))
    reveal_type(opper.functions.list_revisions("f"))
    reveal_type(opper.functions.get_revision("f", "r"))
    with opper.functions.stream("f", input="x") as stream:
        reveal_type(stream)
    reveal_type(opper.call("t", input="x", timeout=5))
    with opper.stream("t", input="x", extra_headers={"X-A": "b"}) as called:
        reveal_type(called)
        reveal_type(called.usage)
    reveal_type(new.call("t", input="x"))
    reveal_type(new.call("t", input="x").meta)
    with new.stream("t", input="x") as streamed:
        for chunk in streamed:
            reveal_type(chunk)
        reveal_type(streamed.usage)
        reveal_type(streamed.cost)
    reveal_type(new.functions.get("f"))
    reveal_type(new.spans.create(name="n"))
    reveal_type(new.traces.list())
    reveal_type(new.models.list())
    reveal_type(opper.api)


async def asynchronous(opper: AsyncOpper, new: v3.AsyncOpper) -> None:
    span = await opper.spans.create(name="n")
    reveal_type(span)
    reveal_type(await opper.spans.get(span.id))
    reveal_type(await opper.spans.update(ID, output="o"))
    reveal_type(await opper.spans.delete(ID))
    reveal_type(await opper.spans.list_metrics(ID))
    reveal_type(await opper.spans.create_metric(ID, dimension="d", value=0.5))
    reveal_type(await opper.spans.get_metric(ID, ID))
    reveal_type(await opper.spans.update_metric(ID, ID, value=0.1))
    reveal_type(await opper.spans.delete_metric(ID, ID))
    reveal_type(await opper.spans.submit_feedback(ID, score=1.0))
    reveal_type(await opper.spans.save_examples(ID))
    reveal_type(await opper.traces.list())
    reveal_type(await opper.traces.get(ID))
    reveal_type(await opper.models.list())
    reveal_type(await opper.functions.list())
    reveal_type(await opper.functions.create(name="f", instructions="i"))
    reveal_type(await opper.functions.get("f"))
    reveal_type(await opper.functions.update("f", name="g"))
    reveal_type(await opper.functions.delete("f"))
    reveal_type(await opper.functions.get_by_name("f"))
    reveal_type(await opper.functions.call("f", input=1))
    reveal_type(await opper.functions.call_revision("f", "r"))
    reveal_type(await opper.functions.list_revisions("f"))
    reveal_type(await opper.functions.get_revision("f", "r"))
    reveal_type(await opper.functions.stream("f", input="x"))
    reveal_type(await opper.call("t", input="x"))
    async with opper.stream("t", input="x") as stream:
        reveal_type(stream)
    reveal_type(await new.call("t", input="x"))
    async with new.stream("t", input="x") as streamed:
        async for chunk in streamed:
            reveal_type(chunk)
    reveal_type(await new.functions.list())
    reveal_type(await new.spans.get("s"))
