from enum import StrEnum


class ChatCompletionsXOpperGuardAction(StrEnum):
    BLOCK = "block"
    FLAG = "flag"
    REDACT = "redact"

    def __str__(self) -> str:
        return str(self.value)
