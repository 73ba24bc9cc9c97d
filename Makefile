# Every target that needs the virtualenv creates it first. Run `make help` for the list.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
SPEC   ?= openapi.yaml
# Opper's v3 spec, vendored verbatim, and the overlay that makes it generate cleanly (never edit the spec).
SPEC_V3    ?= openapi-v3.yaml
OVERLAY_V3 ?= openapi-v3.overlay.yaml
V3_SPEC_URL ?= https://api.opper.ai/v3/openapi.yaml
GENERATED  ?= generated
# The generator runs ruff as a post-hook, so the venv's bin must be on PATH.
GEN    := PATH="$(abspath $(VENV))/bin:$$PATH" $(VENV)/bin/openapi-python-client generate --meta none --fail-on-warning --custom-template-path generator-templates

# Every step of `make generate`, as one shell command: $(call generate-into,DIR,SCRATCH) writes each
# package of PACKAGES into DIR (SCRATCH holds intermediates: the overlaid v3 spec). `generate` runs it
# into generated/, and `check-generated` into a temp dir that it compares with generated/, so a step
# appended here (`&& ...`) is checked too. A new package also goes in PACKAGES, with its SOURCES_.
PACKAGES             := opper_api opper_api_v3
SOURCES_opper_api    = $(SPEC)
SOURCES_opper_api_v3 = $(SPEC_V3) with $(OVERLAY_V3)
generate-into = $(GEN) --config generator-config.yaml --path $(SPEC) --output-path $(1)/opper_api >/dev/null \
  && $(PY) scripts/openapi_overlay.py $(SPEC_V3) $(OVERLAY_V3) $(2)/openapi-v3.json \
  && $(GEN) --config generator-config-v3.yaml --path $(2)/openapi-v3.json --output-path $(1)/opper_api_v3 >/dev/null \
  && $(PY) generator-templates/make_sync.py $(3)
# The sync clients, written from the async ones (all of _sync/ but its handwritten _io.py).
SYNC := tracing/opper_tracing/_sync

# Arize Phoenix, the backend of the end-to-end OTel test, lives in its own venv (~850 MB, 1-2 min
# to build once) so its many pins never meet the project's.
PHOENIX_VENV    ?= .venv-phoenix
PHOENIX_VERSION ?= 20.26.1
PHOENIX         := $(PHOENIX_VENV)/bin/phoenix

.PHONY: help install generate check-generated refresh-v3-spec lint format typecheck test bench bench-quick demo phoenix demo-phoenix
help:  ## list the targets
	@grep -E '^[a-z0-9-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(PY): pyproject.toml
	$(PYTHON) -m venv $(VENV) && $(PY) -m pip install -q --upgrade pip && $(PY) -m pip install -q -e '.[dev]' && touch $(PY)

install: $(PY)  ## create .venv and install the package with its dev extra

generate: $(PY)  ## regenerate generated/opper_api (openapi.yaml), generated/opper_api_v3 (openapi-v3.yaml + overlay) and the sync clients
	@scratch=$$(mktemp -d) && trap 'rm -rf $$scratch' EXIT && rm -rf $(addprefix $(GENERATED)/,$(PACKAGES)) \
	  && $(call generate-into,$(GENERATED),$$scratch,$(SYNC))

check-generated: $(PY)  ## fail when a package in generated/ does not match its spec (CI runs this)
	@tmp=$$(mktemp -d) && trap 'rm -rf $$tmp' EXIT && mkdir $$tmp/out $$tmp/scratch \
	  && { $(call generate-into,$$tmp/out,$$tmp/scratch,$$tmp/out/_sync) \
	       || { echo "check-generated: generating from $(SPEC) and $(SPEC_V3) failed (above)" >&2; exit 1; }; } \
	  && drifted=0 $(foreach p,$(PACKAGES),&& { diff -r -x __pycache__ $$tmp/out/$(p) $(GENERATED)/$(p) >/dev/null \
	       || { echo "$(GENERATED)/$(p) does not match $(SOURCES_$(p)): run 'make generate' and commit the result" >&2; drifted=1; }; }) \
	  && { diff -r -x __pycache__ -x _io.py $$tmp/out/_sync $(SYNC) >/dev/null \
	       || { echo "$(SYNC) does not match tracing/opper_tracing/_async: run 'make generate' and commit the result" >&2; drifted=1; }; } \
	  && exit $$drifted

# Offline it stops with one line; nothing is written unless WRITE=1.
refresh-v3-spec: $(PY)  ## fetch the published v3 spec: diff, does the overlay apply, does it generate (WRITE=1: replace openapi-v3.yaml)
	@$(PY) scripts/refresh_v3_spec.py --url $(V3_SPEC_URL) --spec $(SPEC_V3) $(if $(filter 1,$(WRITE)),--write)

lint: $(PY)  ## ruff check and format check (generated code excluded)
	$(VENV)/bin/ruff check . $(SYNC)/_io.py && $(VENV)/bin/ruff format --check . $(SYNC)/_io.py

format: $(PY)  ## apply ruff fixes and formatting
	$(VENV)/bin/ruff check --fix . && $(VENV)/bin/ruff format .

typecheck: $(PY)  ## mypy --strict on tracing/ and emulator/, default mypy on generated/ (both packages)
	$(VENV)/bin/mypy --strict tracing/opper_tracing && $(VENV)/bin/mypy --strict emulator/opper_emulator \
	  && cd $(GENERATED) && $(abspath $(VENV))/bin/mypy --config-file /dev/null $(PACKAGES)

$(PHOENIX):
	rm -rf $(PHOENIX_VENV) && $(PYTHON) -m venv $(PHOENIX_VENV) \
	  && $(PHOENIX_VENV)/bin/python -m pip install -q arize-phoenix==$(PHOENIX_VERSION) \
	  || { rm -rf $(PHOENIX_VENV); exit 1; }

phoenix: $(PHOENIX)  ## build .venv-phoenix (Arize Phoenix) for the end-to-end OpenTelemetry test

# OPPER_SKIP_PHOENIX=1 (environment or make variable) neither builds .venv-phoenix nor runs its test.
test: $(PY) $(if $(filter 1,$(OPPER_SKIP_PHOENIX)),,$(PHOENIX))  ## run the tests (OPPER_SKIP_PHOENIX=1: without building or running Phoenix)
	OPPER_SKIP_PHOENIX=$(OPPER_SKIP_PHOENIX) $(VENV)/bin/pytest

$(VENV)/.bench-extra: $(PY)
	$(PY) -m pip install -q -e '.[dev,bench]' && touch $@

bench: $(VENV)/.bench-extra  ## every benchmark, full size (under 5 min); writes BENCHMARKS.md
	$(VENV)/bin/python -m benchmarks.run

bench-quick: $(VENV)/.bench-extra  ## every benchmark, CI size, printed only (BENCHMARKS.md keeps the full run)
	$(VENV)/bin/python -m benchmarks.run --quick --output -

demo: $(PY)  ## the seed task, called and streamed inside a trace, against the emulator (LIVE=1: the real API)
	$(VENV)/bin/python -m demo $(if $(LIVE),--live)

demo-phoenix: $(PY) $(PHOENIX)  ## the demo exported to a local Arize Phoenix; prints the trace's URL
	$(VENV)/bin/python -m demo --phoenix
