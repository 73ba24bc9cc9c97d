from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreatedSpan")


@_attrs_define
class CreatedSpan:
    id: str
    name: str
    trace_id: str
    parent_id: str | Unset = UNSET
    type_: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        trace_id = self.trace_id

        parent_id = self.parent_id

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "trace_id": trace_id,
            }
        )
        if parent_id is not UNSET:
            field_dict["parent_id"] = parent_id
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        trace_id = d.pop("trace_id")

        parent_id = d.pop("parent_id", UNSET)

        type_ = d.pop("type", UNSET)

        created_span = cls(
            id=id,
            name=name,
            trace_id=trace_id,
            parent_id=parent_id,
            type_=type_,
        )

        created_span.additional_properties = d
        return created_span

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
