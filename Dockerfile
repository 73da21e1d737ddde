# The API image: `python -m graphql_api serve` by default; compose also runs `migrate` with it.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_NO_CACHE=1

# uv from PyPI, at the version the Makefile uses.
RUN pip install uv==0.13.9

WORKDIR /app

# Dependencies first, from the lock file alone, so a code change does not reinstall them.
# `[tool.uv] package = false`: only the dependencies go into .venv; the code runs from /app.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev

COPY alembic.ini ./
COPY migrations/ ./migrations/
COPY graphql_api/ ./graphql_api/
# The local classifier's learned second opinion trains at start-up on the labelled training files
# (graphql_api/classifier/learned.py TRAINING_FILES); never on the holdouts.
COPY data/triage/tune.jsonl data/triage/dev.jsonl data/triage/fresh.jsonl ./data/triage/
COPY data/triage/train-health.jsonl data/triage/train-industry.jsonl ./data/triage/
COPY data/triage/train-retail.jsonl data/triage/train-services.jsonl ./data/triage/
COPY data/triage/train-software.jsonl data/triage/train-small.jsonl ./data/triage/
COPY data/triage/train-inbox.jsonl data/triage/train-desk.jsonl ./data/triage/

RUN useradd --system --uid 10001 --user-group --no-create-home --home-dir /app app
USER app

ENV PATH="/app/.venv/bin:$PATH"
EXPOSE 8000
CMD ["python", "-m", "graphql_api", "serve", "--host", "0.0.0.0", "--port", "8000"]
