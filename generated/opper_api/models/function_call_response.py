from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.function_call_response_cost_type_0 import FunctionCallResponseCostType0
    from ..models.function_call_response_usage_type_0 import (
        FunctionCallResponseUsageType0,
    )


T = TypeVar("T", bound="FunctionCallResponse")


@_attrs_define
class FunctionCallResponse:
    """The result of calling a stored function; as `CallResponse`, but `cached` is never null."""

    span_id: UUID
    message: None | str | Unset = UNSET
    json_payload: Any | Unset = UNSET
    """ The structured result, when the function has an `output_schema`. """
    cached: bool | Unset = UNSET
    """ True when the result came from the cache (false when absent). """
    images: list[str] | None | Unset = UNSET
    usage: FunctionCallResponseUsageType0 | None | Unset = UNSET
    cost: FunctionCallResponseCostType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.function_call_response_cost_type_0 import (
            FunctionCallResponseCostType0,  # noqa: PLC0415
        )
        from ..models.function_call_response_usage_type_0 import (
            FunctionCallResponseUsageType0,  # noqa: PLC0415
        )

        span_id = str(self.span_id)

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        json_payload = self.json_payload

        cached = self.cached

        images: list[str] | None | Unset
        if isinstance(self.images, Unset):
            images = UNSET
        elif isinstance(self.images, list):
            images = self.images

        else:
            images = self.images

        usage: dict[str, Any] | None | Unset
        if isinstance(self.usage, Unset):
            usage = UNSET
        elif isinstance(self.usage, FunctionCallResponseUsageType0):
            usage = self.usage.to_dict()
        else:
            usage = self.usage

        cost: dict[str, Any] | None | Unset
        if isinstance(self.cost, Unset):
            cost = UNSET
        elif isinstance(self.cost, FunctionCallResponseCostType0):
            cost = self.cost.to_dict()
        else:
            cost = self.cost

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "span_id": span_id,
            }
        )
        if message is not UNSET:
            field_dict["message"] = message
        if json_payload is not UNSET:
            field_dict["json_payload"] = json_payload
        if cached is not UNSET:
            field_dict["cached"] = cached
        if images is not UNSET:
            field_dict["images"] = images
        if usage is not UNSET:
            field_dict["usage"] = usage
        if cost is not UNSET:
            field_dict["cost"] = cost

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.function_call_response_cost_type_0 import (
            FunctionCallResponseCostType0,  # noqa: PLC0415
        )
        from ..models.function_call_response_usage_type_0 import (
            FunctionCallResponseUsageType0,  # noqa: PLC0415
        )

        d = dict(src_dict)
        span_id = UUID(d.pop("span_id"))

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        json_payload = d.pop("json_payload", UNSET)

        cached = d.pop("cached", UNSET)

        def _parse_images(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                images_type_0 = cast(list[str], data)

                return images_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        images = _parse_images(d.pop("images", UNSET))

        def _parse_usage(data: object) -> FunctionCallResponseUsageType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                usage_type_0 = FunctionCallResponseUsageType0.from_dict(data)

                return usage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FunctionCallResponseUsageType0 | None | Unset, data)

        usage = _parse_usage(d.pop("usage", UNSET))

        def _parse_cost(data: object) -> FunctionCallResponseCostType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                cost_type_0 = FunctionCallResponseCostType0.from_dict(data)

                return cost_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FunctionCallResponseCostType0 | None | Unset, data)

        cost = _parse_cost(d.pop("cost", UNSET))

        function_call_response = cls(
            span_id=span_id,
            message=message,
            json_payload=json_payload,
            cached=cached,
            images=images,
            usage=usage,
            cost=cost,
        )

        function_call_response.additional_properties = d
        return function_call_response

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
