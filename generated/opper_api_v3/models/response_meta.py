from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.guard_info import GuardInfo
    from ..models.pending_operation import PendingOperation
    from ..models.usage_info import UsageInfo


T = TypeVar("T", bound="ResponseMeta")


@_attrs_define
class ResponseMeta:
    execution_ms: int
    function_name: str
    image_gen_calls: int
    llm_calls: int
    script_cached: bool
    tts_calls: int
    cost: float | Unset = UNSET
    generation_ms: int | Unset = UNSET
    guards: list[GuardInfo] | Unset = UNSET
    message: str | Unset = UNSET
    model_warnings: list[str] | Unset = UNSET
    models_used: list[str] | Unset = UNSET
    pending_operations: list[PendingOperation] | Unset = UNSET
    status: str | Unset = UNSET
    trace_uuid: str | Unset = UNSET
    usage: UsageInfo | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        execution_ms = self.execution_ms

        function_name = self.function_name

        image_gen_calls = self.image_gen_calls

        llm_calls = self.llm_calls

        script_cached = self.script_cached

        tts_calls = self.tts_calls

        cost = self.cost

        generation_ms = self.generation_ms

        guards: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.guards, Unset):
            guards = []
            for guards_item_data in self.guards:
                guards_item = guards_item_data.to_dict()
                guards.append(guards_item)

        message = self.message

        model_warnings: list[str] | Unset = UNSET
        if not isinstance(self.model_warnings, Unset):
            model_warnings = self.model_warnings

        models_used: list[str] | Unset = UNSET
        if not isinstance(self.models_used, Unset):
            models_used = self.models_used

        pending_operations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.pending_operations, Unset):
            pending_operations = []
            for pending_operations_item_data in self.pending_operations:
                pending_operations_item = pending_operations_item_data.to_dict()
                pending_operations.append(pending_operations_item)

        status = self.status

        trace_uuid = self.trace_uuid

        usage: dict[str, Any] | Unset = UNSET
        if not isinstance(self.usage, Unset):
            usage = self.usage.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "execution_ms": execution_ms,
                "function_name": function_name,
                "image_gen_calls": image_gen_calls,
                "llm_calls": llm_calls,
                "script_cached": script_cached,
                "tts_calls": tts_calls,
            }
        )
        if cost is not UNSET:
            field_dict["cost"] = cost
        if generation_ms is not UNSET:
            field_dict["generation_ms"] = generation_ms
        if guards is not UNSET:
            field_dict["guards"] = guards
        if message is not UNSET:
            field_dict["message"] = message
        if model_warnings is not UNSET:
            field_dict["model_warnings"] = model_warnings
        if models_used is not UNSET:
            field_dict["models_used"] = models_used
        if pending_operations is not UNSET:
            field_dict["pending_operations"] = pending_operations
        if status is not UNSET:
            field_dict["status"] = status
        if trace_uuid is not UNSET:
            field_dict["trace_uuid"] = trace_uuid
        if usage is not UNSET:
            field_dict["usage"] = usage

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.guard_info import GuardInfo  # noqa: PLC0415
        from ..models.pending_operation import PendingOperation  # noqa: PLC0415
        from ..models.usage_info import UsageInfo  # noqa: PLC0415

        d = dict(src_dict)
        execution_ms = d.pop("execution_ms")

        function_name = d.pop("function_name")

        image_gen_calls = d.pop("image_gen_calls")

        llm_calls = d.pop("llm_calls")

        script_cached = d.pop("script_cached")

        tts_calls = d.pop("tts_calls")

        cost = d.pop("cost", UNSET)

        generation_ms = d.pop("generation_ms", UNSET)

        _guards = d.pop("guards", UNSET)
        guards: list[GuardInfo] | Unset = UNSET
        if _guards is not UNSET:
            guards = []
            for guards_item_data in _guards:
                guards_item = GuardInfo.from_dict(guards_item_data)

                guards.append(guards_item)

        message = d.pop("message", UNSET)

        model_warnings = cast(list[str], d.pop("model_warnings", UNSET))

        models_used = cast(list[str], d.pop("models_used", UNSET))

        _pending_operations = d.pop("pending_operations", UNSET)
        pending_operations: list[PendingOperation] | Unset = UNSET
        if _pending_operations is not UNSET:
            pending_operations = []
            for pending_operations_item_data in _pending_operations:
                pending_operations_item = PendingOperation.from_dict(pending_operations_item_data)

                pending_operations.append(pending_operations_item)

        status = d.pop("status", UNSET)

        trace_uuid = d.pop("trace_uuid", UNSET)

        _usage = d.pop("usage", UNSET)
        usage: UsageInfo | Unset
        if isinstance(_usage, Unset):
            usage = UNSET
        else:
            usage = UsageInfo.from_dict(_usage)

        response_meta = cls(
            execution_ms=execution_ms,
            function_name=function_name,
            image_gen_calls=image_gen_calls,
            llm_calls=llm_calls,
            script_cached=script_cached,
            tts_calls=tts_calls,
            cost=cost,
            generation_ms=generation_ms,
            guards=guards,
            message=message,
            model_warnings=model_warnings,
            models_used=models_used,
            pending_operations=pending_operations,
            status=status,
            trace_uuid=trace_uuid,
            usage=usage,
        )

        response_meta.additional_properties = d
        return response_meta

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
