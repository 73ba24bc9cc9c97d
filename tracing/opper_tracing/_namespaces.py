"""``opper.spans``, ``opper.traces``, ``opper.functions``, ``opper.models``: the generated
operations of one tag of ``openapi.yaml``, as methods with friendly arguments.

Nothing here names an operation or a field. Each namespace lists the operation modules of its
tag package (``opper_api.api.spans`` ...) and names a method after each operation id less the
tag's noun: ``create_span`` is ``opper.spans.create``, ``list_span_metrics`` is
``opper.spans.list_metrics``, ``get_function_by_name`` is ``opper.functions.get_by_name``. An
operation added to the spec shows up after ``make generate``. A method takes:

- the path parameters, positionally or by name (ids as ``str`` or ``UUID``; a UUID is sent in
  its canonical form, so hyphen-less and braced spellings work);
- the query parameters by name;
- the body's properties by name (``body=`` takes a generated model or a dict instead);

and returns the generated model of the answer (``None`` for 204). It runs through ``opper.api``:
this client's auth, timeouts, retries, exceptions and a CLIENT span. Event-stream operations
(``opper.functions.stream``, ``stream_revision``) return a ``Stream`` (``AsyncStream``) like
``opper.stream()``; they read the function first, for its name and output schema::

    span = opper.spans.create(name="checkout", meta={"tenant": "acme"})
    opper.spans.create_metric(span.id, dimension="accuracy", value=0.9)
    trace = opper.traces.get(span.trace_id)
    function = opper.functions.create(name="summarise", instructions="One sentence.")
    result = opper.functions.call(function.id, input="A long text...")
    with opper.functions.stream(function.id, input="A long text...") as stream:
        for chunk in stream:
            print(chunk.delta, end="")
    page = opper.models.list(limit=10)

With ``AsyncOpper`` the same methods are coroutines (``await opper.spans.get(span_id)``;
``async with await opper.functions.stream(...)``).
"""

from __future__ import annotations

import datetime
import functools
import importlib
import inspect
import pkgutil
import types
import uuid
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final

import httpx

from ._assembly import OUTPUT_SCHEMA
from ._exceptions import InvalidRequestError
from ._transport import TRACED

if TYPE_CHECKING:
    from ._client import AsyncOpper, Opper

__all__ = ["TAGS", "AsyncNamespace", "Namespace", "Operation", "operations"]

#: The tag packages that get a namespace on the clients, by attribute name.
TAGS: Final = ("spans", "traces", "functions", "models")
_API_PACKAGE: Final = "opper_api.api"
_EVENT_STREAM: Final = "text/event-stream"


class Operation:
    """One generated operation module, read once: its parameters and its body model."""

    def __init__(self, module: types.ModuleType, method_name: str) -> None:
        self.module = module
        self.name = method_name
        signature = inspect.signature(module.sync_detailed)
        parameters = signature.parameters
        self.path: tuple[str, ...] = tuple(
            name
            for name, parameter in parameters.items()
            if parameter.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        )
        self.uuids = frozenset(
            name for name in self.path if parameters[name].annotation is uuid.UUID
        )
        body = parameters.get("body")
        self.body_model: Any = body.annotation if body is not None else None
        self.query = frozenset(
            name
            for name, parameter in parameters.items()
            if parameter.kind is inspect.Parameter.KEYWORD_ONLY and name not in ("client", "body")
        )
        # The spec gives event-stream operations an Accept header parameter (see openapi.yaml).
        accept = parameters.get("accept")
        self.streams = accept is not None and accept.default == _EVENT_STREAM
        self.__doc__ = module.sync_detailed.__doc__

    def arguments(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
        """The keyword arguments of the generated function for a friendly call."""
        if len(args) > len(self.path):
            raise TypeError(
                f"{self.name}() takes {len(self.path)} positional argument(s) "
                f"({', '.join(self.path) or 'none'}), got {len(args)}"
            )
        given = dict(zip(self.path, args, strict=False))
        for name in self.path:
            if name in kwargs:
                if name in given:
                    raise TypeError(f"{self.name}() got multiple values for {name!r}")
                given[name] = kwargs.pop(name)
        missing = [name for name in self.path if name not in given]
        if missing:
            raise TypeError(f"{self.name}() missing required argument(s): {', '.join(missing)}")
        for name in self.uuids:
            given[name] = _uuid(name, given[name])
        given.update((name, kwargs.pop(name)) for name in list(kwargs) if name in self.query)
        if self.body_model is not None:
            given["body"] = self._body(kwargs)
        elif kwargs:
            raise TypeError(f"{self.name}() got unexpected keyword argument(s): {sorted(kwargs)}")
        return given

    def _body(self, fields: dict[str, Any]) -> Any:
        explicit = fields.pop("body", None)
        if explicit is not None and fields:
            raise TypeError(f"{self.name}(): pass body= or the body's fields, not both")
        if explicit is not None and not isinstance(explicit, Mapping):
            return explicit
        data = _jsonable(dict(explicit) if explicit is not None else fields)
        try:
            return self.body_model.from_dict(data)
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidRequestError(
                f"{self.name}(): the body does not fit {self.body_model.__name__}: {exc!r}"
            ) from None


def _uuid(name: str, value: Any) -> uuid.UUID:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise InvalidRequestError(f"{name} must be a UUID; got {value!r}") from None


def _jsonable(value: Any) -> Any:
    """``value`` with datetimes as ISO 8601 text and UUIDs as text, as the body's JSON wants."""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Mapping):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    return value


