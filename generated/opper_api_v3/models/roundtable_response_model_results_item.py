from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.roundtable_response_model_results_item_usage import (
        RoundtableResponseModelResultsItemUsage,
    )


T = TypeVar("T", bound="RoundtableResponseModelResultsItem")


@_attrs_define
class RoundtableResponseModelResultsItem:
    data: str
    duration_ms: int
    index: int
    model: str
    cost: float | Unset = UNSET
    error: str | Unset = UNSET
    usage: RoundtableResponseModelResultsItemUsage | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data

        duration_ms = self.duration_ms

        index = self.index

        model = self.model

        cost = self.cost

        error = self.error

        usage: dict[str, Any] | Unset = UNSET
        if not isinstance(self.usage, Unset):
            usage = self.usage.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "duration_ms": duration_ms,
                "index": index,
                "model": model,
            }
        )
        if cost is not UNSET:
            field_dict["cost"] = cost
        if error is not UNSET:
            field_dict["error"] = error
        if usage is not UNSET:
            field_dict["usage"] = usage

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.roundtable_response_model_results_item_usage import (
            RoundtableResponseModelResultsItemUsage,  # noqa: PLC0415
        )

        d = dict(src_dict)
        data = d.pop("data")

        duration_ms = d.pop("duration_ms")

        index = d.pop("index")

        model = d.pop("model")

        cost = d.pop("cost", UNSET)

        error = d.pop("error", UNSET)

        _usage = d.pop("usage", UNSET)
        usage: RoundtableResponseModelResultsItemUsage | Unset
        if isinstance(_usage, Unset):
            usage = UNSET
        else:
            usage = RoundtableResponseModelResultsItemUsage.from_dict(_usage)

        roundtable_response_model_results_item = cls(
            data=data,
            duration_ms=duration_ms,
            index=index,
            model=model,
            cost=cost,
            error=error,
            usage=usage,
        )

        roundtable_response_model_results_item.additional_properties = d
        return roundtable_response_model_results_item

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
