"""The async clients' I/O; ``_sync`` is generated from it (``make generate``)."""

__all__: list[str] = []
