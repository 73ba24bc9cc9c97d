from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelInfoParamsVideo")


@_attrs_define
class ModelInfoParamsVideo:
    aspect_ratios: list[str] | Unset = UNSET
    max_duration: int | Unset = UNSET
    max_fps: int | Unset = UNSET
    max_frames: int | Unset = UNSET
    resolutions: list[str] | Unset = UNSET
    speed_modes: list[str] | Unset = UNSET
    supports_seed: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        aspect_ratios: list[str] | Unset = UNSET
        if not isinstance(self.aspect_ratios, Unset):
            aspect_ratios = self.aspect_ratios

        max_duration = self.max_duration

        max_fps = self.max_fps

        max_frames = self.max_frames

        resolutions: list[str] | Unset = UNSET
        if not isinstance(self.resolutions, Unset):
            resolutions = self.resolutions

        speed_modes: list[str] | Unset = UNSET
        if not isinstance(self.speed_modes, Unset):
            speed_modes = self.speed_modes

        supports_seed = self.supports_seed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if aspect_ratios is not UNSET:
            field_dict["aspect_ratios"] = aspect_ratios
        if max_duration is not UNSET:
            field_dict["max_duration"] = max_duration
        if max_fps is not UNSET:
            field_dict["max_fps"] = max_fps
        if max_frames is not UNSET:
            field_dict["max_frames"] = max_frames
        if resolutions is not UNSET:
            field_dict["resolutions"] = resolutions
        if speed_modes is not UNSET:
            field_dict["speed_modes"] = speed_modes
        if supports_seed is not UNSET:
            field_dict["supports_seed"] = supports_seed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        aspect_ratios = cast(list[str], d.pop("aspect_ratios", UNSET))

        max_duration = d.pop("max_duration", UNSET)

        max_fps = d.pop("max_fps", UNSET)

        max_frames = d.pop("max_frames", UNSET)

        resolutions = cast(list[str], d.pop("resolutions", UNSET))

        speed_modes = cast(list[str], d.pop("speed_modes", UNSET))

        supports_seed = d.pop("supports_seed", UNSET)

        model_info_params_video = cls(
            aspect_ratios=aspect_ratios,
            max_duration=max_duration,
            max_fps=max_fps,
            max_frames=max_frames,
            resolutions=resolutions,
            speed_modes=speed_modes,
            supports_seed=supports_seed,
        )

        model_info_params_video.additional_properties = d
        return model_info_params_video

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
