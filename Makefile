# Oversight. `make run` and `make test` work on a fresh machine with only Python 3.11+.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PY_DIRS := libs/domain/oversight_domain libs/db/oversight_db libs/app/oversight_app services/api/oversight_api services/worker/oversight_worker

.PHONY: install run test lint fmt bench migrate clean deploy-check openapi client client-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml clients/python/pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/python -m pip install --quiet -e clients/python  # the partner client, for the contract tests
	touch $(STAMP)

install: $(STAMP)

run: install  ## the whole stack: embedded Postgres + Redis, migrations, API on :8000, worker
	$(BIN)/oversight dev

test: install  ## the test suite (uses OVERSIGHT_TEST_DATABASE_URL / _REDIS_URL when set, else embedded servers)
	$(BIN)/pytest

lint: install  ## ruff, format check, mypy --strict, import contracts, models == migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy $(PY_DIRS) tests
	$(BIN)/lint-imports
	$(BIN)/python -m tests.alembic_check
	$(BIN)/python -m tests.client_check

fmt: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install  ## benchmarks: print measured figures and ratios (never part of `make test`)
	$(BIN)/python -m tests.perf.run_all

# The deployment checkers live in a venv of their own: cloudcoil (the CRD models) registers a pytest plugin.
DEPLOY_VENV := $(VENV)/deploy-tools
$(DEPLOY_VENV)/.installed: deploy/check-requirements.txt
	$(PYTHON) -m venv $(DEPLOY_VENV)
	$(DEPLOY_VENV)/bin/python -m pip install --quiet -r deploy/check-requirements.txt
	touch $@

deploy-check: $(DEPLOY_VENV)/.installed  ## render + validate k8s manifests and compose.yaml offline; build the image where Docker runs
	$(DEPLOY_VENV)/bin/python deploy/check.py

migrate: install
	$(BIN)/oversight migrate

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache .hypothesis

# The partner contract: openapi.json at the root is what the app serves; clients/python is generated from it.
OPENAPI_CLIENT_ARGS := --path openapi.json --meta pdm --config clients/python-config.yaml --fail-on-warning

openapi: install  ## write openapi.json (the document the API serves)
	$(BIN)/oversight openapi --output openapi.json

client: install  ## regenerate the partner client clients/python from openapi.json (never edit it by hand)
	rm -rf clients/python
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/openapi-python-client generate $(OPENAPI_CLIENT_ARGS) --output-path clients/python

client-check: install  ## clients/python is what the generator makes of openapi.json, with no warning
	$(BIN)/python -m tests.client_check
