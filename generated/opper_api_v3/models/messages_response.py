from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.messages_response_usage import MessagesResponseUsage


T = TypeVar("T", bound="MessagesResponse")


@_attrs_define
class MessagesResponse:
    content: list[Any]
    id: str
    model: str
    role: str
    stop_reason: str
    stop_sequence: str
    type_: str
    usage: MessagesResponseUsage
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content = self.content

        id = self.id

        model = self.model

        role = self.role

        stop_reason = self.stop_reason

        stop_sequence = self.stop_sequence

        type_ = self.type_

        usage = self.usage.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
                "id": id,
                "model": model,
                "role": role,
                "stop_reason": stop_reason,
                "stop_sequence": stop_sequence,
                "type": type_,
                "usage": usage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.messages_response_usage import MessagesResponseUsage  # noqa: PLC0415

        d = dict(src_dict)
        content = cast(list[Any], d.pop("content"))

        id = d.pop("id")

        model = d.pop("model")

        role = d.pop("role")

        stop_reason = d.pop("stop_reason")

        stop_sequence = d.pop("stop_sequence")

        type_ = d.pop("type")

        usage = MessagesResponseUsage.from_dict(d.pop("usage"))

        messages_response = cls(
            content=content,
            id=id,
            model=model,
            role=role,
            stop_reason=stop_reason,
            stop_sequence=stop_sequence,
            type_=type_,
            usage=usage,
        )

        messages_response.additional_properties = d
        return messages_response

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
