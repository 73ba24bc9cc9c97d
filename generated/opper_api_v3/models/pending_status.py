from enum import StrEnum


class PendingStatus(StrEnum):
    PENDING = "pending"

    def __str__(self) -> str:
        return str(self.value)
