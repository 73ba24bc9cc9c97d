"""Arguments are checked, and bad ones named, before anything is sent."""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

import pydantic
import pytest
from typing_extensions import TypedDict  # pydantic needs this one before Python 3.12

from opper_api.api.call import OPERATIONS
from opper_api.models import CallRequest
from opper_tracing import InvalidRequestError
from opper_tracing._params import build_call_body, to_json, to_json_schema

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
    # The spec's UUID-typed keys come from the generated operation, as the client passes them.
    body = build_call_body(name, arguments, uuids=OPERATIONS["call"].uuids)
    return CallRequest.from_dict(body).to_dict()


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
    assert to_json(Point(x=1, y=2), "input") == {"x": 1, "y": 2}
    assert to_json(Sum(sum=4), "input") == {"sum": 4}
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


@pytest.mark.parametrize(
    "spelling",
    [
        "3C90C3CC-0D44-4B50-8888-8DD25736052A",
        "3c90c3cc0d444b5088888dd25736052a",
        "{3c90c3cc-0d44-4b50-8888-8dd25736052a}",
        "urn:uuid:3c90c3cc-0d44-4b50-8888-8dd25736052a",
    ],
)
def test_uuids_are_sent_in_canonical_form(spelling: str) -> None:
    body = build(parent_span_id=spelling)
    assert body["parent_span_id"] == "3c90c3cc-0d44-4b50-8888-8dd25736052a"


def test_the_input_check_can_be_turned_off() -> None:
    """The client's check is stricter than the server's (which checks input only with the beta
    configuration flag), so a caller may skip it and let the server decide."""
    with pytest.raises(InvalidRequestError, match="does not match input_schema"):
        build(input_schema=SUM_IN, input={"x": "one"})
    body = build_call_body(
        "t", {"input_schema": SUM_IN, "input": {"x": "one"}}, validate_input=False
    )
    assert body["input"] == {"x": "one"}


def test_model_may_be_a_free_form_object() -> None:
    assert build(model={"provider": "x", "weights": [1]})["model"] == {
        "provider": "x",
        "weights": [1],
    }
    assert build(model=["a/b", {"custom": True}])["model"] == ["a/b", {"custom": True}]


def test_validate_input_false_reaches_the_server(driver: Any, emulator: Any) -> None:
    from _fakes import live_client
    from opper_tracing import UnprocessableEntityError

    client = live_client(driver, emulator)
    mismatched = {"input": {"x": "one"}, "input_schema": SUM_IN, "validate_input": False}
    result = driver.call(client, "t", **mismatched)  # the server checks only when asked
    assert result.message
    strict = {"beta.invocation.input_validation.enabled": True}
    with pytest.raises(UnprocessableEntityError):
        driver.call(client, "t", configuration=strict, **mismatched)
    _, stream, exc = driver.stream(client, "t", **mismatched)
    assert exc is None
    assert stream.text
