# consult — run `make help` for the list of targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed


.DEFAULT_GOAL := help
.PHONY: help install run test lint format typecheck migrations-check pytest browser bench messages migrate demo clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-18s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is required")'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) ## Create the virtualenv and install everything (only when pyproject.toml changed)
	bash scripts/ensure-fonts.sh
	$(PY) -m consult.analysis.text.glossary

migrate: install ## Apply database migrations
	@mkdir -p var
	$(PY) manage.py migrate --noinput

demo: migrate ## Load the demo consultations, staff logins and generated responses
	$(PY) manage.py load_demo
	for slug in facial-recognition defence-ai ai-copyright; do \
	  $(PY) manage.py generate_responses --consultation $$slug --count 2000 --seed 1 || exit 1; done

run: demo ## Serve on http://127.0.0.1:8000 with a Celery worker and beat (Ctrl-C stops all)
	bash scripts/run.sh

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: install ## mypy with django-stubs
	$(BIN)/mypy consult

migrations-check: install ## Fail if models changed without a migration
	$(PY) manage.py makemigrations --check --dry-run --settings=consult.settings.test

pytest: install ## The test suite (SQLite by default; PostgreSQL when DATABASE_URL is set)
	bash scripts/ensure-debian-package.sh chromium chromium
	$(BIN)/pytest --ds=consult.settings.test -n 2 --dist loadgroup -q

test: lint typecheck migrations-check pytest ## Everything CI runs: lint, types, migrations, tests

bench: install ## Run the benchmarks (JSON lines; see README)
	bash scripts/ensure-debian-package.sh wrk wrk
	$(PY) -m tests.bench $(ARGS)

messages: install ## Extract and compile translations (ja)
	$(PY) manage.py makemessages -l ja --ignore=.venv --ignore=tests --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var staticfiles .mypy_cache .ruff_cache
