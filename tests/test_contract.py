"""The emulator against ``openapi.yaml``, checked by schemathesis (the ``contract`` extra).

What it proves: for every JSON operation of the contract, requests that schemathesis generates
from ``openapi.yaml`` (schema-valid ones and deliberately invalid ones) get from a real
``Emulator`` on loopback only documented status codes, the documented content type, bodies that
match the documented response schema, never a 5xx, acceptance of valid data and rejection of
invalid data; and every operation answers 401 without the right bearer token. So the emulator and
the contract cannot drift apart unnoticed.

Two answers look like failures to schemathesis but are the API's intended behaviour, and are
excused one case at a time, only when the oracle below agrees (every other check still runs):

* a schema-valid request whose ``uuid`` or ``date-time`` string is malformed gets 422: JSON Schema
  treats ``format`` as an annotation, so schemathesis counts such a string as valid, while the real
  (Pydantic) server, and so the emulator, validates formats. Excused only when the 422 names
  only ``format`` errors, at exactly the places where the request breaks the RFC 9562 / RFC 3339
  forms (those in the path, or when the path is fine those in the body);
* ``POST /spans`` with the id of a span that already exists gets 400 with ``detail`` at
  ``body.id``. Excused only when that span existed before the request.

``call_stream`` (``POST /call/stream``) is left out: its 200 answer is documented as
``type: string`` (a ``text/event-stream``) because each event's payload is a ``StreamingChunk``,
which schemathesis cannot check per event. The handwritten stream tests in ``test_testing.py``
check every chunk against ``StreamingChunk`` instead.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import requests
import schemathesis
import yaml
from hypothesis import settings
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from schemathesis import Case, Response
from schemathesis.specs.openapi.checks import positive_data_acceptance

from opper_tracing.testing import Emulator

ROOT = Path(__file__).resolve().parent.parent
KEY = "contract-key"
AUTH = {"Authorization": f"Bearer {KEY}"}
SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text())
_SPEC_URI = "urn:contract"
_REGISTRY: Registry[Any] = Registry().with_resource(
    _SPEC_URI, Resource.from_contents(SPEC, default_specification=DRAFT202012)
)

# An explicit config, so no schemathesis.toml lying around changes the run. Unknown query
# parameters are not invalid data: the server (FastAPI) ignores them, and so does the emulator.
CONFIG = schemathesis.Config.from_dict({"generation": {"allow-extra-parameters": False}})
schema = schemathesis.openapi.from_path(ROOT / "openapi.yaml", config=CONFIG)
# The event-stream operations: their 200 is documented as a string (see above).
STREAMS = sorted(
    operation["operationId"]
    for item in SPEC["paths"].values()
    for operation in item.values()
    if isinstance(operation, dict)
    and "text/event-stream" in operation.get("responses", {}).get("200", {}).get("content", {})
)
json_operations = schema.exclude(operation_id=STREAMS)


# The oracle for `format`, written from the RFCs (and, for uuid, the forms Pydantic's UUID type
# reads besides RFC 9562's) rather than taken from the emulator.
_HYPHENATED = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_UUID = re.compile(
    rf"{_HYPHENATED}|[0-9a-f]{{32}}|\{{{_HYPHENATED}\}}|urn:uuid:{_HYPHENATED}", re.I
)
_DATE_TIME = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.\d+)?(?:[Zz]|[+-](\d\d):(\d\d))", re.ASCII
)
_FORMATS = FormatChecker(formats=())


@_FORMATS.checks("uuid")
def _is_uuid(value: object) -> bool:
    """RFC 9562's hyphenated hex form, bare, braced or as a URN, or 32 hex digits."""
    return not isinstance(value, str) or _UUID.fullmatch(value) is not None


