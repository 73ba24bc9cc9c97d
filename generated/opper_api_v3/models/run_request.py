from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.run_model_config import RunModelConfig
    from ..models.run_model_list_item import RunModelListItem
    from ..models.run_request_guard import RunRequestGuard
    from ..models.run_request_input_schema import RunRequestInputSchema
    from ..models.run_request_output_schema import RunRequestOutputSchema
    from ..models.run_request_route import RunRequestRoute
    from ..models.tool import Tool


T = TypeVar("T", bound="RunRequest")


@_attrs_define
class RunRequest:
    input_: Any
    """ Any value """
    guard: RunRequestGuard | Unset = UNSET
    input_schema: RunRequestInputSchema | Unset = UNSET
    """ JSON Schema for the input. Optional; defaults to string when omitted. """
    instructions: str | Unset = UNSET
    model: list[RunModelListItem | str] | RunModelConfig | str | Unset = UNSET
    name: str | Unset = UNSET
    output_schema: RunRequestOutputSchema | Unset = UNSET
    """ JSON Schema for the output. Optional; defaults to string when omitted. """
    parent_span_id: str | Unset = UNSET
    route: RunRequestRoute | Unset = UNSET
    stream: bool | Unset = UNSET
    tools: list[Tool] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.run_model_config import RunModelConfig  # noqa: PLC0415
        from ..models.run_model_list_item import RunModelListItem  # noqa: PLC0415

        input_ = self.input_

        guard: dict[str, Any] | Unset = UNSET
        if not isinstance(self.guard, Unset):
            guard = self.guard.to_dict()

        input_schema: dict[str, Any] | Unset = UNSET
        if not isinstance(self.input_schema, Unset):
            input_schema = self.input_schema.to_dict()

        instructions = self.instructions

        model: dict[str, Any] | list[dict[str, Any] | str] | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        elif isinstance(self.model, RunModelConfig):
            model = self.model.to_dict()
        elif isinstance(self.model, list):
            model = []
            for model_type_2_item_data in self.model:
                model_type_2_item: dict[str, Any] | str
                if isinstance(model_type_2_item_data, RunModelListItem):
                    model_type_2_item = model_type_2_item_data.to_dict()
                else:
                    model_type_2_item = model_type_2_item_data
                model.append(model_type_2_item)

        else:
            model = self.model

        name = self.name

        output_schema: dict[str, Any] | Unset = UNSET
        if not isinstance(self.output_schema, Unset):
            output_schema = self.output_schema.to_dict()

        parent_span_id = self.parent_span_id

        route: dict[str, Any] | Unset = UNSET
        if not isinstance(self.route, Unset):
            route = self.route.to_dict()

        stream = self.stream

        tools: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tools, Unset):
            tools = []
            for tools_item_data in self.tools:
                tools_item = tools_item_data.to_dict()
                tools.append(tools_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "input": input_,
            }
        )
        if guard is not UNSET:
            field_dict["guard"] = guard
        if input_schema is not UNSET:
            field_dict["input_schema"] = input_schema
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if model is not UNSET:
            field_dict["model"] = model
        if name is not UNSET:
            field_dict["name"] = name
        if output_schema is not UNSET:
            field_dict["output_schema"] = output_schema
        if parent_span_id is not UNSET:
            field_dict["parent_span_id"] = parent_span_id
        if route is not UNSET:
            field_dict["route"] = route
        if stream is not UNSET:
            field_dict["stream"] = stream
        if tools is not UNSET:
            field_dict["tools"] = tools

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_model_config import RunModelConfig  # noqa: PLC0415
        from ..models.run_model_list_item import RunModelListItem  # noqa: PLC0415
        from ..models.run_request_guard import RunRequestGuard  # noqa: PLC0415
        from ..models.run_request_input_schema import RunRequestInputSchema  # noqa: PLC0415
        from ..models.run_request_output_schema import RunRequestOutputSchema  # noqa: PLC0415
        from ..models.run_request_route import RunRequestRoute  # noqa: PLC0415
        from ..models.tool import Tool  # noqa: PLC0415

        d = dict(src_dict)
        input_ = d.pop("input")

        _guard = d.pop("guard", UNSET)
        guard: RunRequestGuard | Unset
        if isinstance(_guard, Unset):
            guard = UNSET
        else:
            guard = RunRequestGuard.from_dict(_guard)

        _input_schema = d.pop("input_schema", UNSET)
        input_schema: RunRequestInputSchema | Unset
        if isinstance(_input_schema, Unset):
            input_schema = UNSET
        else:
            input_schema = RunRequestInputSchema.from_dict(_input_schema)

        instructions = d.pop("instructions", UNSET)

        def _parse_model(data: object) -> list[RunModelListItem | str] | RunModelConfig | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                model_type_1 = RunModelConfig.from_dict(data)

                return model_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, list):
                    raise TypeError()
                model_type_2 = []
                _model_type_2 = data
                for model_type_2_item_data in _model_type_2:

                    def _parse_model_type_2_item(data: object) -> RunModelListItem | str:
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            model_type_2_item_type_1 = RunModelListItem.from_dict(data)

                            return model_type_2_item_type_1
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        return cast(RunModelListItem | str, data)

                    model_type_2_item = _parse_model_type_2_item(model_type_2_item_data)

                    model_type_2.append(model_type_2_item)

                return model_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[RunModelListItem | str] | RunModelConfig | str | Unset, data)

        model = _parse_model(d.pop("model", UNSET))

        name = d.pop("name", UNSET)

        _output_schema = d.pop("output_schema", UNSET)
        output_schema: RunRequestOutputSchema | Unset
        if isinstance(_output_schema, Unset):
            output_schema = UNSET
        else:
            output_schema = RunRequestOutputSchema.from_dict(_output_schema)

        parent_span_id = d.pop("parent_span_id", UNSET)

        _route = d.pop("route", UNSET)
        route: RunRequestRoute | Unset
        if isinstance(_route, Unset):
            route = UNSET
        else:
            route = RunRequestRoute.from_dict(_route)

        stream = d.pop("stream", UNSET)

        _tools = d.pop("tools", UNSET)
        tools: list[Tool] | Unset = UNSET
        if _tools is not UNSET:
            tools = []
            for tools_item_data in _tools:
                tools_item = Tool.from_dict(tools_item_data)

                tools.append(tools_item)

        run_request = cls(
            input_=input_,
            guard=guard,
            input_schema=input_schema,
            instructions=instructions,
            model=model,
            name=name,
            output_schema=output_schema,
            parent_span_id=parent_span_id,
            route=route,
            stream=stream,
            tools=tools,
        )

        run_request.additional_properties = d
        return run_request

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
