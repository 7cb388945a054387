# Letopis: every target creates the virtual environment on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: serve build test bench clean

# Reinstall when the dependency list or the pins change.
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

# --dirty: a saved post re-renders only the pages that show it (Letopis tracks which).
serve: $(STAMP)  ## preview the bundled site at http://127.0.0.1:8000 (drafts shown)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dirty

build: $(STAMP)  ## build the bundled site with --strict; site/ is replaced only on success
	$(BIN)/letopis build

test: $(STAMP)  ## lint, then every test (browser tests need /usr/bin/chromium)
	$(BIN)/ruff check .
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest

bench: $(STAMP)  ## benchmarks (not tests): builds, live preview, WordPress import
	NO_MKDOCS_2_WARNING=1 $(BIN)/python benchmarks/run.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/python benchmarks/preview.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/python benchmarks/import_wordpress.py

clean:
	rm -rf site $(VENV)
