from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.chat_stream_chunk_choices_item import ChatStreamChunkChoicesItem
    from ..models.chat_stream_chunk_usage import ChatStreamChunkUsage


T = TypeVar("T", bound="ChatStreamChunk")


@_attrs_define
class ChatStreamChunk:
    choices: list[ChatStreamChunkChoicesItem]
    created: int
    id: str
    model: str
    object_: str
    cost: float | Unset = UNSET
    usage: ChatStreamChunkUsage | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        choices = []
        for choices_item_data in self.choices:
            choices_item = choices_item_data.to_dict()
            choices.append(choices_item)

        created = self.created

        id = self.id

        model = self.model

        object_ = self.object_

        cost = self.cost

        usage: dict[str, Any] | Unset = UNSET
        if not isinstance(self.usage, Unset):
            usage = self.usage.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "choices": choices,
                "created": created,
                "id": id,
                "model": model,
                "object": object_,
            }
        )
        if cost is not UNSET:
            field_dict["cost"] = cost
        if usage is not UNSET:
            field_dict["usage"] = usage

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.chat_stream_chunk_choices_item import ChatStreamChunkChoicesItem  # noqa: PLC0415
        from ..models.chat_stream_chunk_usage import ChatStreamChunkUsage  # noqa: PLC0415

        d = dict(src_dict)
        choices = []
        _choices = d.pop("choices")
        for choices_item_data in _choices:
            choices_item = ChatStreamChunkChoicesItem.from_dict(choices_item_data)

            choices.append(choices_item)

        created = d.pop("created")

        id = d.pop("id")

        model = d.pop("model")

        object_ = d.pop("object")

        cost = d.pop("cost", UNSET)

        _usage = d.pop("usage", UNSET)
        usage: ChatStreamChunkUsage | Unset
        if isinstance(_usage, Unset):
            usage = UNSET
        else:
            usage = ChatStreamChunkUsage.from_dict(_usage)

        chat_stream_chunk = cls(
            choices=choices,
            created=created,
            id=id,
            model=model,
            object_=object_,
            cost=cost,
            usage=usage,
        )

        chat_stream_chunk.additional_properties = d
        return chat_stream_chunk

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
