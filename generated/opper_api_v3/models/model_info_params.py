from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model_info_params_embedding import ModelInfoParamsEmbedding
    from ..models.model_info_params_image import ModelInfoParamsImage
    from ..models.model_info_params_image_edit import ModelInfoParamsImageEdit
    from ..models.model_info_params_realtime import ModelInfoParamsRealtime
    from ..models.model_info_params_reasoning import ModelInfoParamsReasoning
    from ..models.model_info_params_stt import ModelInfoParamsStt
    from ..models.model_info_params_temperature import ModelInfoParamsTemperature
    from ..models.model_info_params_tts import ModelInfoParamsTts
    from ..models.model_info_params_video import ModelInfoParamsVideo


T = TypeVar("T", bound="ModelInfoParams")


@_attrs_define
class ModelInfoParams:
    default_max_tokens: int
    embedding: ModelInfoParamsEmbedding | Unset = UNSET
    image: ModelInfoParamsImage | Unset = UNSET
    image_edit: ModelInfoParamsImageEdit | Unset = UNSET
    realtime: ModelInfoParamsRealtime | Unset = UNSET
    reasoning: ModelInfoParamsReasoning | Unset = UNSET
    stt: ModelInfoParamsStt | Unset = UNSET
    temperature: ModelInfoParamsTemperature | Unset = UNSET
    tts: ModelInfoParamsTts | Unset = UNSET
    video: ModelInfoParamsVideo | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        default_max_tokens = self.default_max_tokens

        embedding: dict[str, Any] | Unset = UNSET
        if not isinstance(self.embedding, Unset):
            embedding = self.embedding.to_dict()

        image: dict[str, Any] | Unset = UNSET
        if not isinstance(self.image, Unset):
            image = self.image.to_dict()

        image_edit: dict[str, Any] | Unset = UNSET
        if not isinstance(self.image_edit, Unset):
            image_edit = self.image_edit.to_dict()

        realtime: dict[str, Any] | Unset = UNSET
        if not isinstance(self.realtime, Unset):
            realtime = self.realtime.to_dict()

        reasoning: dict[str, Any] | Unset = UNSET
        if not isinstance(self.reasoning, Unset):
            reasoning = self.reasoning.to_dict()

        stt: dict[str, Any] | Unset = UNSET
        if not isinstance(self.stt, Unset):
            stt = self.stt.to_dict()

        temperature: dict[str, Any] | Unset = UNSET
        if not isinstance(self.temperature, Unset):
            temperature = self.temperature.to_dict()

        tts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tts, Unset):
            tts = self.tts.to_dict()

        video: dict[str, Any] | Unset = UNSET
        if not isinstance(self.video, Unset):
            video = self.video.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "default_max_tokens": default_max_tokens,
            }
        )
        if embedding is not UNSET:
            field_dict["embedding"] = embedding
        if image is not UNSET:
            field_dict["image"] = image
        if image_edit is not UNSET:
            field_dict["image_edit"] = image_edit
        if realtime is not UNSET:
            field_dict["realtime"] = realtime
        if reasoning is not UNSET:
            field_dict["reasoning"] = reasoning
        if stt is not UNSET:
            field_dict["stt"] = stt
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if tts is not UNSET:
            field_dict["tts"] = tts
        if video is not UNSET:
            field_dict["video"] = video

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.model_info_params_embedding import ModelInfoParamsEmbedding  # noqa: PLC0415
        from ..models.model_info_params_image import ModelInfoParamsImage  # noqa: PLC0415
        from ..models.model_info_params_image_edit import ModelInfoParamsImageEdit  # noqa: PLC0415
        from ..models.model_info_params_realtime import ModelInfoParamsRealtime  # noqa: PLC0415
        from ..models.model_info_params_reasoning import ModelInfoParamsReasoning  # noqa: PLC0415
        from ..models.model_info_params_stt import ModelInfoParamsStt  # noqa: PLC0415
        from ..models.model_info_params_temperature import ModelInfoParamsTemperature  # noqa: PLC0415
        from ..models.model_info_params_tts import ModelInfoParamsTts  # noqa: PLC0415
        from ..models.model_info_params_video import ModelInfoParamsVideo  # noqa: PLC0415

        d = dict(src_dict)
        default_max_tokens = d.pop("default_max_tokens")

        _embedding = d.pop("embedding", UNSET)
        embedding: ModelInfoParamsEmbedding | Unset
        if isinstance(_embedding, Unset):
            embedding = UNSET
        else:
            embedding = ModelInfoParamsEmbedding.from_dict(_embedding)

        _image = d.pop("image", UNSET)
        image: ModelInfoParamsImage | Unset
        if isinstance(_image, Unset):
            image = UNSET
        else:
            image = ModelInfoParamsImage.from_dict(_image)

        _image_edit = d.pop("image_edit", UNSET)
        image_edit: ModelInfoParamsImageEdit | Unset
        if isinstance(_image_edit, Unset):
            image_edit = UNSET
        else:
            image_edit = ModelInfoParamsImageEdit.from_dict(_image_edit)

        _realtime = d.pop("realtime", UNSET)
        realtime: ModelInfoParamsRealtime | Unset
        if isinstance(_realtime, Unset):
            realtime = UNSET
        else:
            realtime = ModelInfoParamsRealtime.from_dict(_realtime)

        _reasoning = d.pop("reasoning", UNSET)
        reasoning: ModelInfoParamsReasoning | Unset
        if isinstance(_reasoning, Unset):
            reasoning = UNSET
        else:
            reasoning = ModelInfoParamsReasoning.from_dict(_reasoning)

        _stt = d.pop("stt", UNSET)
        stt: ModelInfoParamsStt | Unset
        if isinstance(_stt, Unset):
            stt = UNSET
        else:
            stt = ModelInfoParamsStt.from_dict(_stt)

        _temperature = d.pop("temperature", UNSET)
        temperature: ModelInfoParamsTemperature | Unset
        if isinstance(_temperature, Unset):
            temperature = UNSET
        else:
            temperature = ModelInfoParamsTemperature.from_dict(_temperature)

        _tts = d.pop("tts", UNSET)
        tts: ModelInfoParamsTts | Unset
        if isinstance(_tts, Unset):
            tts = UNSET
        else:
            tts = ModelInfoParamsTts.from_dict(_tts)

        _video = d.pop("video", UNSET)
        video: ModelInfoParamsVideo | Unset
        if isinstance(_video, Unset):
            video = UNSET
        else:
            video = ModelInfoParamsVideo.from_dict(_video)

        model_info_params = cls(
            default_max_tokens=default_max_tokens,
            embedding=embedding,
            image=image,
            image_edit=image_edit,
            realtime=realtime,
            reasoning=reasoning,
            stt=stt,
            temperature=temperature,
            tts=tts,
            video=video,
        )

        model_info_params.additional_properties = d
        return model_info_params

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
