from enum import StrEnum


class CreateEmbeddingsXOpperGuardAction(StrEnum):
    BLOCK = "block"
    FLAG = "flag"
    REDACT = "redact"

    def __str__(self) -> str:
        return str(self.value)
