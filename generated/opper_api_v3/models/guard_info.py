from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GuardInfo")


@_attrs_define
class GuardInfo:
    flagged: bool
    type_: str
    findings: list[Any] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        flagged = self.flagged

        type_ = self.type_

        findings: list[Any] | Unset = UNSET
        if not isinstance(self.findings, Unset):
            findings = self.findings

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "flagged": flagged,
                "type": type_,
            }
        )
        if findings is not UNSET:
            field_dict["findings"] = findings

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        flagged = d.pop("flagged")

        type_ = d.pop("type")

        findings = cast(list[Any], d.pop("findings", UNSET))

        guard_info = cls(
            flagged=flagged,
            type_=type_,
            findings=findings,
        )

        guard_info.additional_properties = d
        return guard_info

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
