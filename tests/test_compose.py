"""docker-compose.yml, Dockerfile and .dockerignore, checked without a Docker engine.

What can be known without building: the files parse, every command is one the CLI accepts, every
variable the app is given is a setting it reads, ports and URLs agree with each other, no secret
is written down, and what the Dockerfile copies exists and is not ignored.
"""

from __future__ import annotations

import argparse
import fnmatch
import importlib.util
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy.engine import make_url

from graphql_api.__main__ import build_parser
from graphql_api.app import create_app
from graphql_api.settings import Settings
from tests.support.databases import settings_for
from tests.support.servers import ServerThread

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
APP_SERVICES = ("migrate", "api")
UI_DOCKERFILE = ROOT / "ui" / "Dockerfile"
SETTING_NAMES = {name.upper() for name in Settings.model_fields}
CLI_PREFIX = ["python", "-m", "graphql_api"]


def load_compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return load_compose()


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = compose["services"]
    return found


def command_of(service: dict[str, Any]) -> list[str]:
    command = service["command"]
    if isinstance(command, str):
        return shlex.split(command)
    return [str(arg) for arg in command]


def environment_of(service: dict[str, Any]) -> dict[str, str]:
    environment = service.get("environment", {})
    if isinstance(environment, list):
        environment = dict(item.split("=", 1) for item in environment)
    return {str(name): str(value) for name, value in environment.items()}


_REFERENCE = re.compile(r"\$\{(?P<name>\w+)(?:(?P<op>:?-)(?P<default>[^}]*))?\}")


def interpolate(value: str, environment: dict[str, str]) -> str:
    """Compose's `${NAME}`, `${NAME-default}` and `${NAME:-default}`, for the checks below."""

    def substitute(match: re.Match[str]) -> str:
        name, op, default = match["name"], match["op"], match["default"] or ""
        if op == ":-":
            return environment.get(name) or default
        if op == "-":
            return environment.get(name, default)
        return environment.get(name, "")

    return _REFERENCE.sub(substitute, value)


def test_services_are_the_four_expected(services: dict[str, dict[str, Any]]) -> None:
    assert set(services) == {"db", "migrate", "api", "ui"}


def test_db_is_postgres_15_with_a_healthcheck_and_a_named_volume(
    compose: dict[str, Any], services: dict[str, dict[str, Any]]
) -> None:
    db = services["db"]
    assert db["image"] == "postgres:15"
    test = db["healthcheck"]["test"]
    assert test[0] in {"CMD", "CMD-SHELL"}
    assert "pg_isready" in " ".join(test[1:])
    volume_names = set(compose["volumes"])
    mounts = [str(mount).split(":") for mount in db["volumes"]]
    assert ["db-data", "/var/lib/postgresql/data"] in mounts
    assert "db-data" in volume_names


def test_app_services_run_one_image_built_from_the_dockerfile(
    services: dict[str, dict[str, Any]],
) -> None:
    builds = [services[name]["build"] for name in APP_SERVICES]
    images = [services[name]["image"] for name in APP_SERVICES]
    assert builds[0] == builds[1]
    assert images[0] == images[1]
    build = builds[0]
    context = ROOT / build["context"]
    assert context.resolve() == ROOT
    assert (context / build.get("dockerfile", "Dockerfile")).resolve() == DOCKERFILE


@pytest.mark.parametrize("name", APP_SERVICES)
def test_command_is_accepted_by_the_cli_parser(
    services: dict[str, dict[str, Any]], name: str
) -> None:
    argv = command_of(services[name])
    assert argv[:3] == CLI_PREFIX
    try:
        build_parser().parse_args(argv[3:])
    except SystemExit as error:
        pytest.fail(f"{name}: `{shlex.join(argv)}` is refused by the CLI parser ({error})")


@pytest.mark.parametrize("name", APP_SERVICES)
def test_command_options_are_in_the_subcommand_help(
    services: dict[str, dict[str, Any]], name: str
) -> None:
    argv = command_of(services[name])
    subcommand, options = argv[3], [arg for arg in argv[4:] if arg.startswith("--")]
    env = {key: value for key, value in os.environ.items() if key.upper() not in SETTING_NAMES}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-m", "graphql_api", subcommand, "--help"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for option in options:
        assert re.search(rf"(^|\s){re.escape(option)}\b", result.stdout), (option, result.stdout)


def test_migrate_migrates_and_api_serves_on_all_interfaces(
    services: dict[str, dict[str, Any]],
) -> None:
    parser = build_parser()
    migrate = parser.parse_args(command_of(services["migrate"])[3:])
    assert migrate.command == "migrate"
    assert migrate.revision == "head"
    serve = parser.parse_args(command_of(services["api"])[3:])
    assert serve.command == "serve"
    assert serve.host == "0.0.0.0"  # in a container, every interface is the point


