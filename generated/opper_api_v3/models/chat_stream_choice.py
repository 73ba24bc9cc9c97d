from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.chat_stream_choice_delta import ChatStreamChoiceDelta


T = TypeVar("T", bound="ChatStreamChoice")


@_attrs_define
class ChatStreamChoice:
    delta: ChatStreamChoiceDelta
    finish_reason: str
    index: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        delta = self.delta.to_dict()

        finish_reason = self.finish_reason

        index = self.index

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "delta": delta,
                "finish_reason": finish_reason,
                "index": index,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.chat_stream_choice_delta import ChatStreamChoiceDelta  # noqa: PLC0415

        d = dict(src_dict)
        delta = ChatStreamChoiceDelta.from_dict(d.pop("delta"))

        finish_reason = d.pop("finish_reason")

        index = d.pop("index")

        chat_stream_choice = cls(
            delta=delta,
            finish_reason=finish_reason,
            index=index,
        )

        chat_stream_choice.additional_properties = d
        return chat_stream_choice

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
