# ccassess developer entry points. Everything a fresh machine needs is installed from here.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    ?= out

.PHONY: demo test test-fast lint format bench bench-quick docs system-deps clean

## demo: set up .venv, install ccassess and render the demo assessment's PDF report
demo: system-deps $(VENV)/.installed
	@mkdir -p $(OUT)
	$(BIN)/ccassess demo --output $(OUT)/ccassess-demo-report.pdf

## test: set up .venv with the test extras and run lint, mypy and the whole test suite
test: system-deps-test $(VENV)/.installed-test
	$(BIN)/ruff check ccassess plugins tests benchmarks scripts
	$(BIN)/ruff format --check ccassess plugins tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest

## test-fast: lint, mypy and every test except the slow ones (PDF rendering, wheels), for the edit-test loop
test-fast: $(VENV)/.installed-test
	$(BIN)/ruff check ccassess plugins tests benchmarks scripts
	$(BIN)/ruff format --check ccassess plugins tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest -m "not slow"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check ccassess plugins tests benchmarks scripts
	$(BIN)/ruff format --check ccassess plugins tests benchmarks scripts
	$(BIN)/mypy

format: $(VENV)/.installed-test
	$(BIN)/ruff format ccassess plugins tests benchmarks scripts
	$(BIN)/ruff check --fix ccassess plugins tests benchmarks scripts

## bench: the performance suite (see benchmarks/README.md); bench-quick is what CI runs
bench: system-deps $(VENV)/.installed-test
	$(BIN)/python -m benchmarks

bench-quick: system-deps $(VENV)/.installed-test
	$(BIN)/python -m benchmarks --quick

## docs: build the documentation site into site/
docs: $(VENV)/.installed-test
	$(BIN)/mkdocs build --strict

## system-deps: WeasyPrint's system libraries (Pango, HarfBuzz subsetting, fonts)
system-deps:
	@sh scripts/system-deps.sh

system-deps-test:
	@sh scripts/system-deps.sh --test

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "ccassess needs Python 3.11 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/bin/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed

clean:
	rm -rf $(VENV) build dist site $(OUT) .pytest_cache .ruff_cache .mypy_cache
