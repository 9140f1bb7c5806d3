# The two commands of the README: `make run` and `make test`. Both create the
# virtual environment themselves (uv, from the lock file).

SHELL := /bin/bash
UV_VERSION := 0.13.8
VENV := .venv
PY := $(VENV)/bin/python
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
PYTEST := $(PY) -m pytest -p no:cacheprovider

.PHONY: run test test-faults test-fast lint house mutation venv infra-up infra-down infra-status contracts bench clean

$(UV):
	python3 -m pip install --quiet --user "uv==$(UV_VERSION)"

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --quiet
	@touch $@

venv: $(VENV)/.synced

## make run: the whole system in one process on SQLite files, with demo data.
run: venv
	$(VENV)/bin/ocop run

## make test: lint, types, architecture, then every tier, including the ones that
## need the real Kafka broker and PostgreSQL (started here by deploy/infra.sh), and the
## fault suite and health tests (tests/faults: a broker and a PostgreSQL of their own).
## The 25 slowest tests are listed at the end, to keep the run near its 30 minutes.
test: venv lint infra-up
	source <(deploy/infra.sh env) && OCOP_REQUIRE_INFRA=1 $(PYTEST) tests --durations=25

## make test-faults: the fault suite and the health tests alone (their own broker and
## PostgreSQL cluster; no shared server, no lock).
test-faults: venv
	$(PYTEST) tests/faults -q -s

## make test-fast: no servers (unit tests only), for the inner loop.
test-fast: venv
	$(PYTEST) tests/unit -q

lint: venv
	$(PY) -m contracts.generate --check
	$(PY) -m system.compose --check
	$(PY) -m system.dashboard --check
	$(PY) -m system.kubernetes --check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

## make house: the size figures of issue 8 (modules over 300 lines, functions over 60,
## the `duplicates` pair count when that tool is installed); `--list` names each.
house: venv
	$(PY) scripts/house.py $(HOUSE_ARGS)

## make mutation: mutmut over the rules engine's scoring, routing and selection modules
## (tests/unit/rules as the test suite). Slow (minutes); not part of `make test`.
## Survivors: `.venv/bin/mutmut results`, one in detail: `.venv/bin/mutmut show NAME`.
mutation: venv
	$(VENV)/bin/mutmut run --max-children 2
	$(VENV)/bin/mutmut results

infra-up: venv
	deploy/infra.sh up

infra-down:
	deploy/infra.sh down

infra-status:
	deploy/infra.sh status

## Regenerate the published schemas, the AsyncAPI document and the gRPC stubs.
contracts: venv
	$(PY) -m contracts.generate --proto

bench: venv infra-up
	source <(deploy/infra.sh env) && $(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