def test_api_publishes_the_port_it_serves_on(services: dict[str, dict[str, Any]]) -> None:
    serve = build_parser().parse_args(command_of(services["api"])[3:])
    ports = [str(port) for port in services["api"]["ports"]]
    assert ports == [f"8000:{serve.port}"]
    assert f"EXPOSE {serve.port}" in DOCKERFILE.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("name", APP_SERVICES)
def test_every_variable_given_to_the_app_is_a_setting(
    services: dict[str, dict[str, Any]], name: str
) -> None:
    environment = environment_of(services[name])
    assert environment, name
    assert set(environment) <= SETTING_NAMES, set(environment) - SETTING_NAMES


@pytest.mark.parametrize("name", APP_SERVICES)
def test_the_app_environment_is_valid_settings(
    services: dict[str, dict[str, Any]], name: str
) -> None:
    """What compose hands over with nothing set on the host makes valid settings."""
    values = {
        key.lower(): interpolate(value, {}) for key, value in environment_of(services[name]).items()
    }
    settings = Settings(_env_file=None, **values)  # type: ignore[arg-type]
    assert settings.database_url.startswith("postgresql+psycopg://")
    assert settings.openai_api_key is None
    assert settings.openai_base_url is None
    assert settings.openai_model == "gpt-4o-mini"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_database_url_names_the_db_service_and_its_credentials(
    services: dict[str, dict[str, Any]], name: str
) -> None:
    url = make_url(environment_of(services[name])["DATABASE_URL"])
    db_environment = environment_of(services["db"])
    assert url.drivername == "postgresql"
    assert url.host == "db"
    assert url.port in {None, 5432}
    assert url.username == db_environment["POSTGRES_USER"]
    assert url.password == db_environment["POSTGRES_PASSWORD"]
    assert url.database == db_environment["POSTGRES_DB"]
    assert f"-U {url.username}" in " ".join(services["db"]["healthcheck"]["test"])


@pytest.mark.parametrize("name", APP_SERVICES)
def test_openai_settings_pass_through_from_the_host(
    services: dict[str, dict[str, Any]], name: str
) -> None:
    environment = environment_of(services[name])
    assert environment["OPENAI_API_KEY"] == "${OPENAI_API_KEY:-}"
    for variable in ("OPENAI_API_KEY", "OPENAI_MODEL", "OPENAI_BASE_URL"):
        match = _REFERENCE.fullmatch(environment[variable])
        assert match is not None, f"{variable} is written down instead of read from the host"
        assert match["name"] == variable
    host = {"OPENAI_API_KEY": "from-the-host", "OPENAI_MODEL": "m", "OPENAI_BASE_URL": "http://x"}
    for variable, value in host.items():
        assert interpolate(environment[variable], host) == value


def test_no_secret_literal_is_written() -> None:
    for path in (COMPOSE_FILE, DOCKERFILE):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"sk-[A-Za-z0-9_-]{8,}", text), path
        for line in text.splitlines():
            if "OPENAI_API_KEY" in line and not line.lstrip().startswith("#"):
                assert re.search(r"OPENAI_API_KEY\s*:\s*\$\{OPENAI_API_KEY:-\}\s*$", line), line


def test_depends_on_waits_for_a_healthy_db_and_a_finished_migration(
    services: dict[str, dict[str, Any]],
) -> None:
    assert services["migrate"]["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert services["api"]["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "migrate": {"condition": "service_completed_successfully"},
    }
    assert "ports" not in services["migrate"]
    assert str(services["migrate"].get("restart", "no")) == "no"


def healthcheck_code(services: dict[str, dict[str, Any]]) -> str:
    test = [str(part) for part in services["api"]["healthcheck"]["test"]]
    assert test[:3] == ["CMD", "python", "-c"], test
    return test[3]


