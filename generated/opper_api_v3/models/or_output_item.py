from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.or_output_item_content_item import OROutputItemContentItem
    from ..models.or_output_item_summary_item import OROutputItemSummaryItem


T = TypeVar("T", bound="OROutputItem")


@_attrs_define
class OROutputItem:
    type_: str
    action: str | Unset = UNSET
    arguments: str | Unset = UNSET
    cache_creation_tokens: int | Unset = UNSET
    cache_read_tokens: int | Unset = UNSET
    call_id: str | Unset = UNSET
    content: list[OROutputItemContentItem] | Unset = UNSET
    cost_usd: float | Unset = UNSET
    encrypted_content: str | Unset = UNSET
    execution_ms: int | Unset = UNSET
    findings: list[Any] | Unset = UNSET
    flagged: bool | Unset = UNSET
    guard_type: str | Unset = UNSET
    id: str | Unset = UNSET
    model_warnings: list[str] | Unset = UNSET
    models_used: list[str] | Unset = UNSET
    name: str | Unset = UNSET
    role: str | Unset = UNSET
    status: str | Unset = UNSET
    summary: list[OROutputItemSummaryItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        action = self.action

        arguments = self.arguments

        cache_creation_tokens = self.cache_creation_tokens

        cache_read_tokens = self.cache_read_tokens

        call_id = self.call_id

        content: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.content, Unset):
            content = []
            for content_item_data in self.content:
                content_item = content_item_data.to_dict()
                content.append(content_item)

        cost_usd = self.cost_usd

        encrypted_content = self.encrypted_content

        execution_ms = self.execution_ms

        findings: list[Any] | Unset = UNSET
        if not isinstance(self.findings, Unset):
            findings = self.findings

        flagged = self.flagged

        guard_type = self.guard_type

        id = self.id

        model_warnings: list[str] | Unset = UNSET
        if not isinstance(self.model_warnings, Unset):
            model_warnings = self.model_warnings

        models_used: list[str] | Unset = UNSET
        if not isinstance(self.models_used, Unset):
            models_used = self.models_used

        name = self.name

        role = self.role

        status = self.status

        summary: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.summary, Unset):
            summary = []
            for summary_item_data in self.summary:
                summary_item = summary_item_data.to_dict()
                summary.append(summary_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if action is not UNSET:
            field_dict["action"] = action
        if arguments is not UNSET:
            field_dict["arguments"] = arguments
        if cache_creation_tokens is not UNSET:
            field_dict["cache_creation_tokens"] = cache_creation_tokens
        if cache_read_tokens is not UNSET:
            field_dict["cache_read_tokens"] = cache_read_tokens
        if call_id is not UNSET:
            field_dict["call_id"] = call_id
        if content is not UNSET:
            field_dict["content"] = content
        if cost_usd is not UNSET:
            field_dict["cost_usd"] = cost_usd
        if encrypted_content is not UNSET:
            field_dict["encrypted_content"] = encrypted_content
        if execution_ms is not UNSET:
            field_dict["execution_ms"] = execution_ms
        if findings is not UNSET:
            field_dict["findings"] = findings
        if flagged is not UNSET:
            field_dict["flagged"] = flagged
        if guard_type is not UNSET:
            field_dict["guard_type"] = guard_type
        if id is not UNSET:
            field_dict["id"] = id
        if model_warnings is not UNSET:
            field_dict["model_warnings"] = model_warnings
        if models_used is not UNSET:
            field_dict["models_used"] = models_used
        if name is not UNSET:
            field_dict["name"] = name
        if role is not UNSET:
            field_dict["role"] = role
        if status is not UNSET:
            field_dict["status"] = status
        if summary is not UNSET:
            field_dict["summary"] = summary

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.or_output_item_content_item import OROutputItemContentItem  # noqa: PLC0415
        from ..models.or_output_item_summary_item import OROutputItemSummaryItem  # noqa: PLC0415

        d = dict(src_dict)
        type_ = d.pop("type")

        action = d.pop("action", UNSET)

        arguments = d.pop("arguments", UNSET)

        cache_creation_tokens = d.pop("cache_creation_tokens", UNSET)

        cache_read_tokens = d.pop("cache_read_tokens", UNSET)

        call_id = d.pop("call_id", UNSET)

        _content = d.pop("content", UNSET)
        content: list[OROutputItemContentItem] | Unset = UNSET
        if _content is not UNSET:
            content = []
            for content_item_data in _content:
                content_item = OROutputItemContentItem.from_dict(content_item_data)

                content.append(content_item)

        cost_usd = d.pop("cost_usd", UNSET)

        encrypted_content = d.pop("encrypted_content", UNSET)

        execution_ms = d.pop("execution_ms", UNSET)

        findings = cast(list[Any], d.pop("findings", UNSET))

        flagged = d.pop("flagged", UNSET)

        guard_type = d.pop("guard_type", UNSET)

        id = d.pop("id", UNSET)

        model_warnings = cast(list[str], d.pop("model_warnings", UNSET))

        models_used = cast(list[str], d.pop("models_used", UNSET))

        name = d.pop("name", UNSET)

        role = d.pop("role", UNSET)

        status = d.pop("status", UNSET)

        _summary = d.pop("summary", UNSET)
        summary: list[OROutputItemSummaryItem] | Unset = UNSET
        if _summary is not UNSET:
            summary = []
            for summary_item_data in _summary:
                summary_item = OROutputItemSummaryItem.from_dict(summary_item_data)

                summary.append(summary_item)

        or_output_item = cls(
            type_=type_,
            action=action,
            arguments=arguments,
            cache_creation_tokens=cache_creation_tokens,
            cache_read_tokens=cache_read_tokens,
            call_id=call_id,
            content=content,
            cost_usd=cost_usd,
            encrypted_content=encrypted_content,
            execution_ms=execution_ms,
            findings=findings,
            flagged=flagged,
            guard_type=guard_type,
            id=id,
            model_warnings=model_warnings,
            models_used=models_used,
            name=name,
            role=role,
            status=status,
            summary=summary,
        )

        or_output_item.additional_properties = d
        return or_output_item

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
