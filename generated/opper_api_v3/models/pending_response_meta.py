from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.pending_status import PendingStatus

if TYPE_CHECKING:
    from ..models.pending_operation import PendingOperation


T = TypeVar("T", bound="PendingResponseMeta")


@_attrs_define
class PendingResponseMeta:
    execution_ms: int
    function_name: str
    pending_operations: list[PendingOperation]
    status: PendingStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        execution_ms = self.execution_ms

        function_name = self.function_name

        pending_operations = []
        for pending_operations_item_data in self.pending_operations:
            pending_operations_item = pending_operations_item_data.to_dict()
            pending_operations.append(pending_operations_item)

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "execution_ms": execution_ms,
                "function_name": function_name,
                "pending_operations": pending_operations,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pending_operation import PendingOperation  # noqa: PLC0415

        d = dict(src_dict)
        execution_ms = d.pop("execution_ms")

        function_name = d.pop("function_name")

        pending_operations = []
        _pending_operations = d.pop("pending_operations")
        for pending_operations_item_data in _pending_operations:
            pending_operations_item = PendingOperation.from_dict(pending_operations_item_data)

            pending_operations.append(pending_operations_item)

        status = PendingStatus(d.pop("status"))

        pending_response_meta = cls(
            execution_ms=execution_ms,
            function_name=function_name,
            pending_operations=pending_operations,
            status=status,
        )

        pending_response_meta.additional_properties = d
        return pending_response_meta

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
