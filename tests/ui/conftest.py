"""The whole stack for browser tests: the API (fresh SQLite per test), the fake OpenAI server,
the UI's production build (started once per session), and Debian's chromium through Playwright.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import skip_or_fail
from tests.support.fake_openai import FakeOpenAI
from tests.support.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "ui"))

from tickets_ui import stack  # noqa: E402

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
ARTIFACTS = ROOT / "tests" / "artifacts" / "ui"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# What the fake LLM answers unless a test says otherwise.
DEFAULT_ANSWER = {"category": "billing", "priority": "high"}

# Every setting the API reads, so that none leaks in from the developer's shell.
_API_SETTING_PREFIXES = ("DATABASE_", "OPENAI_", "CLASSIFY_", "GRAPHQL_", "REST_", "DB_")
_API_SETTINGS = {"DEBUG", "MAX_BODY_BYTES", "TRUSTED_PROXIES"}


def _api_env(**settings: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(_API_SETTING_PREFIXES) and key not in _API_SETTINGS
    }
    env["PYTHONPATH"] = str(ROOT)
    env.update(settings)
    return env


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        skip_or_fail(f"the browser tests need chromium at {CHROMIUM} (apt-get install chromium)")
    if not stack.bun_path().exists():
        skip_or_fail(f"browser tests need bun at {stack.bun_path()} (make install)")
    return CHROMIUM


@pytest.fixture(scope="session")
def fake_llm() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as fake:
        yield fake


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated once by the real command line; each test gets a copy."""
    path = tmp_path_factory.mktemp("ui-db") / "template.db"
    subprocess.run(
        [sys.executable, "-m", "graphql_api", "migrate"],
        cwd=path.parent,
        env=_api_env(DATABASE_URL=f"sqlite+aiosqlite:///{path}"),
        check=True,
        capture_output=True,
        timeout=120,
    )
    return path


@pytest.fixture(scope="session")
def api_port() -> int:
    """One port for every test's API, since the UI is built and started once with its URL."""
    return free_port()


@pytest.fixture(scope="session")
def ui_url(
    chromium_path: Path, api_port: int, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """Reflex's production server (frontend built once per session, backend on the same port)."""
    port = free_port()
    log = tmp_path_factory.mktemp("ui-log") / "reflex.log"
    env = stack.reflex_env(f"http://127.0.0.1:{api_port}")
    env["API_TIMEOUT_S"] = "5"
    ui = stack.Service(
        "UI", stack.ui_command(port, "127.0.0.1"), cwd=stack.UI_DIR, env=env, log=log
    )
    try:
        stack.wait_for_http(f"http://127.0.0.1:{port}/", ui, timeout_s=600)
    except (RuntimeError, TimeoutError) as error:
        ui.stop()
        pytest.fail(f"{error}\n--- reflex log ---\n{log.read_text(errors='replace')[-6000:]}")
    yield f"http://127.0.0.1:{port}"
    ui.stop()


@dataclass
class RunningApi:
    url: str
    service: stack.Service
    http: httpx.Client

    def graphql(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = self.http.post("/graphql", json={"query": query, "variables": variables or {}})
        body: dict[str, Any] = response.json()
        assert "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return data

    def create(self, **fields: str) -> dict[str, Any]:
        """A ticket made through the API as another client would."""
        ticket_input = {
            "title": "Cannot log in",
            "description": "The sign-in page rejects my password.",
            "category": "ACCOUNT",
            "priority": "HIGH",
            **fields,
        }
        result: dict[str, Any] = self.graphql(
            "mutation($input: CreateTicketInput!) { createTicket(input: $input) {"
            " __typename ... on Ticket { id } ... on ValidationError { fields { field message } }"
            " } }",
            {"input": ticket_input},
        )["createTicket"]
        assert result["__typename"] == "Ticket", result
        return result

    def stop(self) -> None:
        self.http.close()
        self.service.stop()


ApiStarter = Callable[..., RunningApi]


@pytest.fixture
def start_api(
    api_port: int, template_db: Path, fake_llm: FakeOpenAI, tmp_path: Path
) -> Iterator[ApiStarter]:
    """Starts `python -m graphql_api serve` on the session's API port with a fresh database."""
    started: list[RunningApi] = []
    fake_llm.answer_json(DEFAULT_ANSWER)

    def start(*, openai_base_url: str | None = None) -> RunningApi:
        for running in started:
            running.stop()
        database = tmp_path / f"tickets-{len(started)}.db"
        shutil.copyfile(template_db, database)
        env = _api_env(
            DATABASE_URL=f"sqlite+aiosqlite:///{database}",
            OPENAI_API_KEY="test-key",
            OPENAI_BASE_URL=openai_base_url or f"{fake_llm.base_url}/v1",
            CLASSIFY_TIMEOUT_S="3",
        )
        service = stack.Service(
            "API",
            stack.api_command("serve", "--host", "127.0.0.1", "--port", str(api_port)),
            cwd=tmp_path,
            env=env,
            log=tmp_path / "api.log",
        )
        url = f"http://127.0.0.1:{api_port}"
        stack.wait_for_http(f"{url}/healthz", service, timeout_s=60)
        running = RunningApi(url=url, service=service, http=httpx.Client(base_url=url, timeout=30))
        started.append(running)
        return running

    yield start
    for running in started:
        running.stop()


@pytest.fixture
def api(start_api: ApiStarter) -> RunningApi:
    return start_api()


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def viewport() -> dict[str, int]:
    return {"width": 1366, "height": 900}


@pytest.fixture
def page(
    browser: Any, ui_url: str, viewport: dict[str, int], request: pytest.FixtureRequest
) -> Iterator[Any]:
    """A fresh browser context (so a fresh UI state); a screenshot when the test is done.

    No browser dialog (alert, confirm) may open during any test: ticket text is never code.
    """
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)
    context = browser.new_context(viewport=viewport, base_url=ui_url)
    page = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    try:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    finally:
        context.close()
    assert not dialogs, f"a browser dialog opened: {dialogs}"
