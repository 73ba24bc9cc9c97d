from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.roundtable_stream_chunk_meta_summary_usage import (
        RoundtableStreamChunkMetaSummaryUsage,
    )


T = TypeVar("T", bound="RoundtableStreamChunkMeta")


@_attrs_define
class RoundtableStreamChunkMeta:
    models_used: list[str]
    resolution: str
    total_cost: float
    total_duration_ms: int
    summary_model: str | Unset = UNSET
    summary_usage: RoundtableStreamChunkMetaSummaryUsage | Unset = UNSET
    trace_uuid: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        models_used = self.models_used

        resolution = self.resolution

        total_cost = self.total_cost

        total_duration_ms = self.total_duration_ms

        summary_model = self.summary_model

        summary_usage: dict[str, Any] | Unset = UNSET
        if not isinstance(self.summary_usage, Unset):
            summary_usage = self.summary_usage.to_dict()

        trace_uuid = self.trace_uuid

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "models_used": models_used,
                "resolution": resolution,
                "total_cost": total_cost,
                "total_duration_ms": total_duration_ms,
            }
        )
        if summary_model is not UNSET:
            field_dict["summary_model"] = summary_model
        if summary_usage is not UNSET:
            field_dict["summary_usage"] = summary_usage
        if trace_uuid is not UNSET:
            field_dict["trace_uuid"] = trace_uuid

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.roundtable_stream_chunk_meta_summary_usage import (
            RoundtableStreamChunkMetaSummaryUsage,  # noqa: PLC0415
        )

        d = dict(src_dict)
        models_used = cast(list[str], d.pop("models_used"))

        resolution = d.pop("resolution")

        total_cost = d.pop("total_cost")

        total_duration_ms = d.pop("total_duration_ms")

        summary_model = d.pop("summary_model", UNSET)

        _summary_usage = d.pop("summary_usage", UNSET)
        summary_usage: RoundtableStreamChunkMetaSummaryUsage | Unset
        if isinstance(_summary_usage, Unset):
            summary_usage = UNSET
        else:
            summary_usage = RoundtableStreamChunkMetaSummaryUsage.from_dict(_summary_usage)

        trace_uuid = d.pop("trace_uuid", UNSET)

        roundtable_stream_chunk_meta = cls(
            models_used=models_used,
            resolution=resolution,
            total_cost=total_cost,
            total_duration_ms=total_duration_ms,
            summary_model=summary_model,
            summary_usage=summary_usage,
            trace_uuid=trace_uuid,
        )

        roundtable_stream_chunk_meta.additional_properties = d
        return roundtable_stream_chunk_meta

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
