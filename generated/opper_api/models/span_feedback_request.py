from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SpanFeedbackRequest")


@_attrs_define
class SpanFeedbackRequest:
    score: float
    """ 0.0 is negative, 1.0 positive. """
    comment: None | str | Unset = UNSET
    """ Why. """
    save_to_dataset: bool | None | Unset = UNSET
    """ True: save the span as an example in the function's dataset; false: never; null or omitted: as the
    function's auto-save setting says. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        score = self.score

        comment: None | str | Unset
        if isinstance(self.comment, Unset):
            comment = UNSET
        else:
            comment = self.comment

        save_to_dataset: bool | None | Unset
        if isinstance(self.save_to_dataset, Unset):
            save_to_dataset = UNSET
        else:
            save_to_dataset = self.save_to_dataset

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "score": score,
            }
        )
        if comment is not UNSET:
            field_dict["comment"] = comment
        if save_to_dataset is not UNSET:
            field_dict["save_to_dataset"] = save_to_dataset

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        score = d.pop("score")

        def _parse_comment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment = _parse_comment(d.pop("comment", UNSET))

        def _parse_save_to_dataset(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        save_to_dataset = _parse_save_to_dataset(d.pop("save_to_dataset", UNSET))

        span_feedback_request = cls(
            score=score,
            comment=comment,
            save_to_dataset=save_to_dataset,
        )

        span_feedback_request.additional_properties = d
        return span_feedback_request

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
