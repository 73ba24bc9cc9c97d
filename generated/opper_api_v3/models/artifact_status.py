from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.artifact_state import ArtifactState
from ..types import UNSET, Unset

T = TypeVar("T", bound="ArtifactStatus")


@_attrs_define
class ArtifactStatus:
    error: str | Unset = UNSET
    """ Error message (only when failed) """
    id: str | Unset = UNSET
    mime_type: str | Unset = UNSET
    status: ArtifactState | Unset = UNSET
    url: str | Unset = UNSET
    """ Presigned download URL (only when completed) """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error

        id = self.id

        mime_type = self.mime_type

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if error is not UNSET:
            field_dict["error"] = error
        if id is not UNSET:
            field_dict["id"] = id
        if mime_type is not UNSET:
            field_dict["mime_type"] = mime_type
        if status is not UNSET:
            field_dict["status"] = status
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        error = d.pop("error", UNSET)

        id = d.pop("id", UNSET)

        mime_type = d.pop("mime_type", UNSET)

        _status = d.pop("status", UNSET)
        status: ArtifactState | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ArtifactState(_status)

        url = d.pop("url", UNSET)

        artifact_status = cls(
            error=error,
            id=id,
            mime_type=mime_type,
            status=status,
            url=url,
        )

        artifact_status.additional_properties = d
        return artifact_status

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