@_FORMATS.checks("date-time")
def _is_date_time(value: object) -> bool:
    """RFC 3339 ``date-time``: a real date and time (second 60 allowed), offset up to 23:59."""
    if not isinstance(value, str):
        return True
    match = _DATE_TIME.fullmatch(value)
    if match is None:
        return False
    year, month, day, hour, minute, second, off_hour, off_minute = (
        int(part or 0) for part in match.groups()
    )
    try:
        datetime(year, month, day, hour, minute, min(second, 59))
    except ValueError:
        return False
    return second <= 60 and off_hour <= 23 and off_minute <= 59


def _operation(case: Case) -> dict[str, Any]:
    """The contract's operation object for ``case``."""
    operation: dict[str, Any] = SPEC["paths"][case.operation.path][case.operation.method.lower()]
    return operation


def _path_format(case: Case, name: str) -> str | None:
    """The ``format`` the contract gives path parameter ``name`` of ``case``'s operation."""
    item = SPEC["paths"][case.operation.path]
    listed = [*item.get("parameters", ()), *_operation(case).get("parameters", ())]
    found = [p for p in listed if p.get("in") == "path" and p.get("name") == name]
    return found[-1].get("schema", {}).get("format") if found else None


def _format_violations(case: Case) -> set[tuple[Any, ...]]:
    """Where ``case`` breaks a ``format`` of the contract, as 422 ``loc`` tuples."""
    found = {
        ("path", name)
        for name, value in case.path_parameters.items()
        if _path_format(case, name) == "uuid" and not _is_uuid(value)
    }
    body_schema = _operation(case).get("requestBody", {}).get("content", {}).get("application/json")
    if body_schema is not None and isinstance(case.body, dict | list):
        ref = {"$ref": _SPEC_URI + body_schema["schema"]["$ref"]}
        validator = Draft202012Validator(ref, registry=_REGISTRY, format_checker=_FORMATS)
        found |= {
            ("body", *error.absolute_path)
            for error in validator.iter_errors(case.body)
            if error.validator == "format"
        }
    return found


def _excused(
    case: Case, response: Response, existing: frozenset[str], names: frozenset[str] = frozenset()
) -> bool:
    """Whether ``response`` rejects schema-valid ``case`` in one of the intended ways above.

    ``existing`` holds the ids of the spans, ``names`` the names of the functions, that existed
    before the request.
    """
    if response.status_code == 409:
        name = case.body.get("name") if isinstance(case.body, dict) else None
        return (
            _operation(case)["operationId"] in ("create_function", "update_function")
            and name in names
            and response.json().get("type") == "ConflictError"
        )
    if response.status_code not in (400, 422):
        return False
    body = response.json()
    detail = body.get("detail")
    if not isinstance(detail, list) or not all(isinstance(item, dict) for item in detail):
        return False
    if response.status_code == 422:
        # The emulator checks the path first and reports the body only when the path is valid,
        # so each place it reports ("path" or "body") must be reported whole.
        named = {tuple(item.get("loc", ())) for item in detail}
        broken = _format_violations(case)
        places = {loc[0] for loc in named}
        return (
            body.get("type") == "RequestValidationError"
            and all(item.get("type") == "format" for item in detail)
            and bool(named)
            and named == {loc for loc in broken if loc[0] in places}
        )
    span_id = case.body.get("id") if isinstance(case.body, dict) else None
    return (
        _operation(case)["operationId"] == "create_span"
        and isinstance(span_id, str)
        and _is_uuid(span_id)
        and str(uuid.UUID(span_id)) in existing
        and [item.get("loc") for item in detail] == [["body", "id"]]
    )


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    """This module's own emulator: the spans it creates stay out of the session's."""
    server = Emulator(api_key=KEY)
    with server:
        yield server


@pytest.fixture(scope="module")
def session() -> Iterator[requests.Session]:
    with requests.Session() as http:
        yield http


