"""opper-tracing: a traced client for the Opper v2 task-call API."""

__all__ = ["__version__"]

__version__ = "0.1.0"
