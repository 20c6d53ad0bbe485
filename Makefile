# De reis van de kaketoe: the two commands a newcomer needs are `make serve`
# and `make test`. Every target installs what is missing first, so each works
# on a fresh Debian machine with Python 3.11, Node 20 and npm.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM := /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check lint test-js bench soak clean setup

serve: setup ## Serve the site with live reload at http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: setup ## Build the site into site/
	$(BIN)/mkdocs build

# Two pytest workers, one per core; the site is built once, while they run the
# tests that do not need it (tests/conftest.py).
PYTEST_PARALLEL := -n 2 --dist worksteal

test: setup $(CHROMIUM) test-js ## Run every test (content, site build, browser, axe, the JS modules)
	$(BIN)/pytest $(PYTEST_PARALLEL)

check: lint test-js ## The quick checks, no browser: lint, content, the JS modules, every test not marked browser
	$(BIN)/kaketoe check-content
	$(BIN)/pytest $(PYTEST_PARALLEL) -m "not browser"

bench: build $(CHROMIUM) ## Measure the workbook app; writes docs/performance.md
	$(BIN)/python bench/bench_app.py site
	$(BIN)/python bench/hostile_files.py

soak: build $(CHROMIUM) ## Disrupt the workbook app while answers are typed; writes docs/reliability.md
	$(BIN)/python bench/soak.py site

lint: setup ## ruff and mypy; the served JavaScript's JSDoc types (tsc) and eslint
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	node_modules/.bin/tsc -p tsconfig.json
	node_modules/.bin/tsc -p tsconfig.strict.json
	node_modules/.bin/tsc -p tsconfig.worker.json
	node_modules/.bin/eslint web tests/js eslint.config.js

# Needs only Node: the modules under test import nothing from node_modules.
test-js: ## The pure JavaScript modules (storage merge, pictures, family codes) under node --test
	node --test tests/js/

setup: $(VENV)/.installed node_modules/.installed

# pip >= 25.1 knows dependency groups (PEP 735); the venv's own pip may not.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "pip==26.3"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e . --group dev
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Browser tests drive Debian's Chromium; Playwright cannot download its own.
$(CHROMIUM):
	apt-get update
	DEBIAN_FRONTEND=noninteractive apt-get install -y chromium

clean:
	rm -rf site $(VENV) node_modules
