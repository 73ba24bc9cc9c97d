from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.roundtable_response_meta import RoundtableResponseMeta
    from ..models.roundtable_response_model_results_item import (
        RoundtableResponseModelResultsItem,
    )


T = TypeVar("T", bound="RoundtableResponse")


@_attrs_define
class RoundtableResponse:
    data: str
    id: str
    model_results: list[RoundtableResponseModelResultsItem]
    meta: RoundtableResponseMeta
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data

        id = self.id

        model_results = []
        for model_results_item_data in self.model_results:
            model_results_item = model_results_item_data.to_dict()
            model_results.append(model_results_item)

        meta = self.meta.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "id": id,
                "model_results": model_results,
                "meta": meta,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.roundtable_response_meta import RoundtableResponseMeta  # noqa: PLC0415
        from ..models.roundtable_response_model_results_item import (
            RoundtableResponseModelResultsItem,  # noqa: PLC0415
        )

        d = dict(src_dict)
        data = d.pop("data")

        id = d.pop("id")

        model_results = []
        _model_results = d.pop("model_results")
        for model_results_item_data in _model_results:
            model_results_item = RoundtableResponseModelResultsItem.from_dict(model_results_item_data)

            model_results.append(model_results_item)

        meta = RoundtableResponseMeta.from_dict(d.pop("meta"))

        roundtable_response = cls(
            data=data,
            id=id,
            model_results=model_results,
            meta=meta,
        )

        roundtable_response.additional_properties = d
        return roundtable_response

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
