"""Apply an OpenAPI Overlay 1.0 document to a spec, strictly, and write the result as JSON.

    python scripts/openapi_overlay.py SPEC OVERLAY OUTPUT.json

The actions are applied by oas-patch (pinned in the dev extra), one at a time, with the checks that
oas-patch 0.6.0 leaves out, each a one-line error and exit status 1 instead of a silent no-op:

- the overlay must be valid against Overlay 1.0's JSON schema (oas-patch's own copy of it);
- every action's target must match something when its turn comes (a refreshed spec may have
  moved it);
- ``remove`` may only be ``true`` (oas-patch removes on the key alone, so ``remove: false`` would
  remove);
- a ``remove`` action with ``x-identical-to: '#/components/...'`` may only remove nodes equal to
  that component, so replacing an inline copy by a ``$ref`` to what it copies never changes the
  spec's meaning.

The spec is read as the generator reads it (ruamel.yaml, YAML 1.2; oas-patch's loader is PyYAML,
YAML 1.1, which reads ``on``/``yes``/dates otherwise), and the result is written as JSON, so nothing
changes on the way but what the overlay says.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

from jsonpath_ng.ext import parse
from jsonschema import Draft202012Validator
from oas_patch.file_utils import load_file
from oas_patch.overlay import apply_overlay
from oas_patch.validator import load_schema
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

__all__ = ["OverlayError", "apply", "main"]


class OverlayError(Exception):
    """The overlay is invalid or no longer fits the spec."""


def _resolve(document: dict[str, Any], ref: str) -> Any:
    if not ref.startswith("#/"):
        raise OverlayError(f"x-identical-to must be a local reference, not {ref!r}")
    node: Any = document
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or part not in node:
            raise OverlayError(f"x-identical-to {ref} does not exist in the spec")
        node = node[part]
    return node


def apply(spec: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    """The spec with the overlay's actions applied in order (the input is left as it was)."""
    if not isinstance(overlay, dict) or not str(overlay.get("overlay", "")).startswith("1.0."):
        raise OverlayError("not an Overlay 1.0 document (`overlay: 1.0.x`)")
    errors = list(
        Draft202012Validator(load_schema("overlay_schema_1.0.0.yml")).iter_errors(overlay)
    )
    if errors:
        where = " -> ".join(map(str, errors[0].absolute_path)) or "top level"
        raise OverlayError(f"invalid Overlay 1.0 document at {where}: {errors[0].message}")
    document = copy.deepcopy(spec)
    for number, action in enumerate(overlay["actions"], start=1):
        target = action["target"]
        label = f"action {number} ({target})"
        if "remove" in action and action["remove"] is not True:
            raise OverlayError(f"{label}: write `remove: true` or leave `remove` out")
        if "copy" in action:
            raise OverlayError(f"{label}: `copy` is Overlay 1.1, not 1.0")
        matches = parse(target).find(document)
        if not matches:
            raise OverlayError(f"{label} matches nothing in the spec: review the overlay")
        identical_to = action.get("x-identical-to")
        if identical_to is not None:
            if not action.get("remove"):
                raise OverlayError(f"{label}: x-identical-to belongs on a remove action")
            component = _resolve(document, identical_to)
            for match in matches:
                if match.value != component:
                    raise OverlayError(
                        f"{label}: the node it removes is no longer identical to {identical_to}"
                    )
        document = apply_overlay(document, {"actions": [action]})
    return document


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    spec_path, overlay_path, output = argv
    try:
        spec = YAML(typ="safe").load(Path(spec_path))
        overlay = load_file(overlay_path)
        result = apply(spec, overlay)
    except (OSError, ValueError, YAMLError, OverlayError) as exc:
        print(f"{overlay_path} on {spec_path}: {exc}", file=sys.stderr)
        return 1
    Path(output).write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
