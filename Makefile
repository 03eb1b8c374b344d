# Two commands set up a fresh machine: `make run` (the main job) and `make test` (all tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean docs

# Each step says what it does and how long it took; pip shows its own progress.
STEP = @start=$$(date +%s); echo "==> $(1)"; $(2) && echo "    done in $$(( $$(date +%s) - start )) s"

$(STAMP): pyproject.toml
	$(call STEP,create the virtual environment .venv,$(PYTHON) -m venv $(VENV))
	$(call STEP,upgrade pip,$(BIN)/pip install --quiet --upgrade pip)
	$(call STEP,install milbalance and what it needs (a minute or two),$(BIN)/pip install --progress-bar on -e '.[dev]')
	@touch $(STAMP)

# The report of the balance, with the worked example of docs/methodology.md (the bases and the
# claims of its seed article) when the article is there.
ARTICLE := $(firstword $(wildcard examples/articles/ammunition-balance-2025.md examples/articles/rutte-ammunition-gap.md examples/articles/*.md))

run: $(STAMP)
	$(call STEP,check the data (and build the store),$(BIN)/milbalance validate)
	$(call STEP,write report.html,$(BIN)/milbalance report --out report.html $(if $(ARTICLE),--article $(ARTICLE)))
	@echo
	@echo "Next:"
	@echo "  open report.html                      the report, with the example article's claims"
	@echo "  . .venv/bin/activate                  then type the README's commands as shown,"
	@echo "  milbalance check \"Russia spent more than 4% of its GDP on the military in 2024\""
	@echo "  milbalance serve                      the web app on http://127.0.0.1:8000"
	@echo "  (or run them as .venv/bin/milbalance … without activating)"

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
