from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RunRequestGuardOutputItem")


@_attrs_define
class RunRequestGuardOutputItem:
    type_: str
    action: str | Unset = UNSET
    applies_to: str | Unset = UNSET
    check: str | Unset = UNSET
    custom_patterns: list[str] | Unset = UNSET
    model: str | Unset = UNSET
    presets: list[str] | Unset = UNSET
    replacement: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        action = self.action

        applies_to = self.applies_to

        check = self.check

        custom_patterns: list[str] | Unset = UNSET
        if not isinstance(self.custom_patterns, Unset):
            custom_patterns = self.custom_patterns

        model = self.model

        presets: list[str] | Unset = UNSET
        if not isinstance(self.presets, Unset):
            presets = self.presets

        replacement = self.replacement

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if action is not UNSET:
            field_dict["action"] = action
        if applies_to is not UNSET:
            field_dict["applies_to"] = applies_to
        if check is not UNSET:
            field_dict["check"] = check
        if custom_patterns is not UNSET:
            field_dict["custom_patterns"] = custom_patterns
        if model is not UNSET:
            field_dict["model"] = model
        if presets is not UNSET:
            field_dict["presets"] = presets
        if replacement is not UNSET:
            field_dict["replacement"] = replacement

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = d.pop("type")

        action = d.pop("action", UNSET)

        applies_to = d.pop("applies_to", UNSET)

        check = d.pop("check", UNSET)

        custom_patterns = cast(list[str], d.pop("custom_patterns", UNSET))

        model = d.pop("model", UNSET)

        presets = cast(list[str], d.pop("presets", UNSET))

        replacement = d.pop("replacement", UNSET)

        run_request_guard_output_item = cls(
            type_=type_,
            action=action,
            applies_to=applies_to,
            check=check,
            custom_patterns=custom_patterns,
            model=model,
            presets=presets,
            replacement=replacement,
        )

        run_request_guard_output_item.additional_properties = d
        return run_request_guard_output_item

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
