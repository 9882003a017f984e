# Two commands set everything up on a fresh machine with Python 3.11 and make:
#   make demo   install, migrate a SQLite database under var/, load the demo data, serve on 127.0.0.1:$(PORT)
#   make test   install what the tests need (Debian's chromium when missing) and run the whole suite
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := alongside.config.settings

.PHONY: demo test install install-test browser lint serve worker migrate messages bench clean

# The task worker runs beside the web server (optimisation and other long jobs) and stops with it.
demo: install migrate
	$(BIN)/alongside demo --reset
	@echo "Serving the demo at http://127.0.0.1:$(PORT)/  (Ctrl-C stops it)"
	$(BIN)/alongside db_worker --verbosity 0 & WORKER=$$!; trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	DEBUG=true $(BIN)/alongside runserver 127.0.0.1:$(PORT)

test: install-test browser lint
	$(BIN)/pytest

install: $(VENV)/.installed-runtime
install-test: $(VENV)/.installed-test

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed: install python3.11 (Debian: apt-get install python3.11 python3.11-venv)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# requirements.lock pins every dependency; the package itself installs in editable mode.
$(VENV)/.installed-runtime: $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install --quiet --constraint requirements.lock --editable .
	touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install --quiet --constraint requirements.lock --editable ".[test]"
	touch $(VENV)/.installed-runtime $@

# Browser tests drive Debian's Chromium; Playwright's own browser download does not work offline.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/alongside makemigrations --check --dry-run >/dev/null || { echo "A model change has no migration: run makemigrations."; exit 1; }

migrate: install
	$(BIN)/alongside migrate --no-input --verbosity 0
	@echo "Database ready: var/alongside.sqlite3 (DATABASE_URL overrides)"

serve: install
	$(BIN)/alongside db_worker --verbosity 0 & WORKER=$$!; trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	DEBUG=true $(BIN)/alongside runserver 127.0.0.1:$(PORT)

# The background task worker alone (production runs one or more beside the web processes).
worker: install
	$(BIN)/alongside db_worker

# Regenerate the message catalogues after changing user-facing strings (needs GNU gettext).
messages: install
	cd src/alongside && ../../$(BIN)/django-admin makemessages --locale zh_Hant --locale ja --locale en --ignore "rules/*" && ../../$(BIN)/django-admin compilemessages

bench: install-test
	$(BIN)/python benchmarks/rules_bench.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .hypothesis
