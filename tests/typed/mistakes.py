"""The twin of ``usage.py`` with three mistakes mypy must name: a misspelt method, a wrong
argument type, an attribute the result does not have."""

from opper_tracing import Opper


def run(opper: Opper) -> None:
    opper.spans.gett("3c90c3cc-0d44-4b50-8888-8dd25736052a")
    opper.models.list(limit="ten")
    span = opper.spans.get("3c90c3cc-0d44-4b50-8888-8dd25736052a")
    print(span.no_such_attribute)