def _aim_at_stored_things(case: Case, emulator: Emulator) -> None:
    """Point about half the valid cases' span, trace and function ids (and function names) at
    ones that exist.

    Random ids almost never exist, so without this only the 404 answers would be checked, never
    the 200 ones. A valid id or name replaced by another keeps the case valid.
    """
    spans, functions = emulator.spans, emulator.functions
    pools = {
        "span_id": list(spans),
        "trace_id": sorted({span["trace_id"] for span in spans.values()}),
        "function_id": list(functions),
        "name": [function["name"] for function in functions.values()],
    }
    for name, pool in pools.items():
        generated = case.path_parameters.get(name)
        if not pool or not isinstance(generated, str) or not generated:
            continue
        if _path_format(case, name) == "uuid" and not _is_uuid(generated):
            continue
        seed = sum(map(ord, generated))
        if seed % 2 == 0:
            case.path_parameters[name] = pool[seed // 2 % len(pool)]
    chosen = functions.get(case.path_parameters.get("function_id", ""))
    if chosen is not None and "revision_id" in case.path_parameters:
        case.path_parameters["revision_id"] = chosen["revision_id"]


@json_operations.parametrize()
@settings(max_examples=30, deadline=None, derandomize=True, database=None)
def test_json_operations_follow_the_contract(
    case: Case, emulator: Emulator, session: requests.Session
) -> None:
    positive = case.meta is not None and case.meta.generation.mode.is_positive
    if positive:
        _aim_at_stored_things(case, emulator)
    existing = frozenset(emulator.spans)
    names = frozenset(function["name"] for function in emulator.functions.values())
    response = case.call(base_url=emulator.base_url, session=session, headers=AUTH)
    excused = positive and _excused(case, response, existing, names)
    case.validate_response(
        response,
        # Only the check that valid data is accepted is skipped, and only for this case.
        excluded_checks=[positive_data_acceptance] if excused else [],
        headers=AUTH,
        transport_kwargs={"base_url": emulator.base_url, "session": session, "headers": AUTH},
    )


def test_only_the_intended_rejections_are_excused(
    emulator: Emulator, session: requests.Session
) -> None:
    """The excuses above hold for exactly the cases they describe."""
    call = schema["/call"]["POST"]
    create = schema["/spans"]["POST"]
    update = schema["/spans/{span_id}"]["PATCH"]

    def excused(case: Case) -> bool:
        existing = frozenset(emulator.spans)
        response = case.call(base_url=emulator.base_url, session=session, headers=AUTH)
        return _excused(case, response, existing)

    span_id = str(uuid.uuid4())
    assert not excused(create.Case(body={"name": "s", "id": span_id}))  # 200
    assert excused(create.Case(body={"name": "s", "id": span_id.upper()}))  # exists: 400
    assert excused(call.Case(body={"name": "t", "parent_span_id": "nope"}))
    # Path and body both broken: the emulator names the path only, which is excused.
    assert excused(update.Case(path_parameters={"span_id": "1"}, body={"end_time": "2024-13-01"}))
    # A 422 for anything but a format, and answers to well-formed values, are not excused.
    assert not excused(call.Case(body={"name": "t", "input_schema": {"type": "integer"}}))
    stamp = {"end_time": "2024-01-31T23:59:59.5+01:00"}
    assert not excused(update.Case(path_parameters={"span_id": span_id}, body=stamp))  # 200


def _operations() -> Iterator[tuple[str, str, str]]:
    for path, item in SPEC["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "patch", "put", "delete"}:
                yield operation["operationId"], method.upper(), path


@pytest.mark.parametrize(
    "authorization", [None, "Bearer wrong-key", f"Basic {KEY}", "Bearer", f"bearer {KEY}x"]
)
def test_every_operation_wants_the_bearer_token(
    emulator: Emulator, authorization: str | None
) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    with httpx.Client(base_url=emulator.base_url, headers=headers) as client:
        for operation_id, method, path in _operations():
            url = re.sub(r"\{[^}]+\}", str(uuid.uuid4()), path)
            body = {"name": "t", "input": "hi"} if method in {"POST", "PATCH"} else None
            reply = client.request(method, url, json=body)
            assert reply.status_code == 401, operation_id
            assert reply.headers["www-authenticate"] == "Bearer", operation_id
            assert reply.json() == {
                "type": "HTTPException",
                "message": "Invalid API key",
                "detail": "Invalid API key",
            }, operation_id
