# The two README commands are `make serve` and `make test`; the other targets are their steps.
# Both first check the machine (site_assets/tools/preflight.sh): on Debian/Ubuntu as root or with passwordless
# sudo they install the missing packages, elsewhere they stop with one message naming them.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: preflight-serve preflight-test wheels setup build serve test lint unit js-test pyodide-test screenshots \
	bench clean imports diagrams

preflight-serve preflight-test: preflight-%:
	@PY=$(PY) VENV=$(VENV) /bin/bash site_assets/tools/preflight.sh $*

$(BIN)/python: | preflight-serve
	$(PY) -m venv $(VENV)

$(VENV)/.installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json | preflight-serve
	npm ci --no-audit --no-fund
	touch $@

# Pinned wheels for Pyodide (site_assets/runtime/wheels.toml), fetched from PyPI and hash-checked; idempotent.
wheels: $(VENV)/.installed
	$(BIN)/python site_assets/runtime/fetch_wheels.py

setup: $(VENV)/.installed node_modules/.installed wheels

build: setup
	$(BIN)/mkdocs build --strict

# make serve builds with quick brotli (the local server does not send the .br files; `make build` keeps level 11)
serve: export SMPLS_BROTLI_QUALITY ?= 5
serve: build
	@echo "站点已构建：http://127.0.0.1:$(PORT)/"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory site

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy pysrc

unit: setup
	$(BIN)/pytest tests/unit -q

js-test:
	node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON --test tests/js/   # site_assets/js is ES modules without a package.json

pyodide-test: build
	node tests/pyodide/run_unit_tests.mjs

# The modules the site's Python runtime is trimmed to (site_assets/runtime/imports.txt, committed): record again
# after changing what the browser code imports, and review the diff. The build fails naming a missing module.
imports: setup
	node tests/pyodide/run_unit_tests.mjs --record-imports

# The diagrams drawn at build time (site_assets/diagrams/*.svg, committed); needs Chromium and node_modules.
diagrams: setup
	$(BIN)/python site_assets/diagrams/render.py

# The tests' build writes .br at a lower brotli level (no test reads .br sizes; `make build` keeps level 11).
test: export SMPLS_BROTLI_QUALITY ?= 5
# pytest runs on one worker per core (pytest-xdist), a test file per worker at a time (module fixtures stay whole).
PYTEST_WORKERS ?= -n auto --dist loadfile
# The Pyodide unit suite (Node) runs in the background beside pytest (browser tests against the site just
# built); both must pass. Its output follows pytest's, from build/pyodide-unit.log.
test: preflight-test lint build js-test
	@node tests/pyodide/run_unit_tests.mjs >build/pyodide-unit.log 2>&1 & pyodide=$$!; \
	echo "SMPLS_SITE_DIR=site $(BIN)/pytest -q $(PYTEST_WORKERS)   (node tests/pyodide/run_unit_tests.mjs in the background)"; \
	SMPLS_SITE_DIR=site $(BIN)/pytest -q $(PYTEST_WORKERS); status=$$?; \
	wait $$pyodide; pyodide_status=$$?; \
	echo "--- node tests/pyodide/run_unit_tests.mjs (tests/unit in Pyodide), exit $$pyodide_status:"; \
	cat build/pyodide-unit.log; \
	test $$status -eq 0 -a $$pyodide_status -eq 0

# Screenshots of every page and of the form and self-check states, into build/screenshots/ (for a person to
# look at; no test compares them). Not part of `make test`.
screenshots: preflight-test build
	SMPLS_SCREENSHOTS=1 SMPLS_SITE_DIR=site $(BIN)/pytest tests/site -q -m "screenshots or site" -k screenshot

bench: build
	$(BIN)/python bench/run.py
	$(BIN)/python bench/ab.py

clean:
	rm -rf site build
