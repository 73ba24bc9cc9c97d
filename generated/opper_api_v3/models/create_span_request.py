from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.create_span_meta import CreateSpanMeta
    from ..models.create_span_metadata import CreateSpanMetadata
    from ..models.create_span_tags import CreateSpanTags


T = TypeVar("T", bound="CreateSpanRequest")


@_attrs_define
class CreateSpanRequest:
    name: str
    end_time: datetime.datetime | Unset = UNSET
    error: str | Unset = UNSET
    input_: str | Unset = UNSET
    meta: CreateSpanMeta | Unset = UNSET
    metadata: CreateSpanMetadata | Unset = UNSET
    output: str | Unset = UNSET
    parent_id: str | Unset = UNSET
    start_time: datetime.datetime | Unset = UNSET
    tags: CreateSpanTags | Unset = UNSET
    trace_id: str | Unset = UNSET
    type_: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

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

        tags: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags.to_dict()

        trace_id = self.trace_id

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
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
        if tags is not UNSET:
            field_dict["tags"] = tags
        if trace_id is not UNSET:
            field_dict["trace_id"] = trace_id
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.create_span_meta import CreateSpanMeta  # noqa: PLC0415
        from ..models.create_span_metadata import CreateSpanMetadata  # noqa: PLC0415
        from ..models.create_span_tags import CreateSpanTags  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        _end_time = d.pop("end_time", UNSET)
        end_time: datetime.datetime | Unset
        if isinstance(_end_time, Unset):
            end_time = UNSET
        else:
            end_time = datetime.datetime.fromisoformat(_end_time)

        error = d.pop("error", UNSET)

        input_ = d.pop("input", UNSET)

        _meta = d.pop("meta", UNSET)
        meta: CreateSpanMeta | Unset
        if isinstance(_meta, Unset):
            meta = UNSET
        else:
            meta = CreateSpanMeta.from_dict(_meta)

        _metadata = d.pop("metadata", UNSET)
        metadata: CreateSpanMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = CreateSpanMetadata.from_dict(_metadata)

        output = d.pop("output", UNSET)

        parent_id = d.pop("parent_id", UNSET)

        _start_time = d.pop("start_time", UNSET)
        start_time: datetime.datetime | Unset
        if isinstance(_start_time, Unset):
            start_time = UNSET
        else:
            start_time = datetime.datetime.fromisoformat(_start_time)

        _tags = d.pop("tags", UNSET)
        tags: CreateSpanTags | Unset
        if isinstance(_tags, Unset):
            tags = UNSET
        else:
            tags = CreateSpanTags.from_dict(_tags)

        trace_id = d.pop("trace_id", UNSET)

        type_ = d.pop("type", UNSET)

        create_span_request = cls(
            name=name,
            end_time=end_time,
            error=error,
            input_=input_,
            meta=meta,
            metadata=metadata,
            output=output,
            parent_id=parent_id,
            start_time=start_time,
            tags=tags,
            trace_id=trace_id,
            type_=type_,
        )

        create_span_request.additional_properties = d
        return create_span_request

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
