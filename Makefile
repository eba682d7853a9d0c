# Two commands set up and use everything: `make site` and `make test`.
# `make site` installs what building needs (requirements.txt) into .venv; `make test` adds the
# pinned test tools (requirements-test.txt). Each install runs once, and again when a
# requirements file changes; a half-made .venv (made without pip, or left by an interrupted
# install) is made afresh.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
ADDR ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test test-fast lint serve check setup setup-test clean bench

# A .venv whose Python or pip does not run is half-made: forget what it had installed.
ifneq ($(shell $(PY) -m pip --version >/dev/null 2>&1 && echo ok),ok)
$(shell rm -f $(VENV)/.build $(VENV)/.test)
endif

$(VENV)/.build: requirements.txt briefing/project/requirements.txt pyproject.toml
	@$(PY) -m pip --version >/dev/null 2>&1 || { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); } || { \
	  rm -rf $(VENV); echo "error: '$(PYTHON) -m venv' failed: install Python's venv module" \
	  "(Debian, Ubuntu: sudo apt-get install python3-venv)" >&2; exit 1; }
	$(PIP) -r requirements.txt
	$(PIP) --no-deps -e .
	touch $@

$(VENV)/.test: $(VENV)/.build requirements-test.txt
	$(PIP) -r requirements-test.txt
	touch $@

setup: $(VENV)/.build
setup-test: $(VENV)/.test

site: $(VENV)/.build
	$(PY) build.py build

check: $(VENV)/.build
	$(PY) build.py check

serve: $(VENV)/.build
	$(PY) build.py serve --dev-addr $(ADDR)

# axe-core for the accessibility tests, at the version package-lock.json pins.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Type checks and lint, which both test targets run first: mypy, strict on briefing/ (its settings
# are in pyproject.toml), and ruff over the whole repository.
lint: $(VENV)/.test
	$(PY) -m mypy
	$(PY) -m ruff check .

# Every test: lint, unit, invalid inputs, golden pages, the real site build, new briefings set up in
# fresh venvs (slow), and the real browser.
test: $(VENV)/.test lint node_modules/axe-core/axe.min.js
	$(PY) -m pytest

# While editing the generator: lint and everything but the browser and the fresh-venv tests (no browser,
# npm or index).
test-fast: $(VENV)/.test lint
	$(PY) -m pytest --ignore=tests/browser -m "not slow"

bench: $(VENV)/.build
	$(PY) bench/run.py 1 10 100

clean:
	rm -rf site $(VENV)
