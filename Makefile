# Perhekeskus: every command a developer repeats.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
LOCK := requirements-dev.lock
HOST ?= 127.0.0.1
PORT ?= 8000

# Debian packages the product needs at run time. WeasyPrint cannot make a PDF without Pango; HarfBuzz's
# subsetter makes each PDF about ten times faster, and DejaVu Sans is the certificates' font (found through
# fontconfig, never fetched at run time): without those two the product works, slower or in another font.
REQUIRED_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0
RECOMMENDED_PACKAGES := libharfbuzz-subset0 fonts-dejavu-core
SYSTEM_PACKAGES := $(REQUIRED_PACKAGES) $(RECOMMENDED_PACKAGES)

.PHONY: install install-system-packages run test lint format bench lock messages worker screenshots

# pip installs uv (pinned in the lock, with its hashes), and uv the lock: a new .venv in seconds where pip alone
# takes half a minute. Where uv cannot reach the index (it does not read pip's configuration), pip does it all.
PIP_INSTALL := $(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps
$(VENV)/.installed: $(LOCK)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	awk '/^uv==/ { uv = 1; print; next } uv && /^ +--hash/ { print; next } { uv = 0 }' $(LOCK) > $(VENV)/uv.lock
	$(PIP_INSTALL) -r $(VENV)/uv.lock
	$(VENV)/bin/uv pip install --quiet --require-hashes --no-deps --python $(PY) -r $(LOCK) || $(PIP_INSTALL) -r $(LOCK)
	touch $@

install: install-system-packages $(VENV)/.installed
	$(VENV)/bin/pybabel compile --domain django --directory locale --statistics

# Installs the missing ones with apt-get (as root or through sudo); where it cannot, says what to run and
# fails only when the product cannot work. Asks dpkg only, so it takes no time when all are there.
install-system-packages:
	@if ! command -v dpkg >/dev/null; then \
		echo "No dpkg, so system packages are not checked: install Pango, HarfBuzz's subsetter and the DejaVu fonts"; \
		echo "with your system's package manager (on Debian: $(SYSTEM_PACKAGES))."; \
		exit 0; \
	fi; \
	found=; missing=; \
	for package in $(SYSTEM_PACKAGES); do \
		if dpkg -s $$package 2>/dev/null | grep -q '^Status: install ok installed'; then \
			found="$$found $$package"; else missing="$$missing $$package"; fi; \
	done; \
	[ -z "$$found" ] || echo "System packages found:$$found"; \
	[ -n "$$missing" ] || exit 0; \
	if [ "$$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi; \
	if ! command -v apt-get >/dev/null; then \
		problem="there is no apt-get"; \
	elif [ -n "$$sudo" ] && ! command -v sudo >/dev/null; then \
		problem="this is not root and there is no sudo"; \
	else \
		echo "Installing system packages:$$missing"; \
		if $$sudo apt-get update -qq && $$sudo apt-get install -y -qq --no-install-recommends $$missing; then \
			echo "System packages installed:$$missing"; exit 0; \
		fi; \
		problem="apt-get failed"; \
	fi; \
	echo "System packages missing:$$missing ($$problem). Install them as root with:" >&2; \
	echo "    apt-get install --no-install-recommends$$missing" >&2; \
	for package in $(REQUIRED_PACKAGES); do \
		case " $$missing " in *" $$package "*) \
			echo "Without Pango ($(REQUIRED_PACKAGES)) no certificate, sign-in sheet or transcript PDF can be made." >&2; \
			exit 1;; \
		esac; \
	done; \
	echo "The product works without them, but PDFs render about ten times slower or in a substitute font." >&2

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

# ical.js (Thunderbird's calendar library) reads our calendars in the tests; installed from package-lock.json when
# npm is present and node_modules is missing or older than the lock (without it those tests skip, or fail in CI).
# The suite runs on every core (pytest-xdist: a database, a live server and a browser per worker); TEST_WORKERS=0
# runs it in one process.
TEST_WORKERS ?= auto
test: install
	@if command -v npm >/dev/null && { [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; }; then \
		npm ci --no-audit --no-fund && touch node_modules; fi
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install
	$(PY) -m bench

# Screenshots of every role's main pages at 1280 and 390 px into docs/screenshots/, from a server with the demo
# loaded (`make run` in another terminal; BASE_URL=... for another one). Fails if a page scrolls sideways.
BASE_URL ?= http://$(HOST):$(PORT)
screenshots: install
	$(PY) docs/screenshots/make.py --base-url $(BASE_URL)

# Refresh the catalogues after changing user-visible strings, then translate sv and en.
messages: install
	$(PY) manage.py makemessages --locale fi --locale sv --locale en --ignore '.venv/*' --no-obsolete

# Re-pin the dependencies after changing pyproject.toml.
lock: install
	$(VENV)/bin/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 --quiet -o requirements.lock
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 --quiet -o requirements-dev.lock
