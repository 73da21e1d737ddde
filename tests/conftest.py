"""Shared fixtures: a fresh migrated database per test on each backend, and the API over HTTP."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pytest_postgresql import factories

from graphql_api.app import create_app
from tests.support.databases import PostgresDatabases, SqliteDatabases, settings_for
from tests.support.servers import ServerThread

IN_CI = os.environ.get("CI") == "true"

# A throwaway cluster from the machine's PostgreSQL binaries, used when TEST_DATABASE_URL is unset.
postgresql_proc = factories.postgresql_proc()


def skip_or_fail(reason: str) -> None:
    """Missing infrastructure skips a test on a laptop but fails it in CI."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: this must not be skipped)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_server_url(request: pytest.FixtureRequest) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    try:
        process = request.getfixturevalue("postgresql_proc")
    except Exception as error:
        skip_or_fail(
            "PostgreSQL tests need TEST_DATABASE_URL or PostgreSQL binaries that can start a "
            f"throwaway cluster as a non-root user: {error}"
        )
    password = f":{process.password}" if process.password else ""
    return f"postgresql://{process.user}{password}@{process.host}:{process.port}/postgres"


@pytest.fixture(scope="session")
def sqlite_databases(tmp_path_factory: pytest.TempPathFactory) -> SqliteDatabases:
    return SqliteDatabases(tmp_path_factory.mktemp("sqlite"))


@pytest.fixture(scope="session")
def postgresql_databases(postgres_server_url: str) -> Iterator[PostgresDatabases]:
    databases = PostgresDatabases(postgres_server_url)
    yield databases
    databases.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


@pytest.fixture
def database_url(backend: str, request: pytest.FixtureRequest) -> Iterator[str]:
    """An empty database built by the migrations, for this test alone."""
    databases: SqliteDatabases | PostgresDatabases = request.getfixturevalue(f"{backend}_databases")
    url = databases.create()
    yield url
    databases.drop(url)


class Api:
    """The running service, spoken to over real HTTP."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.http = httpx.Client(base_url=base_url, timeout=30)

    def graphql(
        self, query: str, variables: dict[str, Any] | None = None, *, expect_errors: bool = False
    ) -> dict[str, Any]:
        response = self.http.post("/graphql", json={"query": query, "variables": variables or {}})
        body: dict[str, Any] = response.json()
        if expect_errors:
            assert body.get("errors"), body
        else:
            assert response.status_code == 200, body
            assert "errors" not in body, body["errors"]
        return body if expect_errors else body["data"]

    def create(self, **fields: Any) -> dict[str, Any]:
        """Create a ticket through REST; fields default to a valid ticket."""
        payload = {
            "title": "Cannot log in",
            "description": "The sign-in page rejects my password.",
            "category": "account",
            "priority": "high",
            **fields,
        }
        response = self.http.post("/api/tickets/", json=payload)
        assert response.status_code == 201, response.text
        created: dict[str, Any] = response.json()
        return created

    def close(self) -> None:
        self.http.close()


ApiFactory = Callable[..., Api]


@pytest.fixture
def start_api(database_url: str) -> Iterator[ApiFactory]:
    """Starts the app on a free port with test settings plus the given overrides."""
    servers: list[tuple[ServerThread, Api]] = []

    def start(**overrides: Any) -> Api:
        settings = settings_for(overrides.pop("database_url", database_url), **overrides)
        server = ServerThread(create_app(settings)).start()
        api = Api(server.base_url)
        servers.append((server, api))
        return api

    yield start
    for server, api in servers:
        api.close()
        server.stop()


@pytest.fixture
def api(start_api: ApiFactory) -> Api:
    return start_api()


@pytest.fixture(scope="session")
def project_root() -> Path:
    return Path(__file__).resolve().parent.parent
