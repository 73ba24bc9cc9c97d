from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.trace_event_data import TraceEventData


T = TypeVar("T", bound="TraceEvent")


@_attrs_define
class TraceEvent:
    data: TraceEventData
    id: str
    kind: str
    source: str
    span_id: str
    created_at: datetime.datetime | Unset = UNSET
    span_uuid: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        id = self.id

        kind = self.kind

        source = self.source

        span_id = self.span_id

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        span_uuid = self.span_uuid

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "id": id,
                "kind": kind,
                "source": source,
                "span_id": span_id,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if span_uuid is not UNSET:
            field_dict["span_uuid"] = span_uuid

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.trace_event_data import TraceEventData  # noqa: PLC0415

        d = dict(src_dict)
        data = TraceEventData.from_dict(d.pop("data"))

        id = d.pop("id")

        kind = d.pop("kind")

        source = d.pop("source")

        span_id = d.pop("span_id")

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        span_uuid = d.pop("span_uuid", UNSET)

        trace_event = cls(
            data=data,
            id=id,
            kind=kind,
            source=source,
            span_id=span_id,
            created_at=created_at,
            span_uuid=span_uuid,
        )

        trace_event.additional_properties = d
        return trace_event

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
