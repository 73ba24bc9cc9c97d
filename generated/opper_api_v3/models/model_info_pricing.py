from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model_info_pricing_image_prices import ModelInfoPricingImagePrices


T = TypeVar("T", bound="ModelInfoPricing")


@_attrs_define
class ModelInfoPricing:
    input_: list[float]
    output: list[float]
    cache_creation: list[float] | Unset = UNSET
    cache_creation_1h: list[float] | Unset = UNSET
    cached_input: list[float] | Unset = UNSET
    image_prices: ModelInfoPricingImagePrices | Unset = UNSET
    price_per_generation: float | Unset = UNSET
    price_per_m_chars: float | Unset = UNSET
    price_per_minute: float | Unset = UNSET
    price_per_page: float | Unset = UNSET
    price_per_second: float | Unset = UNSET
    reasoning: list[float] | Unset = UNSET
    thresholds: list[int] | Unset = UNSET
    web_search_price_per_request: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        input_ = self.input_

        output = self.output

        cache_creation: list[float] | Unset = UNSET
        if not isinstance(self.cache_creation, Unset):
            cache_creation = self.cache_creation

        cache_creation_1h: list[float] | Unset = UNSET
        if not isinstance(self.cache_creation_1h, Unset):
            cache_creation_1h = self.cache_creation_1h

        cached_input: list[float] | Unset = UNSET
        if not isinstance(self.cached_input, Unset):
            cached_input = self.cached_input

        image_prices: dict[str, Any] | Unset = UNSET
        if not isinstance(self.image_prices, Unset):
            image_prices = self.image_prices.to_dict()

        price_per_generation = self.price_per_generation

        price_per_m_chars = self.price_per_m_chars

        price_per_minute = self.price_per_minute

        price_per_page = self.price_per_page

        price_per_second = self.price_per_second

        reasoning: list[float] | Unset = UNSET
        if not isinstance(self.reasoning, Unset):
            reasoning = self.reasoning

        thresholds: list[int] | Unset = UNSET
        if not isinstance(self.thresholds, Unset):
            thresholds = self.thresholds

        web_search_price_per_request = self.web_search_price_per_request

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "input": input_,
                "output": output,
            }
        )
        if cache_creation is not UNSET:
            field_dict["cache_creation"] = cache_creation
        if cache_creation_1h is not UNSET:
            field_dict["cache_creation_1h"] = cache_creation_1h
        if cached_input is not UNSET:
            field_dict["cached_input"] = cached_input
        if image_prices is not UNSET:
            field_dict["image_prices"] = image_prices
        if price_per_generation is not UNSET:
            field_dict["price_per_generation"] = price_per_generation
        if price_per_m_chars is not UNSET:
            field_dict["price_per_m_chars"] = price_per_m_chars
        if price_per_minute is not UNSET:
            field_dict["price_per_minute"] = price_per_minute
        if price_per_page is not UNSET:
            field_dict["price_per_page"] = price_per_page
        if price_per_second is not UNSET:
            field_dict["price_per_second"] = price_per_second
        if reasoning is not UNSET:
            field_dict["reasoning"] = reasoning
        if thresholds is not UNSET:
            field_dict["thresholds"] = thresholds
        if web_search_price_per_request is not UNSET:
            field_dict["web_search_price_per_request"] = web_search_price_per_request

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.model_info_pricing_image_prices import ModelInfoPricingImagePrices  # noqa: PLC0415

        d = dict(src_dict)
        input_ = cast(list[float], d.pop("input"))

        output = cast(list[float], d.pop("output"))

        cache_creation = cast(list[float], d.pop("cache_creation", UNSET))

        cache_creation_1h = cast(list[float], d.pop("cache_creation_1h", UNSET))

        cached_input = cast(list[float], d.pop("cached_input", UNSET))

        _image_prices = d.pop("image_prices", UNSET)
        image_prices: ModelInfoPricingImagePrices | Unset
        if isinstance(_image_prices, Unset):
            image_prices = UNSET
        else:
            image_prices = ModelInfoPricingImagePrices.from_dict(_image_prices)

        price_per_generation = d.pop("price_per_generation", UNSET)

        price_per_m_chars = d.pop("price_per_m_chars", UNSET)

        price_per_minute = d.pop("price_per_minute", UNSET)

        price_per_page = d.pop("price_per_page", UNSET)

        price_per_second = d.pop("price_per_second", UNSET)

        reasoning = cast(list[float], d.pop("reasoning", UNSET))

        thresholds = cast(list[int], d.pop("thresholds", UNSET))

        web_search_price_per_request = d.pop("web_search_price_per_request", UNSET)

        model_info_pricing = cls(
            input_=input_,
            output=output,
            cache_creation=cache_creation,
            cache_creation_1h=cache_creation_1h,
            cached_input=cached_input,
            image_prices=image_prices,
            price_per_generation=price_per_generation,
            price_per_m_chars=price_per_m_chars,
            price_per_minute=price_per_minute,
            price_per_page=price_per_page,
            price_per_second=price_per_second,
            reasoning=reasoning,
            thresholds=thresholds,
            web_search_price_per_request=web_search_price_per_request,
        )

        model_info_pricing.additional_properties = d
        return model_info_pricing

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
