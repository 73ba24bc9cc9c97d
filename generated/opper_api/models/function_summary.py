from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model import Model
    from ..models.model_choice_type_2 import ModelChoiceType2
    from ..models.model_choice_type_3_item_type_2 import ModelChoiceType3ItemType2


T = TypeVar("T", bound="FunctionSummary")


@_attrs_define
class FunctionSummary:
    """A function as listed."""

    id: str
    name: str
    revision_id: str
    description: None | str | Unset = UNSET
    instructions: None | str | Unset = UNSET
    model: list[Model | ModelChoiceType3ItemType2 | str] | Model | ModelChoiceType2 | None | str | Unset = UNSET
    """ A model name such as `openai/gpt-4o-mini`, a `Model` with options, any other object the server accepts, or a
    list of these: a fallback chain tried in order. Omitted or null: the server's default. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.model import Model  # noqa: PLC0415
        from ..models.model_choice_type_2 import ModelChoiceType2  # noqa: PLC0415
        from ..models.model_choice_type_3_item_type_2 import ModelChoiceType3ItemType2  # noqa: PLC0415

        id = self.id

        name = self.name

        revision_id = self.revision_id

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        instructions: None | str | Unset
        if isinstance(self.instructions, Unset):
            instructions = UNSET
        else:
            instructions = self.instructions

        model: dict[str, Any] | list[dict[str, Any] | str] | None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        elif isinstance(self.model, Model):
            model = self.model.to_dict()
        elif isinstance(self.model, ModelChoiceType2):
            model = self.model.to_dict()
        elif isinstance(self.model, list):
            model = []
            for componentsschemas_model_choice_type_3_item_data in self.model:
                componentsschemas_model_choice_type_3_item: dict[str, Any] | str
                if isinstance(componentsschemas_model_choice_type_3_item_data, Model):
                    componentsschemas_model_choice_type_3_item = (
                        componentsschemas_model_choice_type_3_item_data.to_dict()
                    )
                elif isinstance(componentsschemas_model_choice_type_3_item_data, ModelChoiceType3ItemType2):
                    componentsschemas_model_choice_type_3_item = (
                        componentsschemas_model_choice_type_3_item_data.to_dict()
                    )
                else:
                    componentsschemas_model_choice_type_3_item = componentsschemas_model_choice_type_3_item_data
                model.append(componentsschemas_model_choice_type_3_item)

        else:
            model = self.model

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "revision_id": revision_id,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if model is not UNSET:
            field_dict["model"] = model

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.model import Model  # noqa: PLC0415
        from ..models.model_choice_type_2 import ModelChoiceType2  # noqa: PLC0415
        from ..models.model_choice_type_3_item_type_2 import ModelChoiceType3ItemType2  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        revision_id = d.pop("revision_id")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_instructions(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instructions = _parse_instructions(d.pop("instructions", UNSET))

        def _parse_model(
            data: object,
        ) -> list[Model | ModelChoiceType3ItemType2 | str] | Model | ModelChoiceType2 | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_model_choice_type_1 = Model.from_dict(data)

                return componentsschemas_model_choice_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_model_choice_type_2 = ModelChoiceType2.from_dict(data)

                return componentsschemas_model_choice_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, list):
                    raise TypeError()
                componentsschemas_model_choice_type_3 = []
                _componentsschemas_model_choice_type_3 = data
                for componentsschemas_model_choice_type_3_item_data in _componentsschemas_model_choice_type_3:

                    def _parse_componentsschemas_model_choice_type_3_item(
                        data: object,
                    ) -> Model | ModelChoiceType3ItemType2 | str:
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_model_choice_type_3_item_type_1 = Model.from_dict(data)

                            return componentsschemas_model_choice_type_3_item_type_1
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_model_choice_type_3_item_type_2 = ModelChoiceType3ItemType2.from_dict(
                                data
                            )

                            return componentsschemas_model_choice_type_3_item_type_2
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        return cast(Model | ModelChoiceType3ItemType2 | str, data)

                    componentsschemas_model_choice_type_3_item = _parse_componentsschemas_model_choice_type_3_item(
                        componentsschemas_model_choice_type_3_item_data
                    )

                    componentsschemas_model_choice_type_3.append(componentsschemas_model_choice_type_3_item)

                return componentsschemas_model_choice_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                list[Model | ModelChoiceType3ItemType2 | str] | Model | ModelChoiceType2 | None | str | Unset, data
            )

        model = _parse_model(d.pop("model", UNSET))

        function_summary = cls(
            id=id,
            name=name,
            revision_id=revision_id,
            description=description,
            instructions=instructions,
            model=model,
        )

        function_summary.additional_properties = d
        return function_summary

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
