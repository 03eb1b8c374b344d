# Two commands set up a fresh machine: `make run` (the main job) and `make test` (all tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean docs

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The report of the balance, with the worked example of docs/methodology.md (the bases and the
# claims of its seed article) when the article is there.
ARTICLE := $(firstword $(wildcard examples/articles/ammunition-balance-2025.md examples/articles/rutte-ammunition-gap.md examples/articles/*.md))

run: $(STAMP)
	$(BIN)/milbalance validate
	$(BIN)/milbalance report --out report.html $(if $(ARTICLE),--article $(ARTICLE))

test: $(STAMP)
	$(BIN)/ruff check
	$(BIN)/mypy
	$(BIN)/pytest -q

# Every benchmark in one go; each prints its table and ratios (see benchmarks/README.md).
bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	for script in benchmarks/*_bench.py benchmarks/web_load.py; do \
		$(BIN)/python $$script || exit 1; \
	done

clean:
	rm -rf $(VENV) .milbalance .pytest_cache .mypy_cache .ruff_cache

# Refresh the generated coverage table in docs/data.md after adding data.
docs: $(STAMP)
	$(BIN)/milbalance coverage --write-docs docs/data.md
