# The two commands (see README): `make serve` runs the web UI, `make test` runs the tests.
# Both create the virtual environment and install the project first when needed.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8000
WORKERS ?= 2
# `make test` runs the suite on every core (pytest-xdist, one file per worker at a time, so a file's
# module fixtures are built once); TEST_WORKERS=0 runs it in this one process, in file order.
TEST_WORKERS ?= auto
PYTEST_ARGS ?=

.PHONY: install serve test lint typecheck check chromium postgresql wordnet benchmarks clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Debian's PostgreSQL server binaries: the web tests start a throw-away cluster of their own
# (a temp folder, a free local port; no system service is used).
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }

# Debian's WordNet 3.0 database: `rubric derive` adds synonyms to short-answer cue groups from it
# (derive works without it, writing no synonyms; grading never reads it).
wordnet:
	@[ -f /usr/share/wordnet/index.noun ] || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq wordnet-base >/dev/null; }

serve: $(STAMP)
	$(BIN)/mains-eval serve --host $(HOST) --port $(PORT) --workers $(WORKERS)

test: $(STAMP) chromium postgresql wordnet
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile --cov --cov-report=term $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck

benchmarks: $(STAMP)
	$(BIN)/python benchmarks/scoring.py
	$(BIN)/python benchmarks/batch.py
	$(BIN)/python benchmarks/web.py
	$(BIN)/python benchmarks/agreement.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .coverage htmlcov test-artifacts
