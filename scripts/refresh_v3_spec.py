"""``make refresh-v3-spec``: compare the v3 spec the server publishes with the vendored copy.

    python scripts/refresh_v3_spec.py [--url URL] [--spec openapi-v3.yaml] [--write]

Fetches the published spec (no auth), and when it differs from the vendored one prints the diff,
the operations and schemas added, removed or changed, whether openapi-v3.overlay.yaml still applies,
and whether ``make generate`` still passes on it (run into a temp dir: generated/ is untouched) with
how many files of generated/opper_api_v3 would change. Only ``--write`` (``make refresh-v3-spec
WRITE=1``) changes the working tree: it replaces the vendored spec and rewrites
openapi-v3.provenance.yaml; regenerate and review after it. A spec that cannot be fetched is one
line on stderr and exit status 1.
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import hashlib
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
PROVENANCE = "openapi-v3.provenance.yaml"
OPERATIONS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def _fetch(url: str, timeout: float) -> bytes:
    request = urllib.request.Request(url, headers={"Accept": "application/yaml, */*"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        body: bytes = response.read()
        return body


def _load(text: bytes) -> dict[str, Any]:
    document = YAML(typ="safe").load(text)
    if not isinstance(document, dict) or "openapi" not in document or "paths" not in document:
        raise ValueError("it is not an OpenAPI document")
    return document


def _operations(spec: dict[str, Any]) -> set[str]:
    return {
        f"{method.upper()} {path}"
        for path, item in (spec.get("paths") or {}).items()
        for method in item or {}
        if method in OPERATIONS
    }


def _schemas(spec: dict[str, Any]) -> dict[str, Any]:
    return dict((spec.get("components") or {}).get("schemas") or {})


def _summary(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    lines = []
    for label, before, after in (
        ("operations", _operations(old), _operations(new)),
        ("schemas", set(_schemas(old)), set(_schemas(new))),
    ):
        for sign, names in (("+", sorted(after - before)), ("-", sorted(before - after))):
            lines += [f"  {sign} {label[:-1]} {name}" for name in names]
    old_schemas, new_schemas = _schemas(old), _schemas(new)
    changed = sorted(
        name
        for name in set(old_schemas) & set(new_schemas)
        if old_schemas[name] != new_schemas[name]
    )
    lines += [f"  ~ schema {name}" for name in changed]
    return lines


def _generate(spec: Path, into: Path) -> subprocess.CompletedProcess[str]:
    """``make generate`` with the fetched spec, into a temp dir (the same steps as generated/'s)."""
    return subprocess.run(
        ["make", "-s", "--no-print-directory", "generate", f"SPEC_V3={spec}", f"GENERATED={into}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _provenance(url: str, digest: str) -> str:
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    return (
        "# Where openapi-v3.yaml (Opper's v3 spec, vendored byte for byte) comes from. Written by\n"
        "# `make refresh-v3-spec WRITE=1`; tests/test_codegen.py checks that `sha256` is the\n"
        "# spec's.\n"
        "# Never edit openapi-v3.yaml by hand: what makes it generate cleanly is in\n"
        "# openapi-v3.overlay.yaml.\n"
        f"sha256: {digest}\n"
        f"published_at: {url}\n"
        f"fetched: {today}  # from the server, by make refresh-v3-spec\n"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--url", default="https://api.opper.ai/v3/openapi.yaml")
    parser.add_argument("--spec", default="openapi-v3.yaml", help="the vendored copy")
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument("--write", action="store_true", help="replace the vendored copy")
    args = parser.parse_args(argv)
    vendored_path = ROOT / args.spec
    try:
        fetched = _fetch(args.url, args.timeout)
        new = _load(fetched)
    except (urllib.error.URLError, OSError, ValueError, YAMLError) as exc:
        reason = getattr(exc, "reason", None) or exc
        print(
            f"refresh-v3-spec: no spec from {args.url} ({reason}); {args.spec} is unchanged",
            file=sys.stderr,
        )
        return 1
    vendored = vendored_path.read_bytes()
    digest = hashlib.sha256(fetched).hexdigest()
    if fetched == vendored:
        print(f"{args.spec} is up to date with {args.url} (sha256 {digest})")
        return 0
    old = _load(vendored)
    print(f"{args.url} (sha256 {digest}) differs from {args.spec}:")
    print("\n".join(_summary(old, new)) or "  (no operation or schema added, removed or changed)")
    sys.stdout.writelines(
        difflib.unified_diff(
            vendored.decode().splitlines(keepends=True),
            fetched.decode().splitlines(keepends=True),
            fromfile=f"a/{args.spec}",
            tofile=f"b/{args.spec} ({args.url})",
        )
    )
    with tempfile.TemporaryDirectory() as scratch:
        candidate = Path(scratch) / "openapi-v3.yaml"
        candidate.write_bytes(fetched)
        done = _generate(candidate, Path(scratch) / "generated")
        if done.returncode == 0:
            changes = subprocess.run(
                [
                    "diff",
                    "-rq",
                    "-x",
                    "__pycache__",
                    str(ROOT / "generated" / "opper_api_v3"),
                    str(Path(scratch) / "generated" / "opper_api_v3"),
                ],
                capture_output=True,
                text=True,
                check=False,
            ).stdout.splitlines()
            print(
                f"\nThe overlay still applies and `make generate` passes on it; "
                f"{len(changes)} file(s) of generated/opper_api_v3 would change."
            )
        else:
            print("\n`make generate` fails on it (the overlay, or the generator):")
            print(done.stderr.strip() or done.stdout.strip())
    if not args.write:
        print(f"\nNothing written. `make refresh-v3-spec WRITE=1` replaces {args.spec}.")
        return 0
    vendored_path.write_bytes(fetched)
    (vendored_path.parent / PROVENANCE).write_text(_provenance(args.url, digest))
    print(f"\nWrote {args.spec} and {PROVENANCE}; now `make generate`, review and commit.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
