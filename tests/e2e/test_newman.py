"""The Postman collections, run by newman against the real service started as users start it.

`python -m graphql_api migrate` builds an empty database, `python -m graphql_api serve` serves it
in a process of its own, and newman runs this project's collection and the original
implementation's (a copy of ../shared/peer, unchanged) on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

from graphql_api.settings import Settings
from tests.conftest import skip_or_fail
from tests.support.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
OWN_COLLECTION = ROOT / "postman" / "SupportTicketSystem.postman_collection.json"
PEER_COLLECTION = Path(__file__).resolve().parent / "peer" / OWN_COLLECTION.name
PEER_ORIGINAL = ROOT.parent / "shared" / "peer" / OWN_COLLECTION.name
NEWMAN = ROOT / "node_modules" / ".bin" / "newman"

# Guards against a hang, not measurements: each is far above what a healthy run takes.
START_DEADLINE_S = 60
COMMAND_TIMEOUT_S = 300


def service_env(database_url: str) -> dict[str, str]:
    """The caller's environment without any setting of the service, plus the database."""
    setting_names = {name.upper() for name in Settings.model_fields}
    env = {name: value for name, value in os.environ.items() if name.upper() not in setting_names}
    env.update(
        DATABASE_URL=database_url,
        # No key: the classifier answers with its fallback and never leaves the machine.
        OPENAI_API_KEY="",
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="1",
    )
    return env


@pytest.fixture
def empty_database_url(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[str]:
    """A database with no tables at all, named by the URL a user would write."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'tickets.db'}"
        return
    server = make_url(request.getfixturevalue("postgres_server_url")).set(drivername="postgresql")
    admin_dsn = server.render_as_string(hide_password=False)
    name = f"tickets_e2e_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_dsn, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@dataclass
class RunningService:
    base_url: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def service(empty_database_url: str, tmp_path: Path) -> Iterator[RunningService]:
    """`migrate`, then `serve` on a free port, from a directory without a .env; stopped after."""
    env = service_env(empty_database_url)
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    migrate = subprocess.run(
        [sys.executable, "-m", "graphql_api", "migrate"],
        env=env,
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT_S,
        check=False,
    )
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr

    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "graphql_api", "serve", "--port", str(port)],
            env=env,
            cwd=workdir,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    running = RunningService(base_url=f"http://127.0.0.1:{port}", log=log)
    try:
        wait_until_healthy(process, running)
        yield running
    finally:
        stop(process)


def wait_until_healthy(process: subprocess.Popen[bytes], running: RunningService) -> None:
    deadline = time.monotonic() + START_DEADLINE_S
    with httpx.Client(base_url=running.base_url, timeout=5) as client:
        while True:
            if process.poll() is not None:
                pytest.fail(f"serve exited with {process.returncode}:\n{running.output()}")
            try:
                response = client.get("/healthz")
            except httpx.TransportError:
                pass
            else:
                if response.status_code == 200 and response.json() == {"status": "ok"}:
                    return
            if time.monotonic() > deadline:
                pytest.fail(f"/healthz never answered 200:\n{running.output()}")
            time.sleep(0.1)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


@pytest.fixture
def newman() -> Path:
    if not os.access(NEWMAN, os.X_OK):
        skip_or_fail(f"{NEWMAN.relative_to(ROOT)} is missing: run `npm ci` (or `make install`)")
    return NEWMAN


def run_newman(
    newman: Path, collection: Path, service: RunningService, report: Path
) -> dict[str, Any]:
    completed = subprocess.run(
        [
            str(newman),
            "run",
            str(collection),
            "--env-var",
            f"baseUrl={service.base_url}",
            "--reporters",
            "cli,json",
            "--reporter-json-export",
            str(report),
            "--color",
            "off",
            "--disable-unicode",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT_S,
        check=False,
    )
    explanation = (
        f"newman exited with {completed.returncode}\n{completed.stdout}\n{completed.stderr}\n"
        f"--- server log ---\n{service.output()}"
    )
    assert completed.returncode == 0, explanation
    run: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))["run"]
    assertions = run["stats"]["assertions"]
    assert assertions["failed"] == 0, explanation
    assert assertions["total"] > 0, explanation
    assert run["failures"] == [], explanation
    assert run["stats"]["requests"]["failed"] == 0, explanation
    return run


def collection_items(collection: Path) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads(collection.read_text(encoding="utf-8"))["item"]
    return items


def test_own_collection_passes(newman: Path, service: RunningService, tmp_path: Path) -> None:
    run = run_newman(newman, OWN_COLLECTION, service, tmp_path / "report.json")
    executed = [execution["item"]["name"] for execution in run["executions"]]
    assert executed == [item["name"] for item in collection_items(OWN_COLLECTION)]
    without_assertion = [
        execution["item"]["name"]
        for execution in run["executions"]
        if not execution.get("assertions")
    ]
    assert without_assertion == []


def test_peer_collection_passes_unchanged(
    newman: Path, service: RunningService, tmp_path: Path
) -> None:
    run = run_newman(newman, PEER_COLLECTION, service, tmp_path / "report.json")
    executed = [execution["item"]["name"] for execution in run["executions"]]
    assert executed == [item["name"] for item in collection_items(PEER_COLLECTION)]
    # Its one assertion (Create returns 201) ran and passed; the rest only need no failure.
    assert run["stats"]["assertions"]["total"] >= 1
    statuses = {
        execution["item"]["name"]: execution["response"]["code"] for execution in run["executions"]
    }
    assert statuses == {
        "Classify": 200,
        "Create Ticket": 201,
        "List Tickets": 200,
        "List Tickets With Filters": 200,
        "Patch Ticket Status": 200,
        "Get Stats": 200,
    }


def test_peer_copy_is_the_shared_file_unchanged() -> None:
    """The copy in the repository (CI checks out only the repo) must not drift from the peer's."""
    if not PEER_ORIGINAL.exists():
        pytest.skip(f"{PEER_ORIGINAL} is not checked out here (only the repository is)")
    assert PEER_COLLECTION.read_bytes() == PEER_ORIGINAL.read_bytes()


def scripts_of(item: dict[str, Any], listen: str) -> list[str]:
    return [
        "\n".join(event["script"]["exec"])
        for event in item.get("event", [])
        if event["listen"] == listen
    ]


def test_own_collection_asserts_on_every_request() -> None:
    collection = json.loads(OWN_COLLECTION.read_text(encoding="utf-8"))
    assert collection["info"]["schema"] == (
        "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
    )
    variables = {variable["key"]: variable["value"] for variable in collection["variable"]}
    assert variables["baseUrl"] == "http://127.0.0.1:8000"
    for item in collection["item"]:
        tests = scripts_of(item, "test")
        assert any("pm.test(" in script for script in tests), item["name"]
        for script in tests + scripts_of(item, "prerequest"):
            # `data` is a global of newman's sandbox: redeclaring it makes the script throw.
            assert not any(
                line.startswith(("const data", "let data", "var data"))
                for line in script.splitlines()
            ), item["name"]
        assert item["request"]["url"]["raw"].startswith("{{baseUrl}}"), item["name"]
