from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model_info_params import ModelInfoParams
    from ..models.model_info_pricing import ModelInfoPricing


T = TypeVar("T", bound="ModelInfo")


@_attrs_define
class ModelInfo:
    capabilities: list[str]
    context_window: int
    cost: float
    description: str
    id: str
    model_id: str
    name: str
    provider: str
    provider_display_name: str
    quality: str
    speed: str
    type_: str
    aliases: list[str] | Unset = UNSET
    api_type: str | Unset = UNSET
    country: str | Unset = UNSET
    featured: bool | Unset = UNSET
    params: ModelInfoParams | Unset = UNSET
    pricing: ModelInfoPricing | Unset = UNSET
    region: str | Unset = UNSET
    retired_at: datetime.datetime | Unset = UNSET
    successor: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        capabilities = self.capabilities

        context_window = self.context_window

        cost = self.cost

        description = self.description

        id = self.id

        model_id = self.model_id

        name = self.name

        provider = self.provider

        provider_display_name = self.provider_display_name

        quality = self.quality

        speed = self.speed

        type_ = self.type_

        aliases: list[str] | Unset = UNSET
        if not isinstance(self.aliases, Unset):
            aliases = self.aliases

        api_type = self.api_type

        country = self.country

        featured = self.featured

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        pricing: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pricing, Unset):
            pricing = self.pricing.to_dict()

        region = self.region

        retired_at: str | Unset = UNSET
        if not isinstance(self.retired_at, Unset):
            retired_at = self.retired_at.isoformat()

        successor = self.successor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "capabilities": capabilities,
                "context_window": context_window,
                "cost": cost,
                "description": description,
                "id": id,
                "model_id": model_id,
                "name": name,
                "provider": provider,
                "provider_display_name": provider_display_name,
                "quality": quality,
                "speed": speed,
                "type": type_,
            }
        )
        if aliases is not UNSET:
            field_dict["aliases"] = aliases
        if api_type is not UNSET:
            field_dict["api_type"] = api_type
        if country is not UNSET:
            field_dict["country"] = country
        if featured is not UNSET:
            field_dict["featured"] = featured
        if params is not UNSET:
            field_dict["params"] = params
        if pricing is not UNSET:
            field_dict["pricing"] = pricing
        if region is not UNSET:
            field_dict["region"] = region
        if retired_at is not UNSET:
            field_dict["retired_at"] = retired_at
        if successor is not UNSET:
            field_dict["successor"] = successor

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.model_info_params import ModelInfoParams  # noqa: PLC0415
        from ..models.model_info_pricing import ModelInfoPricing  # noqa: PLC0415

        d = dict(src_dict)
        capabilities = cast(list[str], d.pop("capabilities"))

        context_window = d.pop("context_window")

        cost = d.pop("cost")

        description = d.pop("description")

        id = d.pop("id")

        model_id = d.pop("model_id")

        name = d.pop("name")

        provider = d.pop("provider")

        provider_display_name = d.pop("provider_display_name")

        quality = d.pop("quality")

        speed = d.pop("speed")

        type_ = d.pop("type")

        aliases = cast(list[str], d.pop("aliases", UNSET))

        api_type = d.pop("api_type", UNSET)

        country = d.pop("country", UNSET)

        featured = d.pop("featured", UNSET)

        _params = d.pop("params", UNSET)
        params: ModelInfoParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = ModelInfoParams.from_dict(_params)

        _pricing = d.pop("pricing", UNSET)
        pricing: ModelInfoPricing | Unset
        if isinstance(_pricing, Unset):
            pricing = UNSET
        else:
            pricing = ModelInfoPricing.from_dict(_pricing)

        region = d.pop("region", UNSET)

        _retired_at = d.pop("retired_at", UNSET)
        retired_at: datetime.datetime | Unset
        if isinstance(_retired_at, Unset):
            retired_at = UNSET
        else:
            retired_at = datetime.datetime.fromisoformat(_retired_at)

        successor = d.pop("successor", UNSET)

        model_info = cls(
            capabilities=capabilities,
            context_window=context_window,
            cost=cost,
            description=description,
            id=id,
            model_id=model_id,
            name=name,
            provider=provider,
            provider_display_name=provider_display_name,
            quality=quality,
            speed=speed,
            type_=type_,
            aliases=aliases,
            api_type=api_type,
            country=country,
            featured=featured,
            params=params,
            pricing=pricing,
            region=region,
            retired_at=retired_at,
            successor=successor,
        )

        model_info.additional_properties = d
        return model_info

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
