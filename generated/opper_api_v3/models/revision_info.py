from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RevisionInfo")


@_attrs_define
class RevisionInfo:
    created_at: datetime.datetime
    is_current: bool
    revision_id: int
    schema_hash: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        is_current = self.is_current

        revision_id = self.revision_id

        schema_hash = self.schema_hash

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "is_current": is_current,
                "revision_id": revision_id,
                "schema_hash": schema_hash,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        is_current = d.pop("is_current")

        revision_id = d.pop("revision_id")

        schema_hash = d.pop("schema_hash")

        revision_info = cls(
            created_at=created_at,
            is_current=is_current,
            revision_id=revision_id,
            schema_hash=schema_hash,
        )

        revision_info.additional_properties = d
        return revision_info

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
