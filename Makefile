# Perhekeskus: every command a developer repeats.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
LOCK := requirements-dev.lock
HOST ?= 127.0.0.1
PORT ?= 8000

FONT_PACKAGE := fonts-dejavu-core
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install fonts run test lint format bench lock messages worker

$(VENV)/.installed: $(LOCK)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(LOCK)
	touch $@

install: $(VENV)/.installed fonts
	$(VENV)/bin/pybabel compile --domain django --directory locale --statistics

# The certificates' font (DejaVu Sans, found through fontconfig; never fetched at run time).
fonts:
	@fc-list 2>/dev/null | grep -q "DejaVu Sans" || { \
		echo "Installing the certificate font: $(FONT_PACKAGE)"; \
		command -v apt-get >/dev/null || { echo "Install DejaVu Sans with your system's package manager"; exit 1; }; \
		$(SUDO) apt-get install -y --no-install-recommends $(FONT_PACKAGE); }

# The server, the task worker and the demo loader all see HOST and PORT: development settings derive
# SITE_URL from them, so the links they print and mail point at this server (config/settings/dev.py).
run worker: export HOST := $(HOST)
run worker: export PORT := $(PORT)

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Serving http://$(HOST):$(PORT)/ with a task worker (Ctrl+C stops both)"
	$(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

worker: install
	$(PY) manage.py db_worker

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install
	$(PY) -m bench

# Refresh the catalogues after changing user-visible strings, then translate sv and en.
messages: install
	$(PY) manage.py makemessages --locale fi --locale sv --locale en --ignore '.venv/*' --no-obsolete

# Re-pin the dependencies after changing pyproject.toml.
lock: install
	$(VENV)/bin/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 --quiet -o requirements.lock
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 --quiet -o requirements-dev.lock
