from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.interactions_response_error import InteractionsResponseError
    from ..models.interactions_response_outputs_item import (
        InteractionsResponseOutputsItem,
    )
    from ..models.interactions_response_usage import InteractionsResponseUsage


T = TypeVar("T", bound="InteractionsResponse")


@_attrs_define
class InteractionsResponse:
    id: str
    outputs: list[InteractionsResponseOutputsItem]
    status: str
    agent: str | Unset = UNSET
    error: InteractionsResponseError | Unset = UNSET
    input_: Any | Unset = UNSET
    """ Any value """
    model: str | Unset = UNSET
    previous_interaction_id: str | Unset = UNSET
    usage: InteractionsResponseUsage | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        outputs = []
        for outputs_item_data in self.outputs:
            outputs_item = outputs_item_data.to_dict()
            outputs.append(outputs_item)

        status = self.status

        agent = self.agent

        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        input_ = self.input_

        model = self.model

        previous_interaction_id = self.previous_interaction_id

        usage: dict[str, Any] | Unset = UNSET
        if not isinstance(self.usage, Unset):
            usage = self.usage.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "outputs": outputs,
                "status": status,
            }
        )
        if agent is not UNSET:
            field_dict["agent"] = agent
        if error is not UNSET:
            field_dict["error"] = error
        if input_ is not UNSET:
            field_dict["input"] = input_
        if model is not UNSET:
            field_dict["model"] = model
        if previous_interaction_id is not UNSET:
            field_dict["previous_interaction_id"] = previous_interaction_id
        if usage is not UNSET:
            field_dict["usage"] = usage

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.interactions_response_error import InteractionsResponseError  # noqa: PLC0415
        from ..models.interactions_response_outputs_item import (
            InteractionsResponseOutputsItem,  # noqa: PLC0415
        )
        from ..models.interactions_response_usage import InteractionsResponseUsage  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        outputs = []
        _outputs = d.pop("outputs")
        for outputs_item_data in _outputs:
            outputs_item = InteractionsResponseOutputsItem.from_dict(outputs_item_data)

            outputs.append(outputs_item)

        status = d.pop("status")

        agent = d.pop("agent", UNSET)

        _error = d.pop("error", UNSET)
        error: InteractionsResponseError | Unset
        if isinstance(_error, Unset):
            error = UNSET
        else:
            error = InteractionsResponseError.from_dict(_error)

        input_ = d.pop("input", UNSET)

        model = d.pop("model", UNSET)

        previous_interaction_id = d.pop("previous_interaction_id", UNSET)

        _usage = d.pop("usage", UNSET)
        usage: InteractionsResponseUsage | Unset
        if isinstance(_usage, Unset):
            usage = UNSET
        else:
            usage = InteractionsResponseUsage.from_dict(_usage)

        interactions_response = cls(
            id=id,
            outputs=outputs,
            status=status,
            agent=agent,
            error=error,
            input_=input_,
            model=model,
            previous_interaction_id=previous_interaction_id,
            usage=usage,
        )

        interactions_response.additional_properties = d
        return interactions_response

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
