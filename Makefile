# The two README commands are `make serve` and `make test`; the other targets are their steps.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: wheels setup build serve test lint unit pyodide-test site-test bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(VENV)/.installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Pinned wheels for Pyodide (site_assets/runtime/wheels.toml), fetched from PyPI and hash-checked; idempotent.
wheels: $(VENV)/.installed
	$(BIN)/python site_assets/runtime/fetch_wheels.py

setup: $(VENV)/.installed node_modules/.installed wheels

build: setup
	$(BIN)/mkdocs build --strict

serve: build
	@echo "站点已构建：http://127.0.0.1:$(PORT)/"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory site

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy pysrc

unit: setup
	$(BIN)/pytest tests/unit -q

test: lint build
	SMPLS_SITE_DIR=site $(BIN)/pytest -q   # browser tests use the site just built (tests/site/conftest.py)
	node tests/pyodide/run_unit_tests.mjs

bench: build
	$(BIN)/python bench/run.py
	$(BIN)/python bench/ab.py

clean:
	rm -rf site build
