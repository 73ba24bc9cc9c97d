# Every target that needs the virtualenv creates it first. Run `make help` for the list.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
SPEC   ?= openapi.yaml
OUT    ?= generated/opper_api
# The generator runs ruff as a post-hook, so the venv's bin must be on PATH.
GEN    := PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/openapi-python-client generate --config generator-config.yaml --meta none --fail-on-warning

.PHONY: help install generate check-generated lint format typecheck test bench bench-quick demo
help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(PY): pyproject.toml
	$(PYTHON) -m venv $(VENV) && $(PY) -m pip install -q --upgrade pip && $(PY) -m pip install -q -e '.[dev]' && touch $(PY)

install: $(PY)  ## create .venv and install the package with its dev extra

generate: $(PY)  ## regenerate generated/opper_api from openapi.yaml
	rm -rf $(OUT) && $(GEN) --path $(SPEC) --output-path $(OUT) >/dev/null

check-generated: $(PY)  ## fail when generated/ does not match openapi.yaml
	@tmp=$$(mktemp -d) && trap 'rm -rf $$tmp' EXIT && $(GEN) --path $(SPEC) --output-path $$tmp/opper_api >/dev/null \
	  && diff -r -x __pycache__ $$tmp/opper_api $(OUT) >/dev/null \
	  || { echo "generated/ does not match $(SPEC): run 'make generate' and commit the result" >&2; exit 1; }

lint: $(PY)  ## ruff check and format check (generated code excluded)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

format: $(PY)  ## apply ruff fixes and formatting
	$(VENV)/bin/ruff check --fix . && $(VENV)/bin/ruff format .

typecheck: $(PY)  ## mypy --strict on tracing/, default mypy on generated/
	$(VENV)/bin/mypy --strict tracing/opper_tracing && cd generated && ../$(VENV)/bin/mypy --config-file /dev/null opper_api

test: $(PY)  ## run the test suite
	$(VENV)/bin/pytest

demo: $(PY)  ## the seed task, called and streamed inside a trace, against the emulator
	$(VENV)/bin/python -m opper_tracing.demo
