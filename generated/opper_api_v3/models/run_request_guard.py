from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.run_request_guard_input_item import RunRequestGuardInputItem
    from ..models.run_request_guard_output_item import RunRequestGuardOutputItem


T = TypeVar("T", bound="RunRequestGuard")


@_attrs_define
class RunRequestGuard:
    input_: list[RunRequestGuardInputItem] | Unset = UNSET
    output: list[RunRequestGuardOutputItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        input_: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.input_, Unset):
            input_ = []
            for input_item_data in self.input_:
                input_item = input_item_data.to_dict()
                input_.append(input_item)

        output: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.output, Unset):
            output = []
            for output_item_data in self.output:
                output_item = output_item_data.to_dict()
                output.append(output_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if input_ is not UNSET:
            field_dict["input"] = input_
        if output is not UNSET:
            field_dict["output"] = output

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_request_guard_input_item import RunRequestGuardInputItem  # noqa: PLC0415
        from ..models.run_request_guard_output_item import RunRequestGuardOutputItem  # noqa: PLC0415

        d = dict(src_dict)
        _input_ = d.pop("input", UNSET)
        input_: list[RunRequestGuardInputItem] | Unset = UNSET
        if _input_ is not UNSET:
            input_ = []
            for input_item_data in _input_:
                input_item = RunRequestGuardInputItem.from_dict(input_item_data)

                input_.append(input_item)

        _output = d.pop("output", UNSET)
        output: list[RunRequestGuardOutputItem] | Unset = UNSET
        if _output is not UNSET:
            output = []
            for output_item_data in _output:
                output_item = RunRequestGuardOutputItem.from_dict(output_item_data)

                output.append(output_item)

        run_request_guard = cls(
            input_=input_,
            output=output,
        )

        run_request_guard.additional_properties = d
        return run_request_guard

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
