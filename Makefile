# The README's two commands: `make run` and `make test`. Each sets up what it needs, idempotently.
PYTHON ?= python3
UV_VERSION := 0.13.9
VENV := .venv
PY := $(VENV)/bin/python
# A uv on PATH is used as is; otherwise one is installed into .tools/ from PyPI.
UV ?= $(shell command -v uv 2>/dev/null || echo .tools/uv/bin/uv)
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run test install lint format typecheck schema migrate clean

run: $(VENV)/.synced
	$(PY) -m graphql_api migrate
	$(PY) -m graphql_api serve --host 127.0.0.1 --port 8000

test: install lint typecheck
	$(PY) -m pytest $(PYTEST_ARGS)

install: $(VENV)/.synced node_modules/.installed

lint: $(VENV)/.synced
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.synced
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

typecheck: $(VENV)/.synced
	$(VENV)/bin/mypy graphql_api migrations tests

schema: $(VENV)/.synced
	$(PY) -m graphql_api export-schema --output schema.graphql

migrate: $(VENV)/.synced
	$(PY) -m graphql_api migrate

.tools/uv/bin/uv:
	@$(PYTHON) -m venv .tools/uv || { echo "python3 -m venv failed: on Debian/Ubuntu run 'sudo apt-get install python3-venv'" >&2; exit 1; }
	.tools/uv/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

clean:
	rm -rf $(VENV) .tools node_modules .mypy_cache .ruff_cache .pytest_cache
