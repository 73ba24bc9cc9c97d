from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.function_details_input_schema import FunctionDetailsInputSchema
    from ..models.function_details_output_schema import FunctionDetailsOutputSchema


T = TypeVar("T", bound="FunctionDetails")


@_attrs_define
class FunctionDetails:
    generated_at: datetime.datetime
    hit_count: int
    input_schema: FunctionDetailsInputSchema
    name: str
    output_schema: FunctionDetailsOutputSchema
    schema_hash: str
    source: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        generated_at = self.generated_at.isoformat()

        hit_count = self.hit_count

        input_schema = self.input_schema.to_dict()

        name = self.name

        output_schema = self.output_schema.to_dict()

        schema_hash = self.schema_hash

        source = self.source

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "generated_at": generated_at,
                "hit_count": hit_count,
                "input_schema": input_schema,
                "name": name,
                "output_schema": output_schema,
                "schema_hash": schema_hash,
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.function_details_input_schema import FunctionDetailsInputSchema  # noqa: PLC0415
        from ..models.function_details_output_schema import FunctionDetailsOutputSchema  # noqa: PLC0415

        d = dict(src_dict)
        generated_at = datetime.datetime.fromisoformat(d.pop("generated_at"))

        hit_count = d.pop("hit_count")

        input_schema = FunctionDetailsInputSchema.from_dict(d.pop("input_schema"))

        name = d.pop("name")

        output_schema = FunctionDetailsOutputSchema.from_dict(d.pop("output_schema"))

        schema_hash = d.pop("schema_hash")

        source = d.pop("source")

        function_details = cls(
            generated_at=generated_at,
            hit_count=hit_count,
            input_schema=input_schema,
            name=name,
            output_schema=output_schema,
            schema_hash=schema_hash,
            source=source,
        )

        function_details.additional_properties = d
        return function_details

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