def _method_name(operation_id: str, tag: str) -> str:
    nouns = {tag, tag.removesuffix("s")}
    words = [word for word in operation_id.split("_") if word not in nouns]
    return "_".join(words) or operation_id


@functools.cache
def operations(tag: str) -> dict[str, Operation]:
    """The operations of the generated tag package ``tag``, by method name.

    >>> sorted(operations("traces"))
    ['get', 'list']
    """
    package = importlib.import_module(f"{_API_PACKAGE}.{tag}")
    found: dict[str, Operation] = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        if callable(getattr(module, "sync_detailed", None)):
            name = _method_name(info.name, tag)
            found[name] = Operation(module, name)
    return found


class _NamespaceBase:
    __slots__ = ("_client", "_operations", "_tag")

    def __init__(self, client: Any, tag: str) -> None:
        self._client = client
        self._tag = tag
        self._operations = operations(tag)

    def __dir__(self) -> Iterator[str]:
        yield from sorted(self._operations)

    def __repr__(self) -> str:
        return f"<opper.{self._tag}: {', '.join(sorted(self._operations))}>"

    def _operation(self, name: str) -> Operation:
        operation = self._operations.get(name)
        if operation is None:
            raise AttributeError(
                f"opper.{self._tag} has no operation {name!r}; it has "
                f"{', '.join(sorted(self._operations))}"
            )
        return operation

    def _stream_request(
        self, operation: Operation, arguments: dict[str, Any], function: Any
    ) -> tuple[httpx.Request, Any]:
        client = self._client
        kwargs = operation.module._get_kwargs(**arguments)
        output_schema = _schema(getattr(function, "output_schema", None))
        description = {
            "name": getattr(function, "name", None) or str(arguments.get("function_id")),
            "model": _schema(getattr(function, "model", None)),
            "output_schema": output_schema,
            **arguments["body"].to_dict(),
        }
        span = client._telemetry.start(stream=True, body=description)
        request = client._http.build_request(
            **kwargs, extensions={TRACED: True, OUTPUT_SCHEMA: output_schema}
        )
        return request, span


def _schema(value: Any) -> Any:
    """A generated model's free-form field (``output_schema``, ``model``) as plain JSON."""
    to_dict = getattr(value, "to_dict", None)
    return to_dict() if callable(to_dict) else (value if isinstance(value, str | list) else None)


def _lookup(operation: Operation, arguments: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The operation that reads the function a stream runs: the revision's, or the current."""
    if "revision_id" in arguments:
        return "get_revision", {k: arguments[k] for k in ("function_id", "revision_id")}
    return "get", {"function_id": arguments["function_id"]}


class Namespace(_NamespaceBase):
    """One tag's operations for ``Opper`` (see the module docstring)."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("_"):
            raise AttributeError(name)
        operation = self._operation(name)

        def run(*args: Any, **kwargs: Any) -> Any:
            arguments = operation.arguments(args, dict(kwargs))
            if operation.streams:
                return self._stream(operation, arguments)
            response = operation.module.sync_detailed(client=self._client.api, **arguments)
            return response.parsed

        run.__name__ = name
        run.__doc__ = operation.__doc__
        return run

    def _stream(self, operation: Operation, arguments: dict[str, Any]) -> Any:
        lookup, keys = _lookup(operation, arguments)
        function = getattr(self, lookup)(**keys)
        client: Opper = self._client
        request, span = self._stream_request(operation, arguments, function)
        return client._open_stream(request, span, None)


class AsyncNamespace(_NamespaceBase):
    """One tag's operations for ``AsyncOpper``: each method is a coroutine."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("_"):
            raise AttributeError(name)
        operation = self._operation(name)

        async def run(*args: Any, **kwargs: Any) -> Any:
            arguments = operation.arguments(args, dict(kwargs))
            if operation.streams:
                return await self._stream(operation, arguments)
            response = await operation.module.asyncio_detailed(client=self._client.api, **arguments)
            return response.parsed

        run.__name__ = name
        run.__doc__ = operation.__doc__
        return run

    async def _stream(self, operation: Operation, arguments: dict[str, Any]) -> Any:
        lookup, keys = _lookup(operation, arguments)
        function = await getattr(self, lookup)(**keys)
        client: AsyncOpper = self._client
        request, span = self._stream_request(operation, arguments, function)
        return await client._open_stream(request, span, None)