def test_api_healthcheck_passes_on_a_live_service_and_fails_without_one(
    services: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    """The healthcheck's own Python, run against the app on a free port instead of 8000."""
    code = healthcheck_code(services)
    serve = build_parser().parse_args(command_of(services["api"])[3:])
    served_url = f"http://127.0.0.1:{serve.port}/healthz"
    assert served_url in code
    settings = settings_for(f"sqlite+aiosqlite:///{tmp_path / 'health.db'}")
    server = ServerThread(create_app(settings))  # bound to its port, not listening yet
    local_code = code.replace(served_url, f"{server.base_url}/healthz")

    def run_check() -> int:
        return subprocess.run(
            [sys.executable, "-c", local_code], capture_output=True, timeout=60, check=False
        ).returncode

    try:
        assert run_check() != 0
        server.start()
        assert run_check() == 0
    finally:
        server.stop()


def dockerfile_instructions(path: Path = DOCKERFILE) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, continuation lines joined, comments dropped."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line = pending + line
        pending = ""
        keyword, _, arguments = line.partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
    assert not pending, "the Dockerfile ends inside a continued line"
    return instructions


def instruction_arguments(keyword: str, path: Path = DOCKERFILE) -> list[str]:
    return [arguments for name, arguments in dockerfile_instructions(path) if name == keyword]


def dockerfile_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for arguments in instruction_arguments("ENV"):
        for pair in shlex.split(arguments):
            name, _, value = pair.partition("=")
            env[name] = value
    return env


def copy_sources(path: Path = DOCKERFILE) -> list[str]:
    sources: list[str] = []
    for arguments in instruction_arguments("COPY", path):
        if "--from=" in arguments:
            continue  # from an earlier stage, not from the build context
        parts = [part for part in shlex.split(arguments) if not part.startswith("--")]
        assert len(parts) >= 2, arguments
        sources.extend(parts[:-1])
    return sources


def test_dockerfile_builds_from_python_3_11_slim() -> None:
    assert instruction_arguments("FROM") == ["python:3.11-slim"]


def test_dockerfile_installs_the_makefiles_uv_from_pypi_and_syncs_the_lock() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^UV_VERSION\s*:=\s*(\S+)$", makefile, re.MULTILINE)
    assert match is not None
    runs = instruction_arguments("RUN")
    assert f"pip install uv=={match[1]}" in runs
    assert match[1] == "0.13.9"
    assert "uv sync --frozen --no-dev" in runs
    assert runs.index(f"pip install uv=={match[1]}") < runs.index("uv sync --frozen --no-dev")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r"^package = false$", pyproject, re.MULTILINE)


def test_commands_find_python_in_the_synced_venv() -> None:
    """`python` in compose's commands must be the .venv that `uv sync` filled."""
    env = dockerfile_env()
    venv = env["UV_PROJECT_ENVIRONMENT"]
    assert env["PATH"].split(":")[0] == f"{venv}/bin"
    workdirs = instruction_arguments("WORKDIR")
    assert venv == f"{workdirs[-1]}/.venv"


def test_dockerfile_copies_only_files_that_exist_and_are_not_ignored() -> None:
    sources = copy_sources()
    assert {"pyproject.toml", "uv.lock", "alembic.ini"} <= set(sources)
    assert {"migrations", "graphql_api"} <= {source.rstrip("/") for source in sources}
    patterns = ignore_patterns()
    for source in sources:
        path = ROOT / source
        assert path.exists(), source
        files = [path] if path.is_file() else [p for p in path.rglob("*.py") if p.is_file()]
        assert files, source
        for file in files:
            relative = file.relative_to(ROOT).as_posix()
            if "__pycache__" in relative:
                continue
            assert not is_ignored(relative, patterns), relative


def ignore_patterns() -> list[str]:
    lines = DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
    patterns = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert not [pattern for pattern in patterns if pattern.startswith("!")], "no exceptions"
    return [pattern.rstrip("/") for pattern in patterns]


def is_ignored(relative: str, patterns: list[str]) -> bool:
    """Whether a path or one of its parent folders matches a pattern (fnmatch: conservative)."""
    parts = relative.split("/")
    candidates = ["/".join(parts[:end]) for end in range(1, len(parts) + 1)]
    for pattern in patterns:
        bare = pattern.removeprefix("**/")
        for candidate in candidates:
            if fnmatch.fnmatchcase(candidate, pattern):
                return True
            if pattern.startswith("**/") and fnmatch.fnmatchcase(candidate.split("/")[-1], bare):
                return True
    return False


def test_dockerignore_keeps_secrets_and_local_state_out() -> None:
    patterns = ignore_patterns()
    for path in (
        ".env",
        ".env.local",
        ".venv/bin/python",
        ".git/config",
        "node_modules/x",
        "tickets.db",
    ):
        assert is_ignored(path, patterns), path


def test_dockerfile_runs_as_a_non_root_user() -> None:
    users = instruction_arguments("USER")
    assert users, "no USER: the container would run as root"
    assert users[-1] not in {"root", "0", "0:0"}
    instructions = dockerfile_instructions()
    last_user = max(i for i, (name, _) in enumerate(instructions) if name == "USER")
    assert all(name != "RUN" for name, _ in instructions[last_user + 1 :])
    assert any(users[-1] in run for run in instruction_arguments("RUN")), "the user is created"


