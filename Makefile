# Two commands set up and use everything: `make site` and `make test`.
# `make site` installs what building needs (requirements.txt) into .venv; `make test` adds the
# pinned test tools (requirements-test.txt). Each install runs once, and again when a
# requirements file changes; a half-made .venv (made without pip, left by an interrupted install,
# or by a Python older than PYTHON_FLOOR) is made afresh. Below the floor, make stops in one line
# naming the Python it found, before any pip output.
PYTHON ?= python3
# The oldest Python the pinned requirements install on: Debian 12's python3. README.md names it too.
PYTHON_FLOOR := 3.11.2
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
ADDR ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test test-fast lint serve check setup setup-test clean bench bench-search catalog

# Prints "Python X.Y.Z (its path)" and fails if that is older than the floor (any Python 2 or 3 runs it).
PYTHON_CHECK := -c 'import sys; print("Python %d.%d.%d (%s)" % (sys.version_info[:3] + (sys.executable,))); \
  sys.exit(sys.version_info[:3] < tuple(map(int, "$(PYTHON_FLOOR)".split("."))))'
VENV_OK := $(PY) $(PYTHON_CHECK) >/dev/null 2>&1 && $(PY) -m pip --version >/dev/null 2>&1

# A .venv whose Python or pip does not run, or whose Python is older than the floor, is half-made:
# forget what it had installed.
ifneq ($(shell $(VENV_OK) && echo ok),ok)
$(shell rm -f $(VENV)/.build $(VENV)/.test)
endif

# Before a new .venv, and before any pip output: $(PYTHON) must be the floor or newer.
$(VENV)/.build: requirements.txt briefing/editor/project/requirements.txt pyproject.toml
	@$(VENV_OK) || { found=$$($(PYTHON) $(PYTHON_CHECK) 2>/dev/null) || { echo "error: Python $(PYTHON_FLOOR)" \
	  "or later is needed, and $(PYTHON) is $${found:-not found}: install a newer one, or name one: make site PYTHON=python3.13" >&2; \
	  exit 1; }; rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); } || { \
	  rm -rf $(VENV); echo "error: '$(PYTHON) -m venv' failed: install Python's venv module" \
	  "(Debian, Ubuntu: sudo apt-get install python3-venv)" >&2; exit 1; }
	@echo "Setting up .venv: installing the pinned packages that build the site (requirements.txt), once and again" \
	  "when they change; a minute or two, quietly..."
	$(PIP) -r requirements.txt
	$(PIP) --no-deps -e .
	touch $@
	@echo ".venv is ready to build the site."

$(VENV)/.test: $(VENV)/.build requirements-test.txt
	@echo "Adding the pinned test tools (requirements-test.txt) to .venv, once and again when they change; a minute" \
	  "or two, quietly..."
	$(PIP) -r requirements-test.txt
	touch $@
	@echo ".venv is ready to run the tests."

setup: $(VENV)/.build
setup-test: $(VENV)/.test

site: $(VENV)/.build
	$(PY) build.py build

# CHECK adds options: the workflows run `make check CHECK="--strict --format github"`, so that each problem
# shows on its line in a pull request (GitHub's annotations).
check: $(VENV)/.build
	$(PY) build.py check $(CHECK)

serve: $(VENV)/.build
	$(PY) build.py serve --dev-addr $(ADDR)

# axe-core for the accessibility tests, at the version package-lock.json pins.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Type checks and lint, which both test targets run first: mypy, strict on briefing/ (its settings
# are in pyproject.toml), then on tests/ and bench/ (tests/mypy.ini), and ruff over the whole repository.
lint: $(VENV)/.test
	$(PY) -m mypy
	$(PY) -m mypy --config-file tests/mypy.ini
	$(PY) -m ruff check .

# Every test: lint, unit, invalid inputs, golden pages, the real site build, new briefings set up in
# fresh venvs (slow), and the real browser.
test: $(VENV)/.test lint node_modules/axe-core/axe.min.js
	$(PY) -m pytest

# While editing the generator: lint and everything but the browser and the fresh-venv tests (no browser,
# npm or index).
test-fast: $(VENV)/.test lint
	$(PY) -m pytest --ignore=tests/browser -m "not slow"

# The messages the generator writes (i18n.py): extracted into briefing/locale/messages.pot, then merged into
# each language's catalog (briefing/locale/<code>/LC_MESSAGES/messages.po), where a translator fills them in.
catalog: $(VENV)/.build
	$(VENV)/bin/pybabel extract -F babel.cfg -k N_ -k md_message -k say -k message --no-location --sort-output \
	  --omit-header -o briefing/locale/messages.pot .
	$(VENV)/bin/pybabel update -i briefing/locale/messages.pot -d briefing/locale --no-wrap --omit-header --ignore-obsolete \
	  --no-fuzzy-matching

bench: $(VENV)/.build
	$(PY) bench/run.py 1 10 100

# What a reader downloads (bench/search.py): the home page's first visit and each search, on the real
# briefing and at 1x, 10x and 100x, in Chromium (Playwright: the test tools).
bench-search: $(VENV)/.test
	$(PY) bench/search.py 1 10 100

clean:
	rm -rf site $(VENV)
