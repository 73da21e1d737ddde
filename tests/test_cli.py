"""The command line as users run it: `python -m graphql_api ...` in a process of its own.

Each run has a controlled environment and runs in an empty directory, so neither the caller's
settings nor a `.env` leak in.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from graphql_api.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema.graphql"
TIMEOUT_S = 120  # a guard against a hang, not a measurement

SUBCOMMAND_OPTIONS = {
    "serve": ["--host", "--port", "--workers"],
    "migrate": ["--revision"],
    "export-schema": ["--output", "--check"],
}


def cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    setting_names = {name.upper() for name in Settings.model_fields}
    environment = {
        name: value
        for name, value in os.environ.items()
        if name.upper() not in setting_names and name != "PYTHONPATH"
    }
    environment["PYTHONPATH"] = str(ROOT)
    environment["DATABASE_URL"] = f"sqlite:///{cwd / 'cli.db'}"
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "graphql_api", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )


def test_help_lists_every_subcommand(tmp_path: Path) -> None:
    result = cli("--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: python -m graphql_api")
    for subcommand in SUBCOMMAND_OPTIONS:
        assert subcommand in result.stdout


def test_no_subcommand_is_a_usage_error(tmp_path: Path) -> None:
    result = cli(cwd=tmp_path)
    assert result.returncode == 2
    assert "usage:" in result.stderr


@pytest.mark.parametrize(("subcommand", "options"), SUBCOMMAND_OPTIONS.items())
def test_subcommand_help_mentions_its_options(
    tmp_path: Path, subcommand: str, options: list[str]
) -> None:
    result = cli(subcommand, "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: python -m graphql_api {subcommand}")
    for option in options:
        assert option in result.stdout
    # --help must not have done the work: no database was made.
    assert not (tmp_path / "cli.db").exists()


def test_unknown_option_is_a_usage_error(tmp_path: Path) -> None:
    result = cli("serve", "--no-such-option", cwd=tmp_path)
    assert result.returncode == 2
    assert "--no-such-option" in result.stderr


def test_committed_schema_matches_the_code(tmp_path: Path) -> None:
    result = cli("export-schema", "--check", "--output", str(SCHEMA), cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_check_fails_on_a_schema_that_drifted(tmp_path: Path) -> None:
    drifted = tmp_path / "schema.graphql"
    drifted.write_text(SCHEMA.read_text(encoding="utf-8") + "\nscalar Drift\n", encoding="utf-8")
    result = cli("export-schema", "--check", "--output", str(drifted), cwd=tmp_path)
    assert result.returncode == 1
    assert "differs from the code" in result.stderr
    assert drifted.read_text(encoding="utf-8").endswith("scalar Drift\n")  # --check never writes


def test_check_fails_when_the_file_is_missing(tmp_path: Path) -> None:
    result = cli(
        "export-schema", "--check", "--output", str(tmp_path / "none.graphql"), cwd=tmp_path
    )
    assert result.returncode == 1
    assert not (tmp_path / "none.graphql").exists()


def test_export_writes_the_committed_schema(tmp_path: Path) -> None:
    output = tmp_path / "out" / "schema.graphql"
    output.parent.mkdir()
    result = cli("export-schema", "--output", str(output), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert output.read_text(encoding="utf-8") == SCHEMA.read_text(encoding="utf-8")


def test_export_defaults_to_schema_graphql_in_the_working_directory(tmp_path: Path) -> None:
    result = cli("export-schema", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "schema.graphql").read_text(encoding="utf-8") == SCHEMA.read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DATABASE_URL", "mysql://x"),
        ("DATABASE_URL", "not a url"),
        ("CLASSIFY_TIMEOUT_S", "-1"),
        ("CLASSIFY_TIMEOUT_S", "soon"),
        ("MAX_BODY_BYTES", "10"),
        ("REST_PAGE_DEFAULT", "0"),
    ],
)
@pytest.mark.parametrize("subcommand", ["migrate", "serve", "export-schema"])
def test_a_bad_setting_exits_2_naming_it(
    tmp_path: Path, subcommand: str, name: str, value: str
) -> None:
    result = cli(subcommand, cwd=tmp_path, env={name: value})
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"invalid setting {name}:" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "cli.db").exists()
    assert not (tmp_path / "schema.graphql").exists()


def test_every_bad_setting_is_named_at_once(tmp_path: Path) -> None:
    result = cli("migrate", cwd=tmp_path, env={"DATABASE_URL": "mysql://x", "DB_POOL_SIZE": "0"})
    assert result.returncode == 2
    assert "invalid setting DATABASE_URL:" in result.stderr
    assert "invalid setting DB_POOL_SIZE:" in result.stderr


def test_a_dotenv_in_the_working_directory_is_read(tmp_path: Path) -> None:
    """The settings come from `.env` too; a bad value there is named like one in the env."""
    (tmp_path / ".env").write_text("CLASSIFY_TIMEOUT_S=-1\n", encoding="utf-8")
    result = cli("migrate", cwd=tmp_path)
    assert result.returncode == 2
    assert "invalid setting CLASSIFY_TIMEOUT_S:" in result.stderr


def tables_of(database: Path) -> set[str]:
    with closing(sqlite3.connect(database)) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {name for (name,) in rows}


def test_migrate_builds_the_database_and_is_idempotent(tmp_path: Path) -> None:
    result = cli("migrate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert {"tickets", "alembic_version"} <= tables_of(tmp_path / "cli.db")
    again = cli("migrate", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert {"tickets", "alembic_version"} <= tables_of(tmp_path / "cli.db")


def test_migrate_to_base_leaves_no_tickets_table(tmp_path: Path) -> None:
    """--revision reaches alembic: `base` is a valid target that creates nothing."""
    result = cli("migrate", "--revision", "base", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "tickets" not in tables_of(tmp_path / "cli.db")
