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

# A second environment with ProperDocs (the maintained fork of MkDocs 1.6) in place of MkDocs.
# Material still asks for MkDocs; it is removed so that nothing can fall back on it.
PD_VENV := .venv-properdocs
PD_STAMP := $(PD_VENV)/.installed-stamp

$(PD_STAMP): pyproject.toml constraints.txt
	test -x $(PD_VENV)/bin/python || $(PYTHON) -m venv $(PD_VENV)
	$(PD_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(PD_VENV)/bin/python -m pip install --quiet -c constraints.txt -e '.[test,properdocs]'
	$(PD_VENV)/bin/python -m pip uninstall --quiet --yes mkdocs
	touch $@

# The outside checkers the tests run over built sites (the Nu Html Checker, npm's vnu-jar), pinned
# in package-lock.json. --ignore-scripts: vnu-jar's install script would download a Java runtime;
# Debian's is used instead (.ci/run installs it).
NPM_STAMP := node_modules/.installed-stamp

$(NPM_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# --dirty: a saved post re-renders only the pages that show it (Letopis tracks which).
serve: $(STAMP)  ## preview the bundled site at http://127.0.0.1:8000 (drafts shown)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dirty

# Publishing: SITE_URL is the site's address (the workflow sets it); without it the build stops
# rather than bake the preview address into links and feeds. LOCAL=1 builds for this machine.
build: $(STAMP)  ## build the bundled site with --strict (SITE_URL=… or LOCAL=1); site/ replaced only on success
	$(BIN)/letopis build$(if $(LOCAL), --local)

test: $(STAMP) $(PD_STAMP) $(NPM_STAMP)  ## lint, then every test with MkDocs, then with ProperDocs
	$(BIN)/ruff check .
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest
	NO_MKDOCS_2_WARNING=1 LETOPIS_ENGINE=properdocs $(PD_VENV)/bin/python -m pytest

bench: $(STAMP)  ## benchmarks (not tests): builds, live preview, WordPress import
	NO_MKDOCS_2_WARNING=1 $(BIN)/python benchmarks/run.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/python benchmarks/preview.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/python benchmarks/import_wordpress.py

clean:
	rm -rf site $(VENV) $(PD_VENV) node_modules
