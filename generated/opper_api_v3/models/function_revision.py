from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.function_revision_input_schema import FunctionRevisionInputSchema
    from ..models.function_revision_output_schema import FunctionRevisionOutputSchema


T = TypeVar("T", bound="FunctionRevision")


@_attrs_define
class FunctionRevision:
    created_at: datetime.datetime
    input_schema: FunctionRevisionInputSchema
    output_schema: FunctionRevisionOutputSchema
    revision_id: int
    schema_hash: str
    source: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        input_schema = self.input_schema.to_dict()

        output_schema = self.output_schema.to_dict()

        revision_id = self.revision_id

        schema_hash = self.schema_hash

        source = self.source

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "input_schema": input_schema,
                "output_schema": output_schema,
                "revision_id": revision_id,
                "schema_hash": schema_hash,
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.function_revision_input_schema import FunctionRevisionInputSchema  # noqa: PLC0415
        from ..models.function_revision_output_schema import (
            FunctionRevisionOutputSchema,  # noqa: PLC0415
        )

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        input_schema = FunctionRevisionInputSchema.from_dict(d.pop("input_schema"))

        output_schema = FunctionRevisionOutputSchema.from_dict(d.pop("output_schema"))

        revision_id = d.pop("revision_id")

        schema_hash = d.pop("schema_hash")

        source = d.pop("source")

        function_revision = cls(
            created_at=created_at,
            input_schema=input_schema,
            output_schema=output_schema,
            revision_id=revision_id,
            schema_hash=schema_hash,
            source=source,
        )

        function_revision.additional_properties = d
        return function_revision

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
