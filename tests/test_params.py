"""Arguments are checked, and bad ones named, before anything is sent."""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

import pydantic
import pytest
from typing_extensions import TypedDict  # pydantic needs this one before Python 3.12

from opper_api.models import CallRequest
from opper_tracing import InvalidRequestError
from opper_tracing._params import build_call_body, to_json_schema, to_json_value

SUM_IN = {
    "type": "object",
    "properties": {"x": {"type": "integer"}, "y": {"type": "integer"}},
    "required": ["x", "y"],
}


def build(**overrides: Any) -> dict[str, Any]:
    arguments: dict[str, Any] = {
        "instructions": None,
        "input_schema": None,
        "output_schema": None,
        "input": None,
        "model": None,
        "examples": None,
        "parent_span_id": None,
        "tags": None,
        "configuration": None,
    }
    name = overrides.pop("name", "add_numbers")
    arguments.update(overrides)
    return CallRequest.from_dict(build_call_body(name, arguments)).to_dict()


def test_minimal_body_sends_only_the_name() -> None:
    assert build() == {"name": "add_numbers"}


def test_full_body() -> None:
    body = build(
        instructions="Add",
        input_schema=SUM_IN,
        output_schema={"type": "object", "properties": {"sum": {"type": "integer"}}},
        input={"x": 1, "y": 3},
        model=["openai/gpt-4o-mini", {"name": "b/c", "options": {"temperature": 0.1}}],
        examples=[{"input": {"x": 1, "y": 3}, "output": {"sum": 4}, "comment": "c"}],
        parent_span_id="123E4567-E89B-12D3-A456-426614174000",
        tags={"project": "p"},
        configuration={"invocation.cache.ttl": 0},
    )
    assert body["parent_span_id"] == "123e4567-e89b-12d3-a456-426614174000"
    assert body["model"][1] == {"name": "b/c", "options": {"temperature": 0.1}}
    assert body["configuration"] == {"invocation.cache.ttl": 0}
    assert body["input"] == {"x": 1, "y": 3}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "name must be a non-empty string"),
        ({"name": "   "}, "name must be a non-empty string"),
        ({"input_schema": SUM_IN, "input": {"x": 1, "y": "3"}}, r"input\.y does not match"),
        ({"input_schema": SUM_IN, "input": {"x": 1}}, "'y' is a required property"),
        ({"input": {"when": object()}}, "input is not JSON-serialisable"),
        ({"input": float("nan")}, "input is not JSON-serialisable"),
        ({"parent_span_id": "not-a-uuid"}, "parent_span_id must be a UUID"),
        ({"tags": {"user": 123}}, "tag 'user' has a int value"),
        ({"tags": ["a"]}, "tags must be a dict"),
        ({"model": 3}, "model must be a name"),
        ({"model": []}, "at least one model"),
        ({"model": {"name": ""}}, "'name' must be a non-empty string"),
        ({"examples": [{"input": 1}]}, r"examples\[0\] needs 'input' and 'output'"),
        ({"examples": "x"}, "examples must be a list"),
        ({"input_schema": {"type": "nonsense"}}, "input_schema is not a valid JSON Schema"),
        ({"output_schema": 42}, "output_schema must be a JSON Schema dict"),
        ({"input_schema": {"type": object()}}, "input_schema is not JSON-serialisable"),
        ({"configuration": ["x"]}, "configuration must be a dict"),
        ({"instructions": 5}, "instructions must be a string"),
    ],
)
def test_bad_arguments_are_named(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidRequestError, match=message):
        build(**overrides)


def test_invalid_request_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="name"):
        build(name="")


class Point(pydantic.BaseModel):
    x: int
    y: int


@dataclasses.dataclass
class Sum:
    sum: int


class SumDict(TypedDict):
    sum: int


@pytest.mark.parametrize("schema", [Point, Sum, SumDict])
def test_python_types_become_json_schema(schema: Any) -> None:
    result = to_json_schema(schema, "output_schema")
    assert result is not None
    assert result["type"] == "object"
    assert set(result["properties"]) <= {"x", "y", "sum"}


def test_pydantic_and_dataclass_inputs_are_dumped() -> None:
    assert to_json_value(Point(x=1, y=2), "input") == {"x": 1, "y": 2}
    assert to_json_value(Sum(sum=4), "input") == {"sum": 4}
    body = build(input_schema=Point, input=Point(x=1, y=3))
    assert body["input"] == {"x": 1, "y": 3}
    assert body["input_schema"]["required"] == ["x", "y"]


def test_pydantic_objects_and_dataclasses_inside_examples_are_dumped() -> None:
    class In(pydantic.BaseModel):
        x: int

    @dataclasses.dataclass
    class Out:
        sum: int

    body = build(examples=[{"input": In(x=1), "output": Out(sum=1), "comment": "c"}])
    assert body["examples"] == [{"input": {"x": 1}, "output": {"sum": 1}, "comment": "c"}]


class Person(
    typing.TypedDict
):  # typing's, not typing_extensions': pydantic wants the latter on 3.11
    name: str
    age: typing.NotRequired[int]


def test_typing_typeddict_works_as_a_schema_on_every_supported_python() -> None:
    schema = to_json_schema(Person, "output_schema")
    assert schema is not None
    assert schema["required"] == ["name"]
    assert set(schema["properties"]) == {"name", "age"}
