from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.or_response_text_format_schema import ORResponseTextFormatSchema


T = TypeVar("T", bound="ORResponseTextFormat")


@_attrs_define
class ORResponseTextFormat:
    type_: str
    name: str | Unset = UNSET
    schema: ORResponseTextFormatSchema | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        name = self.name

        schema: dict[str, Any] | Unset = UNSET
        if not isinstance(self.schema, Unset):
            schema = self.schema.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if schema is not UNSET:
            field_dict["schema"] = schema

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.or_response_text_format_schema import ORResponseTextFormatSchema  # noqa: PLC0415

        d = dict(src_dict)
        type_ = d.pop("type")

        name = d.pop("name", UNSET)

        _schema = d.pop("schema", UNSET)
        schema: ORResponseTextFormatSchema | Unset
        if isinstance(_schema, Unset):
            schema = UNSET
        else:
            schema = ORResponseTextFormatSchema.from_dict(_schema)

        or_response_text_format = cls(
            type_=type_,
            name=name,
            schema=schema,
        )

        or_response_text_format.additional_properties = d
        return or_response_text_format

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
