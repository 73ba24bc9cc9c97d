from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.example import Example
    from ..models.function_call_request_tags_type_0 import FunctionCallRequestTagsType0


T = TypeVar("T", bound="FunctionCallRequest")


@_attrs_define
class FunctionCallRequest:
    """What to run a stored function on; its instructions, schemas, model and configuration come from the function (or the
    revision).

    """

    input_: Any | Unset = UNSET
    """ The function's input, any JSON value. """
    parent_span_id: None | Unset | UUID = UNSET
    """ Span to nest this call's span under. """
    examples: list[Example] | None | Unset = UNSET
    tags: FunctionCallRequestTagsType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.function_call_request_tags_type_0 import (
            FunctionCallRequestTagsType0,  # noqa: PLC0415
        )

        input_ = self.input_

        parent_span_id: None | str | Unset
        if isinstance(self.parent_span_id, Unset):
            parent_span_id = UNSET
        elif isinstance(self.parent_span_id, UUID):
            parent_span_id = str(self.parent_span_id)
        else:
            parent_span_id = self.parent_span_id

        examples: list[dict[str, Any]] | None | Unset
        if isinstance(self.examples, Unset):
            examples = UNSET
        elif isinstance(self.examples, list):
            examples = []
            for examples_type_0_item_data in self.examples:
                examples_type_0_item = examples_type_0_item_data.to_dict()
                examples.append(examples_type_0_item)

        else:
            examples = self.examples

        tags: dict[str, Any] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, FunctionCallRequestTagsType0):
            tags = self.tags.to_dict()
        else:
            tags = self.tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if input_ is not UNSET:
            field_dict["input"] = input_
        if parent_span_id is not UNSET:
            field_dict["parent_span_id"] = parent_span_id
        if examples is not UNSET:
            field_dict["examples"] = examples
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.example import Example  # noqa: PLC0415
        from ..models.function_call_request_tags_type_0 import (
            FunctionCallRequestTagsType0,  # noqa: PLC0415
        )

        d = dict(src_dict)
        input_ = d.pop("input", UNSET)

        def _parse_parent_span_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                parent_span_id_type_0 = UUID(data)

                return parent_span_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        parent_span_id = _parse_parent_span_id(d.pop("parent_span_id", UNSET))

        def _parse_examples(data: object) -> list[Example] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                examples_type_0 = []
                _examples_type_0 = data
                for examples_type_0_item_data in _examples_type_0:
                    examples_type_0_item = Example.from_dict(examples_type_0_item_data)

                    examples_type_0.append(examples_type_0_item)

                return examples_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Example] | None | Unset, data)

        examples = _parse_examples(d.pop("examples", UNSET))

        def _parse_tags(data: object) -> FunctionCallRequestTagsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tags_type_0 = FunctionCallRequestTagsType0.from_dict(data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FunctionCallRequestTagsType0 | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        function_call_request = cls(
            input_=input_,
            parent_span_id=parent_span_id,
            examples=examples,
            tags=tags,
        )

        function_call_request.additional_properties = d
        return function_call_request

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
