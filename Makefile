# The README's two commands: `make run` and `make test`. Each sets up what it needs, idempotently.
PYTHON ?= python3
UV_VERSION := 0.13.9
VENV := .venv
PY := $(VENV)/bin/python
# A uv on PATH is used as is; otherwise one is installed into .tools/ from PyPI.
UV ?= $(shell command -v uv 2>/dev/null || echo .tools/uv/bin/uv)
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# The UI's JavaScript runtime: bun's binary from the npm registry (Reflex's own installer
# downloads from elsewhere). ui/tickets_ui/stack.py points Reflex at it.
BUN_VERSION := 1.4.4
BUN_PACKAGE := @oven/bun-linux-$(if $(filter aarch64 arm64,$(shell uname -m)),aarch64,x64)
BUN := .tools/bun/node_modules/$(BUN_PACKAGE)/bin/bun

.PHONY: run test install lint format typecheck schema migrate screenshot clean

# The API on 8000 and the UI (Reflex's production build) on 3000; Ctrl-C stops both.
run: install
	PYTHONPATH=ui $(PY) -m tickets_ui.stack --api-port 8000 --ui-port 3000

test: install lint typecheck
	$(PY) -m pytest $(PYTEST_ARGS)

install: $(VENV)/.synced node_modules/.installed $(BUN)

lint: $(VENV)/.synced
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.synced
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

typecheck: $(VENV)/.synced
	$(VENV)/bin/mypy graphql_api migrations tests ui bench

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

$(BUN):
	npm install --prefix .tools/bun --no-save --no-audit --no-fund --loglevel=error $(BUN_PACKAGE)@$(BUN_VERSION)
	@test -x $@

# Rewrites docs/screenshot.png (the README's picture) from the browser test that takes it.
screenshot: install
	UPDATE_SCREENSHOT=1 $(PY) -m pytest tests/ui/test_desk.py -k main_screen_screenshot

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

clean:
	rm -rf $(VENV) .tools node_modules .mypy_cache .ruff_cache .pytest_cache ui/.web ui/.states
