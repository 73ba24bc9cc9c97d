from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.roundtable_stream_chunk_meta import RoundtableStreamChunkMeta
    from ..models.roundtable_stream_chunk_usage import RoundtableStreamChunkUsage


T = TypeVar("T", bound="RoundtableStreamChunk")


@_attrs_define
class RoundtableStreamChunk:
    type_: str
    cost: float | Unset = UNSET
    data: str | Unset = UNSET
    delta: str | Unset = UNSET
    error: str | Unset = UNSET
    meta: RoundtableStreamChunkMeta | Unset = UNSET
    model: str | Unset = UNSET
    model_index: int | Unset = UNSET
    usage: RoundtableStreamChunkUsage | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        cost = self.cost

        data = self.data

        delta = self.delta

        error = self.error

        meta: dict[str, Any] | Unset = UNSET
        if not isinstance(self.meta, Unset):
            meta = self.meta.to_dict()

        model = self.model

        model_index = self.model_index

        usage: dict[str, Any] | Unset = UNSET
        if not isinstance(self.usage, Unset):
            usage = self.usage.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if cost is not UNSET:
            field_dict["cost"] = cost
        if data is not UNSET:
            field_dict["data"] = data
        if delta is not UNSET:
            field_dict["delta"] = delta
        if error is not UNSET:
            field_dict["error"] = error
        if meta is not UNSET:
            field_dict["meta"] = meta
        if model is not UNSET:
            field_dict["model"] = model
        if model_index is not UNSET:
            field_dict["model_index"] = model_index
        if usage is not UNSET:
            field_dict["usage"] = usage

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.roundtable_stream_chunk_meta import RoundtableStreamChunkMeta  # noqa: PLC0415
        from ..models.roundtable_stream_chunk_usage import RoundtableStreamChunkUsage  # noqa: PLC0415

        d = dict(src_dict)
        type_ = d.pop("type")

        cost = d.pop("cost", UNSET)

        data = d.pop("data", UNSET)

        delta = d.pop("delta", UNSET)

        error = d.pop("error", UNSET)

        _meta = d.pop("meta", UNSET)
        meta: RoundtableStreamChunkMeta | Unset
        if isinstance(_meta, Unset):
            meta = UNSET
        else:
            meta = RoundtableStreamChunkMeta.from_dict(_meta)

        model = d.pop("model", UNSET)

        model_index = d.pop("model_index", UNSET)

        _usage = d.pop("usage", UNSET)
        usage: RoundtableStreamChunkUsage | Unset
        if isinstance(_usage, Unset):
            usage = UNSET
        else:
            usage = RoundtableStreamChunkUsage.from_dict(_usage)

        roundtable_stream_chunk = cls(
            type_=type_,
            cost=cost,
            data=data,
            delta=delta,
            error=error,
            meta=meta,
            model=model,
            model_index=model_index,
            usage=usage,
        )

        roundtable_stream_chunk.additional_properties = d
        return roundtable_stream_chunk

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
