"""The project's demo, run with ``python -m demo`` from the repository root (not shipped)."""

__all__: list[str] = []
