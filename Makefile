# Two entry points: `make run` and `make test`. Both create .venv when missing and reinstall the
# project whenever pyproject.toml is newer than the last install.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format bench translations clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/dossier-desk $(ARGS)

# The suite runs on every core (pytest-xdist; each worker its own files and PostgreSQL server).
# PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= auto

test: $(STAMP)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

# Every benchmark, one table, written to docs/benchmarks.md (BENCH_ARGS="--only startup" etc.;
# see bench/report.py). Measure on an otherwise idle machine: the figures are times.
bench: $(STAMP)
	$(BIN)/python bench/report.py $(BENCH_ARGS)

# Extract the window's texts into resources/translations/*.ts and compile them to .qm
translations: $(STAMP)
	$(BIN)/python scripts/translations.py update
	$(BIN)/python scripts/translations.py release

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