def test_dockerfile_default_command_is_the_api_command(
    services: dict[str, dict[str, Any]],
) -> None:
    (cmd,) = instruction_arguments("CMD")
    assert json.loads(cmd) == command_of(services["api"])


# The ui service: Reflex's production server, a client of the api service.


def load_ui_stack() -> Any:
    """ui/tickets_ui/stack.py (the UI's command line), which imports nothing of its package."""
    spec = importlib.util.spec_from_file_location(
        "ui_stack", ROOT / "ui" / "tickets_ui" / "stack.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ui_command_args(services: dict[str, dict[str, Any]]) -> argparse.Namespace:
    argv = command_of(services["ui"])
    assert argv[:3] == ["python", "-m", "tickets_ui.stack"], argv
    try:
        args: argparse.Namespace = load_ui_stack().build_parser().parse_args(argv[3:])
    except SystemExit as error:
        pytest.fail(f"`{shlex.join(argv)}` is refused by the UI's command line ({error})")
    return args


def test_ui_serves_only_the_ui_on_all_interfaces(services: dict[str, dict[str, Any]]) -> None:
    args = ui_command_args(services)
    assert args.ui_only  # the api service is the API
    assert args.host == "0.0.0.0"
    assert [str(port) for port in services["ui"]["ports"]] == [f"{args.ui_port}:{args.ui_port}"]
    assert f"EXPOSE {args.ui_port}" in UI_DOCKERFILE.read_text(encoding="utf-8").splitlines()
    (cmd,) = instruction_arguments("CMD", UI_DOCKERFILE)
    assert json.loads(cmd) == command_of(services["ui"])


def test_ui_calls_the_api_service_at_the_port_it_serves_on(
    services: dict[str, dict[str, Any]],
) -> None:
    environment = environment_of(services["ui"])
    assert set(environment) == {"API_URL"}  # no database, no OpenAI key: the UI needs neither
    serve = build_parser().parse_args(command_of(services["api"])[3:])
    assert environment["API_URL"] == f"http://api:{serve.port}"
    assert services["ui"]["depends_on"] == {"api": {"condition": "service_healthy"}}


def test_ui_healthcheck_asks_reflexs_ping_on_its_port(services: dict[str, dict[str, Any]]) -> None:
    test = [str(part) for part in services["ui"]["healthcheck"]["test"]]
    assert test[:3] == ["CMD", "python", "-c"], test
    args = ui_command_args(services)
    assert f"http://127.0.0.1:{args.ui_port}/ping" in test[3]


def test_ui_image_builds_from_the_lock_with_the_makefiles_tools() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    uv_version = re.search(r"^UV_VERSION\s*:=\s*(\S+)$", makefile, re.MULTILINE)
    bun_version = re.search(r"^BUN_VERSION\s*:=\s*(\S+)$", makefile, re.MULTILINE)
    assert uv_version is not None
    assert bun_version is not None
    runs = instruction_arguments("RUN", UI_DOCKERFILE)
    assert f"pip install uv=={uv_version[1]}" in runs
    assert "uv sync --frozen --only-group ui" in runs
    assert any(f"@{bun_version[1]}" in run and "npm install" in run for run in runs)
    assert bun_version[1] == load_ui_stack().BUN_VERSION
    assert instruction_arguments("FROM", UI_DOCKERFILE)[-1] == "python:3.11-slim"


def test_ui_image_copies_only_files_that_exist_and_are_not_ignored() -> None:
    sources = copy_sources(UI_DOCKERFILE)
    assert {"pyproject.toml", "uv.lock", "ui/"} <= set(sources)
    patterns = ignore_patterns()
    for source in sources:
        path = ROOT / source
        assert path.exists(), source
        files = [path] if path.is_file() else [p for p in path.rglob("*.py") if p.is_file()]
        for file in files:
            relative = file.relative_to(ROOT).as_posix()
            if "__pycache__" in relative:
                continue
            assert not is_ignored(relative, patterns), relative
    for local_state in ("ui/.web/node_modules/x", "ui/.states/x"):
        assert is_ignored(local_state, patterns), local_state


def test_ui_image_runs_as_a_non_root_user() -> None:
    users = instruction_arguments("USER", UI_DOCKERFILE)
    assert users
    assert users[-1] not in {"root", "0", "0:0"}
    instructions = dockerfile_instructions(UI_DOCKERFILE)
    last_user = max(i for i, (name, _) in enumerate(instructions) if name == "USER")
    assert all(name != "RUN" for name, _ in instructions[last_user + 1 :])
