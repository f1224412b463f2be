# Two commands on a fresh machine (Python 3.11+ and make): `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
PORT ?= 8000
export PORT
PYTEST_ARGS ?=

.PHONY: run dev test test-fast test-browser lint messages install clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP)

run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py search_rebuild --verbosity 0
	$(BIN)/python manage.py runportal --port $(PORT)

# For development: Django's debug pages and auto-reload (no task worker: run
# `.venv/bin/python manage.py task_worker` beside it to send e-mails).
dev: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	PORTAL_DEBUG=1 $(BIN)/python manage.py runserver $(PORT)

test: $(STAMP)
	@scripts/ensure-system-packages
	$(BIN)/ruff check .
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n 2 --durations=15 $(PYTEST_ARGS)

# The quick part alone: everything but the real-browser tests.
test-fast: $(STAMP)
	$(BIN)/pytest -n 2 -m "not browser" $(PYTEST_ARGS)

test-browser: $(STAMP)
	@scripts/ensure-system-packages
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .

# Refresh the French catalogue after changing strings (needs GNU gettext).
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l fr --ignore=.venv --ignore=var --ignore=tests --ignore=bench
	$(BIN)/python manage.py makemessages -d djangojs -l fr --ignore=.venv --ignore=var
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var
