from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.chat_response_usage_completion_tokens_details import (
        ChatResponseUsageCompletionTokensDetails,
    )
    from ..models.chat_response_usage_prompt_tokens_details import (
        ChatResponseUsagePromptTokensDetails,
    )
    from ..models.chat_response_usage_server_tool_use import (
        ChatResponseUsageServerToolUse,
    )


T = TypeVar("T", bound="ChatResponseUsage")


@_attrs_define
class ChatResponseUsage:
    completion_tokens: int
    prompt_tokens: int
    total_tokens: int
    completion_tokens_details: ChatResponseUsageCompletionTokensDetails | Unset = UNSET
    prompt_tokens_details: ChatResponseUsagePromptTokensDetails | Unset = UNSET
    server_tool_use: ChatResponseUsageServerToolUse | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        completion_tokens = self.completion_tokens

        prompt_tokens = self.prompt_tokens

        total_tokens = self.total_tokens

        completion_tokens_details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.completion_tokens_details, Unset):
            completion_tokens_details = self.completion_tokens_details.to_dict()

        prompt_tokens_details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.prompt_tokens_details, Unset):
            prompt_tokens_details = self.prompt_tokens_details.to_dict()

        server_tool_use: dict[str, Any] | Unset = UNSET
        if not isinstance(self.server_tool_use, Unset):
            server_tool_use = self.server_tool_use.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "completion_tokens": completion_tokens,
                "prompt_tokens": prompt_tokens,
                "total_tokens": total_tokens,
            }
        )
        if completion_tokens_details is not UNSET:
            field_dict["completion_tokens_details"] = completion_tokens_details
        if prompt_tokens_details is not UNSET:
            field_dict["prompt_tokens_details"] = prompt_tokens_details
        if server_tool_use is not UNSET:
            field_dict["server_tool_use"] = server_tool_use

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.chat_response_usage_completion_tokens_details import (
            ChatResponseUsageCompletionTokensDetails,  # noqa: PLC0415
        )
        from ..models.chat_response_usage_prompt_tokens_details import (
            ChatResponseUsagePromptTokensDetails,  # noqa: PLC0415
        )
        from ..models.chat_response_usage_server_tool_use import (
            ChatResponseUsageServerToolUse,  # noqa: PLC0415
        )

        d = dict(src_dict)
        completion_tokens = d.pop("completion_tokens")

        prompt_tokens = d.pop("prompt_tokens")

        total_tokens = d.pop("total_tokens")

        _completion_tokens_details = d.pop("completion_tokens_details", UNSET)
        completion_tokens_details: ChatResponseUsageCompletionTokensDetails | Unset
        if isinstance(_completion_tokens_details, Unset):
            completion_tokens_details = UNSET
        else:
            completion_tokens_details = ChatResponseUsageCompletionTokensDetails.from_dict(_completion_tokens_details)

        _prompt_tokens_details = d.pop("prompt_tokens_details", UNSET)
        prompt_tokens_details: ChatResponseUsagePromptTokensDetails | Unset
        if isinstance(_prompt_tokens_details, Unset):
            prompt_tokens_details = UNSET
        else:
            prompt_tokens_details = ChatResponseUsagePromptTokensDetails.from_dict(_prompt_tokens_details)

        _server_tool_use = d.pop("server_tool_use", UNSET)
        server_tool_use: ChatResponseUsageServerToolUse | Unset
        if isinstance(_server_tool_use, Unset):
            server_tool_use = UNSET
        else:
            server_tool_use = ChatResponseUsageServerToolUse.from_dict(_server_tool_use)

        chat_response_usage = cls(
            completion_tokens=completion_tokens,
            prompt_tokens=prompt_tokens,
            total_tokens=total_tokens,
            completion_tokens_details=completion_tokens_details,
            prompt_tokens_details=prompt_tokens_details,
            server_tool_use=server_tool_use,
        )

        chat_response_usage.additional_properties = d
        return chat_response_usage

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
