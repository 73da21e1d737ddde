"""Empty, migrated databases for tests: a fresh one per test, on SQLite and on PostgreSQL.

The schema always comes from the Alembic migrations. Each backend is migrated once per run into
a template (a file for SQLite, a template database for PostgreSQL) and every test gets a copy.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

from graphql_api.migrate import upgrade
from graphql_api.settings import Settings


def settings_for(database_url: str, **overrides: object) -> Settings:
    """Settings for a test: nothing from the environment or .env leaks in."""
    values: dict[str, object] = {
        "database_url": database_url,
        "openai_api_key": None,
        "openai_base_url": None,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


def migrate(database_url: str) -> None:
    upgrade(settings_for(database_url), configure_logging=False)


class SqliteDatabases:
    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._template = directory / "template.db"
        migrate(self.url_of(self._template))

    @staticmethod
    def url_of(path: Path) -> str:
        return f"sqlite+aiosqlite:///{path}"

    def create(self) -> str:
        copy = self._directory / f"test-{uuid.uuid4().hex}.db"
        shutil.copyfile(self._template, copy)
        return self.url_of(copy)

    def drop(self, url: str) -> None:
        path = Path(make_url(url).database or "")
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)

    def close(self) -> None:
        pass


class PostgresDatabases:
    """Databases on one server, made with CREATE DATABASE ... TEMPLATE from a migrated one."""

    def __init__(self, server_url: str) -> None:
        self._server = make_url(server_url).set(drivername="postgresql")
        self._template = f"tickets_template_{uuid.uuid4().hex[:12]}"
        self._admin("CREATE DATABASE {}", self._template)
        migrate(self._url(self._template))

    def _url(self, name: str) -> str:
        return self._server.set(drivername="postgresql+psycopg", database=name).render_as_string(
            hide_password=False
        )

    def _admin(self, statement: str, name: str) -> None:
        dsn = self._server.render_as_string(hide_password=False)
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(sql.SQL(statement).format(sql.Identifier(name)))

    def create(self) -> str:
        name = f"tickets_test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(
            self._server.render_as_string(hide_password=False), autocommit=True
        ) as connection:
            connection.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(self._template)
                )
            )
        return self._url(name)

    def drop(self, url: str) -> None:
        name = make_url(url).database or ""
        self._admin("DROP DATABASE IF EXISTS {} WITH (FORCE)", name)

    def close(self) -> None:
        self._admin("DROP DATABASE IF EXISTS {} WITH (FORCE)", self._template)
