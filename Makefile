# Two commands matter: `make run` (site with demo content) and `make test` (whole suite on real services).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format services services-stop install check-deploy bench-search bench-load bench-pages messages screenshots \
	prod-up prod-down

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) messages node_modules/.installed

run: $(STAMP) messages
	mkdir -p var
	DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/python manage.py migrate --noinput -v0
	DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/python manage.py load_demo
	DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/python manage.py runserver 127.0.0.1:8000

services:
	scripts/services.sh start

services-stop:
	scripts/services.sh stop

test: $(STAMP) services messages node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Translations: .po files are committed, .mo files are built (msgfmt comes from `scripts/services.sh tools`).
messages: $(STAMP)
	@command -v msgfmt >/dev/null || scripts/services.sh tools
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=var --ignore=node_modules -v0

# axe-core (accessibility test) and Lighthouse (bench-pages), pinned in package.json.
node_modules/.installed: package.json
	@command -v npm >/dev/null || scripts/services.sh tools
	npm install --no-audit --no-fund --silent
	touch node_modules/.installed

# The production process set on this machine (scripts/prod.sh): https://127.0.0.1:8443 behind Caddy.
prod-up: $(STAMP)
	scripts/prod.sh up

prod-down:
	scripts/prod.sh down

check-deploy: $(STAMP)
	SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=pes.example.pl REDIS_URL=redis://127.0.0.1:6379/0 \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING --settings=config.settings.production

bench-pages: $(STAMP) messages node_modules/.installed
	$(BIN)/python -m benchmarks.bench_pages

# Key pages in Polish and English at 375 and 1280 px, into var/screenshots/ for review.
screenshots: $(STAMP) messages
	$(BIN)/python scripts/screenshots.py

bench-load: $(STAMP) services
	$(BIN)/python -m benchmarks.bench_load

# Catalogue search at scale (default 100,000 offers; BENCH_SEARCH_OFFERS=5000 for a quick run).
bench-search: $(STAMP) services
	$(BIN)/python -m benchmarks.bench_search
