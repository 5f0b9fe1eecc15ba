# Two commands work on a fresh machine: `make demo` and `make test` (they create .venv first).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := .demo/marsad.db

.PHONY: setup demo test lint bench clean

$(BIN)/marsad: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip 2>&1 | grep -v "is ignored" || true
	$(BIN)/pip install -q -e '.[test]' 2>&1 | grep -v "is ignored" || true
	$(BIN)/python -c "import marsad.cli" && touch $(BIN)/marsad

setup: $(BIN)/marsad

demo: setup
	@mkdir -p .demo && rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/marsad ingest src/marsad/sample --db $(DEMO_DB)
	$(BIN)/marsad stories --db $(DEMO_DB) --format table
	$(BIN)/marsad articles --db $(DEMO_DB) --format table
	$(BIN)/marsad entities --db $(DEMO_DB) --format table --limit 15
	$(BIN)/marsad quotes --db $(DEMO_DB) --format table --limit 12
	$(BIN)/marsad analyze src/marsad/sample --format json -o .demo/analysis.json
	$(BIN)/marsad analyze src/marsad/sample -o .demo/report.html
	$(BIN)/marsad analyze src/marsad/sample -o .demo/report.md
	@echo "report: $(CURDIR)/.demo/report.html (one file, opens offline in any browser)"

lint: setup
	$(BIN)/ruff check src tests benchmarks scripts fuzz

test: setup lint
	$(BIN)/pytest -q

bench: setup
	$(BIN)/python benchmarks/bench_reading.py

clean:
	rm -rf $(VENV) .demo .pytest_cache .ruff_cache
