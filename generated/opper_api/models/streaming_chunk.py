from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="StreamingChunk")


@_attrs_define
class StreamingChunk:
    """The JSON payload of one `/call/stream` event. Every field is optional. `chunk_type` is `text`, `json` or `error`
    today; clients must accept values they do not know.

    """

    delta: bool | float | None | str | Unset = UNSET
    """ The next piece of output: text in text mode; in json mode a piece of the value at `json_path` (strings may
    come in several pieces, numbers and booleans whole). """
    json_path: None | str | Unset = UNSET
    """ Where `delta` belongs in the output, from the root of `output_schema`: `people[0].name`, `summary`. Some
    sources prefix it with `response.`; that segment is not part of the output unless `output_schema` has a top-
    level `response` property. """
    span_id: None | str | Unset = UNSET
    """ The call's span; sent once per stream, in the first event, beside the first delta or in the last event. """
    chunk_type: None | str | Unset = UNSET
    """ `text`, `json` or `error`; absent on an event that carries only `span_id`. """
    error_type: None | str | Unset = UNSET
    """ The kind of failure, when `chunk_type` is `error`. """
    error_message: None | str | Unset = UNSET
    """ What failed, when `chunk_type` is `error`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        delta: bool | float | None | str | Unset
        if isinstance(self.delta, Unset):
            delta = UNSET
        else:
            delta = self.delta

        json_path: None | str | Unset
        if isinstance(self.json_path, Unset):
            json_path = UNSET
        else:
            json_path = self.json_path

        span_id: None | str | Unset
        if isinstance(self.span_id, Unset):
            span_id = UNSET
        else:
            span_id = self.span_id

        chunk_type: None | str | Unset
        if isinstance(self.chunk_type, Unset):
            chunk_type = UNSET
        else:
            chunk_type = self.chunk_type

        error_type: None | str | Unset
        if isinstance(self.error_type, Unset):
            error_type = UNSET
        else:
            error_type = self.error_type

        error_message: None | str | Unset
        if isinstance(self.error_message, Unset):
            error_message = UNSET
        else:
            error_message = self.error_message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if delta is not UNSET:
            field_dict["delta"] = delta
        if json_path is not UNSET:
            field_dict["json_path"] = json_path
        if span_id is not UNSET:
            field_dict["span_id"] = span_id
        if chunk_type is not UNSET:
            field_dict["chunk_type"] = chunk_type
        if error_type is not UNSET:
            field_dict["error_type"] = error_type
        if error_message is not UNSET:
            field_dict["error_message"] = error_message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_delta(data: object) -> bool | float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | float | None | str | Unset, data)

        delta = _parse_delta(d.pop("delta", UNSET))

        def _parse_json_path(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        json_path = _parse_json_path(d.pop("json_path", UNSET))

        def _parse_span_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        span_id = _parse_span_id(d.pop("span_id", UNSET))

        def _parse_chunk_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        chunk_type = _parse_chunk_type(d.pop("chunk_type", UNSET))

        def _parse_error_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error_type = _parse_error_type(d.pop("error_type", UNSET))

        def _parse_error_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error_message = _parse_error_message(d.pop("error_message", UNSET))

        streaming_chunk = cls(
            delta=delta,
            json_path=json_path,
            span_id=span_id,
            chunk_type=chunk_type,
            error_type=error_type,
            error_message=error_message,
        )

        streaming_chunk.additional_properties = d
        return streaming_chunk

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
