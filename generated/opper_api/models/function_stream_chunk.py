from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FunctionStreamChunk")


@_attrs_define
class FunctionStreamChunk:
    """The JSON payload of one event of a stored function's stream (`POST /functions/{function_id}/call/stream`). The
    official SDK's model has only these two fields, neither nullable; the emulator adds `chunk_type: text`, which such
    clients ignore.

    """

    delta: str | Unset = UNSET
    """ The next piece of the output's text. """
    span_id: str | Unset = UNSET
    """ The call's span. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        delta = self.delta

        span_id = self.span_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if delta is not UNSET:
            field_dict["delta"] = delta
        if span_id is not UNSET:
            field_dict["span_id"] = span_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        delta = d.pop("delta", UNSET)

        span_id = d.pop("span_id", UNSET)

        function_stream_chunk = cls(
            delta=delta,
            span_id=span_id,
        )

        function_stream_chunk.additional_properties = d
        return function_stream_chunk

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
