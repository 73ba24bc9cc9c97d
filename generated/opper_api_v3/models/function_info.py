from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FunctionInfo")


@_attrs_define
class FunctionInfo:
    generated_at: datetime.datetime
    has_script: bool
    hit_count: int
    name: str
    schema_hash: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        generated_at = self.generated_at.isoformat()

        has_script = self.has_script

        hit_count = self.hit_count

        name = self.name

        schema_hash = self.schema_hash

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "generated_at": generated_at,
                "has_script": has_script,
                "hit_count": hit_count,
                "name": name,
                "schema_hash": schema_hash,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        generated_at = datetime.datetime.fromisoformat(d.pop("generated_at"))

        has_script = d.pop("has_script")

        hit_count = d.pop("hit_count")

        name = d.pop("name")

        schema_hash = d.pop("schema_hash")

        function_info = cls(
            generated_at=generated_at,
            has_script=has_script,
            hit_count=hit_count,
            name=name,
            schema_hash=schema_hash,
        )

        function_info.additional_properties = d
        return function_info

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
