from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model_extra_headers import ModelExtraHeaders
    from ..models.model_options import ModelOptions


T = TypeVar("T", bound="Model")


@_attrs_define
class Model:
    """A model with provider options."""

    name: str
    """ Provider and model, e.g. `openai/gpt-4o-mini`. """
    options: ModelOptions | None | Unset = UNSET
    """ Passed to the model on invocation, e.g. `{"temperature": 0.5}`. """
    extra_headers: ModelExtraHeaders | None | Unset = UNSET
    """ Extra HTTP headers sent to the model's provider. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.model_extra_headers import ModelExtraHeaders  # noqa: PLC0415
        from ..models.model_options import ModelOptions  # noqa: PLC0415

        name = self.name

        options: dict[str, Any] | None | Unset
        if isinstance(self.options, Unset):
            options = UNSET
        elif isinstance(self.options, ModelOptions):
            options = self.options.to_dict()
        else:
            options = self.options

        extra_headers: dict[str, Any] | None | Unset
        if isinstance(self.extra_headers, Unset):
            extra_headers = UNSET
        elif isinstance(self.extra_headers, ModelExtraHeaders):
            extra_headers = self.extra_headers.to_dict()
        else:
            extra_headers = self.extra_headers

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if options is not UNSET:
            field_dict["options"] = options
        if extra_headers is not UNSET:
            field_dict["extra_headers"] = extra_headers

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.model_extra_headers import ModelExtraHeaders  # noqa: PLC0415
        from ..models.model_options import ModelOptions  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        def _parse_options(data: object) -> ModelOptions | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                options_type_0 = ModelOptions.from_dict(data)

                return options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ModelOptions | None | Unset, data)

        options = _parse_options(d.pop("options", UNSET))

        def _parse_extra_headers(data: object) -> ModelExtraHeaders | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                extra_headers_type_0 = ModelExtraHeaders.from_dict(data)

                return extra_headers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ModelExtraHeaders | None | Unset, data)

        extra_headers = _parse_extra_headers(d.pop("extra_headers", UNSET))

        model = cls(
            name=name,
            options=options,
            extra_headers=extra_headers,
        )

        model.additional_properties = d
        return model

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
