# wres-analysis: the control panel for a fresh machine.
#   make setup                 create .venv, install the package and register the Jupyter kernel
#   make report YEAR=2020      run every notebook for every organisation of YEAR, then build the reports
#   make test                  run the test suite
# Settings live in params/ (YAML); nothing here changes what is computed.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
WRES   := $(BIN)/wres
YEAR   ?= 2020
ORG    ?=
ORGS   := $(foreach o,$(ORG),--org $(o))
KERNEL := wres-analysis
CHROMIUM ?= /usr/bin/chromium

.PHONY: setup browser run report verify figures synth lab test lint clean help bench

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

setup: $(BIN)/wres browser node_modules/axe-core/axe.min.js  ## create .venv, install pinned dependencies and register the kernel

# Debian's chromium for tests/test_report_browser.py (never a browser download): installed
# with apt-get when missing and we are root; otherwise say how, and go on (the tests skip).
browser:  ## install Debian's chromium for the browser tests (as root; else says how)
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing Debian's chromium for the browser tests (apt-get)"; \
		log=$$(mktemp); \
		if apt-get update -qq >"$$log" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install \
			-y -qq --no-install-recommends chromium fonts-dejavu-core >>"$$log" 2>&1; \
		then rm -f "$$log"; \
		else cat "$$log"; rm -f "$$log"; echo "apt-get could not install chromium" >&2; exit 1; fi; \
	else \
		echo "note: $(CHROMIUM) is missing, so the browser tests will be skipped; to run them:"; \
		echo "  sudo apt-get install --no-install-recommends chromium"; \
	fi

# axe-core (npm, pinned by package-lock.json) for the accessibility checks in the browser tests.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "note: npm is missing, so the accessibility (axe) tests will be skipped"; fi

$(BIN)/wres: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (wres-analysis)"
	@touch $@

run: setup  ## execute every notebook for YEAR (ORG="A B" to limit, PUBLISHED=1, JOBS=N)
	$(WRES) run --year $(YEAR) $(ORGS) $(if $(PUBLISHED),--published) $(if $(JOBS),--jobs $(JOBS))

report: setup  ## run the notebooks, then build the reports for YEAR (same options as run)
	$(WRES) report --year $(YEAR) --run $(ORGS) $(if $(PUBLISHED),--published) $(if $(JOBS),--jobs $(JOBS))

verify: setup  ## prove YEAR's reports are what the data and code give (ORG="A B" to limit)
	$(WRES) verify --year $(YEAR) $(ORGS) $(if $(PUBLISHED),--published)

figures: setup  ## print the figures record for ORG and YEAR
	$(WRES) figures --data-dir data --org $(ORG) --year $(YEAR)

synth: setup  ## regenerate the shipped synthetic data in data/
	$(WRES) synth --out data

bench: setup  ## figures against reading (national, 1M staff), then 32 organisations' notebooks projected to 220
	$(BIN)/python scripts/bench_figures.py
	$(BIN)/python scripts/bench_notebooks.py

lab: setup  ## open JupyterLab on notebooks/ with the project's kernel
	WRES_PROJECT_ROOT="$(CURDIR)" $(BIN)/jupyter lab --notebook-dir=notebooks \
		--MappingKernelManager.default_kernel_name=$(KERNEL)

test: setup  ## run the tests (and ruff)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2

lint: setup
	$(BIN)/ruff check .

clean:  ## remove generated outputs (never data/)
	rm -rf outputs/*/
