from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.update_span_meta import UpdateSpanMeta
    from ..models.update_span_metadata import UpdateSpanMetadata
    from ..models.update_span_tags import UpdateSpanTags


T = TypeVar("T", bound="UpdateSpanRequest")


@_attrs_define
class UpdateSpanRequest:
    end_time: datetime.datetime | Unset = UNSET
    error: str | Unset = UNSET
    meta: UpdateSpanMeta | Unset = UNSET
    metadata: UpdateSpanMetadata | Unset = UNSET
    output: str | Unset = UNSET
    tags: UpdateSpanTags | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        end_time: str | Unset = UNSET
        if not isinstance(self.end_time, Unset):
            end_time = self.end_time.isoformat()

        error = self.error

        meta: dict[str, Any] | Unset = UNSET
        if not isinstance(self.meta, Unset):
            meta = self.meta.to_dict()

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        output = self.output

        tags: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if end_time is not UNSET:
            field_dict["end_time"] = end_time
        if error is not UNSET:
            field_dict["error"] = error
        if meta is not UNSET:
            field_dict["meta"] = meta
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if output is not UNSET:
            field_dict["output"] = output
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.update_span_meta import UpdateSpanMeta  # noqa: PLC0415
        from ..models.update_span_metadata import UpdateSpanMetadata  # noqa: PLC0415
        from ..models.update_span_tags import UpdateSpanTags  # noqa: PLC0415

        d = dict(src_dict)
        _end_time = d.pop("end_time", UNSET)
        end_time: datetime.datetime | Unset
        if isinstance(_end_time, Unset):
            end_time = UNSET
        else:
            end_time = datetime.datetime.fromisoformat(_end_time)

        error = d.pop("error", UNSET)

        _meta = d.pop("meta", UNSET)
        meta: UpdateSpanMeta | Unset
        if isinstance(_meta, Unset):
            meta = UNSET
        else:
            meta = UpdateSpanMeta.from_dict(_meta)

        _metadata = d.pop("metadata", UNSET)
        metadata: UpdateSpanMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = UpdateSpanMetadata.from_dict(_metadata)

        output = d.pop("output", UNSET)

        _tags = d.pop("tags", UNSET)
        tags: UpdateSpanTags | Unset
        if isinstance(_tags, Unset):
            tags = UNSET
        else:
            tags = UpdateSpanTags.from_dict(_tags)

        update_span_request = cls(
            end_time=end_time,
            error=error,
            meta=meta,
            metadata=metadata,
            output=output,
            tags=tags,
        )

        update_span_request.additional_properties = d
        return update_span_request

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
