# Letopis: every target creates the virtual environment on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: serve build test measured-tests properdocs-tests coverage mutation bench clean

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

# The MkDocs pass runs under coverage, `mkdocs` and `letopis` subprocesses included
# ([tool.coverage] in pyproject.toml): its line coverage may not fall below the floor.
COVERAGE_FLOOR ?= 97

# The two passes run side by side, one per core: the MkDocs pass under coverage, its output shown
# as it goes, and the ProperDocs pass at a lower priority into .properdocs-pass.log, shown when
# both are done (in full when it failed).
test: $(STAMP) $(PD_STAMP) $(NPM_STAMP)  ## lint, then every test with MkDocs (measured) and the engine's tests with ProperDocs
	$(BIN)/ruff check .
	@$(MAKE) --no-print-directory properdocs-tests > .properdocs-pass.log 2>&1 & pd=$$!; \
	$(MAKE) --no-print-directory measured-tests; measured=$$?; \
	wait $$pd; properdocs=$$?; \
	echo "---- the ProperDocs pass (.properdocs-pass.log) ----"; \
	if [ $$properdocs -eq 0 ]; then tail -n 2 .properdocs-pass.log; else cat .properdocs-pass.log; fi; \
	[ $$measured -eq 0 ] && [ $$properdocs -eq 0 ]
	$(BIN)/python tests/coverage_floor.py $(COVERAGE_FLOOR) .coverage-totals.json

# The suite again with ProperDocs (the maintained fork of MkDocs 1.6) in place of MkDocs: the
# tests that build and serve sites (tests/site). Left out: the core's and the importer's tests,
# which never import the engine (tests/core/test_framework_free.py), and the browser tests,
# which drive the same theme pages in Chromium.
properdocs-tests: $(PD_STAMP)
	NO_MKDOCS_2_WARNING=1 LETOPIS_ENGINE=properdocs nice -n 5 $(PD_VENV)/bin/python -m pytest \
		-p no:cacheprovider -m 'not browser' tests/site

# The MkDocs pass under coverage, combined and reported (a table by file, and .coverage-totals.json).
measured-tests: $(STAMP)
	rm -f .coverage .coverage.*
	NO_MKDOCS_2_WARNING=1 $(BIN)/coverage run -m pytest $(PYTEST_ARGS)
	$(BIN)/coverage combine --quiet
	$(BIN)/coverage report
	$(BIN)/coverage json --quiet -o .coverage-totals.json

coverage: $(STAMP) $(NPM_STAMP)  ## the MkDocs pass under coverage, with an HTML report in htmlcov/
	$(MAKE) --no-print-directory measured-tests
	$(BIN)/coverage html --quiet
	$(BIN)/python tests/coverage_floor.py $(COVERAGE_FLOOR) .coverage-totals.json || true
	@echo "HTML report: htmlcov/index.html"

# Mutation testing of letopis.core and the WordPress converter with mutmut, against the fast
# tests (tests/core, tests/wordpress); not part of `make test`. mutmut finds packages under
# src/ only: it runs on a copy of the project laid out that way, in .mutation/. Results:
# benchmarks/MUTATION.md (the score) and .mutation/results.txt (every mutant).
MUT_STAMP := $(VENV)/.mutation-stamp

$(MUT_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,mutation]'
	touch $@

# On a shared machine it takes its time: one worker at the lowest priority. MUTATE narrows the
# run to some modules (paths under plugins/letopis/, globs allowed), e.g.
#   make mutation MUTATE="core/blocks.py wordpress/convert.py"
# The Hypothesis properties run MUTATION_EXAMPLES examples per mutant (not 300): they run once
# for every mutant of the loaders, and the fixed tests are what kill most of those.
MUTATE ?=
MUTATION_JOBS ?= 1
MUTATION_EXAMPLES ?= 10

mutation: $(MUT_STAMP)  ## mutation testing of the core and the WordPress converter (hours)
	rm -rf .mutation && mkdir -p .mutation/src
	cp -r plugins/letopis .mutation/src/
	cp -r tests pyproject.toml .mutation/
	find .mutation -name __pycache__ -prune -exec rm -rf {} +
	$(if $(MUTATE),sed -i 's#^only_mutate = .*#only_mutate = [$(foreach m,$(MUTATE),"src/letopis/$(m)",)]#' \
		.mutation/pyproject.toml)
	date -u +"started %F %T UTC" > .mutation/times.txt
	cd .mutation && NO_MKDOCS_2_WARNING=1 LETOPIS_MUTATION_EXAMPLES=$(MUTATION_EXAMPLES) \
		nice -n 19 ../$(BIN)/mutmut run --max-children $(MUTATION_JOBS) \
		> run.log 2>&1 || { tail -c 3000 run.log; exit 1; }
	date -u +"finished %F %T UTC" >> .mutation/times.txt
	cd .mutation && ../$(BIN)/mutmut results --all true > results.txt
	cat .mutation/times.txt
	$(BIN)/python benchmarks/mutation_score.py .mutation/results.txt

bench: $(STAMP)  ## benchmarks (not tests): builds, live preview, WordPress import
	NO_MKDOCS_2_WARNING=1 $(BIN)/python benchmarks/run.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/python benchmarks/preview.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/python benchmarks/import_wordpress.py

clean:
	rm -rf site $(VENV) $(PD_VENV) node_modules htmlcov .coverage .coverage.* .mutation .properdocs-pass.log
