from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.trace_span_meta import TraceSpanMeta
    from ..models.trace_span_metadata import TraceSpanMetadata
    from ..models.trace_span_tags import TraceSpanTags


T = TypeVar("T", bound="TraceSpan")


@_attrs_define
class TraceSpan:
    id: str
    name: str
    trace_id: str
    end_time: datetime.datetime | Unset = UNSET
    error: str | Unset = UNSET
    input_: Any | Unset = UNSET
    """ Any value """
    meta: TraceSpanMeta | Unset = UNSET
    metadata: TraceSpanMetadata | Unset = UNSET
    output: Any | Unset = UNSET
    """ Any value """
    parent_id: str | Unset = UNSET
    start_time: datetime.datetime | Unset = UNSET
    status: str | Unset = UNSET
    tags: TraceSpanTags | Unset = UNSET
    type_: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        trace_id = self.trace_id

        end_time: str | Unset = UNSET
        if not isinstance(self.end_time, Unset):
            end_time = self.end_time.isoformat()

        error = self.error

        input_ = self.input_

        meta: dict[str, Any] | Unset = UNSET
        if not isinstance(self.meta, Unset):
            meta = self.meta.to_dict()

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        output = self.output

        parent_id = self.parent_id

        start_time: str | Unset = UNSET
        if not isinstance(self.start_time, Unset):
            start_time = self.start_time.isoformat()

        status = self.status

        tags: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags.to_dict()

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "trace_id": trace_id,
            }
        )
        if end_time is not UNSET:
            field_dict["end_time"] = end_time
        if error is not UNSET:
            field_dict["error"] = error
        if input_ is not UNSET:
            field_dict["input"] = input_
        if meta is not UNSET:
            field_dict["meta"] = meta
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if output is not UNSET:
            field_dict["output"] = output
        if parent_id is not UNSET:
            field_dict["parent_id"] = parent_id
        if start_time is not UNSET:
            field_dict["start_time"] = start_time
        if status is not UNSET:
            field_dict["status"] = status
        if tags is not UNSET:
            field_dict["tags"] = tags
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.trace_span_meta import TraceSpanMeta  # noqa: PLC0415
        from ..models.trace_span_metadata import TraceSpanMetadata  # noqa: PLC0415
        from ..models.trace_span_tags import TraceSpanTags  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        trace_id = d.pop("trace_id")

        _end_time = d.pop("end_time", UNSET)
        end_time: datetime.datetime | Unset
        if isinstance(_end_time, Unset):
            end_time = UNSET
        else:
            end_time = datetime.datetime.fromisoformat(_end_time)

        error = d.pop("error", UNSET)

        input_ = d.pop("input", UNSET)

        _meta = d.pop("meta", UNSET)
        meta: TraceSpanMeta | Unset
        if isinstance(_meta, Unset):
            meta = UNSET
        else:
            meta = TraceSpanMeta.from_dict(_meta)

        _metadata = d.pop("metadata", UNSET)
        metadata: TraceSpanMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = TraceSpanMetadata.from_dict(_metadata)

        output = d.pop("output", UNSET)

        parent_id = d.pop("parent_id", UNSET)

        _start_time = d.pop("start_time", UNSET)
        start_time: datetime.datetime | Unset
        if isinstance(_start_time, Unset):
            start_time = UNSET
        else:
            start_time = datetime.datetime.fromisoformat(_start_time)

        status = d.pop("status", UNSET)

        _tags = d.pop("tags", UNSET)
        tags: TraceSpanTags | Unset
        if isinstance(_tags, Unset):
            tags = UNSET
        else:
            tags = TraceSpanTags.from_dict(_tags)

        type_ = d.pop("type", UNSET)

        trace_span = cls(
            id=id,
            name=name,
            trace_id=trace_id,
            end_time=end_time,
            error=error,
            input_=input_,
            meta=meta,
            metadata=metadata,
            output=output,
            parent_id=parent_id,
            start_time=start_time,
            status=status,
            tags=tags,
            type_=type_,
        )

        trace_span.additional_properties = d
        return trace_span

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
