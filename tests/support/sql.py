"""Direct SQL against a test database, bypassing the service: for fixtures and constraint tests."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url

# The async drivers the app uses, mapped to their blocking twins for plain test code.
_SYNC_DRIVERS = {"sqlite+aiosqlite": "sqlite", "postgresql+psycopg": "postgresql+psycopg"}


@contextmanager
def connect(database_url: str) -> Iterator[Connection]:
    url = make_url(database_url)
    engine = create_engine(url.set(drivername=_SYNC_DRIVERS[url.drivername]))
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


def sql_datetime(connection: Connection, value: datetime) -> Any:
    """A UTC datetime as the backend stores it (SQLite keeps text with six-digit fractions)."""
    if connection.dialect.name == "sqlite":
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def insert_ticket(database_url: str, **fields: Any) -> int:
    """Insert one ticket row with raw SQL; created_at may be given as an aware datetime."""
    row: dict[str, Any] = {
        "title": "Raw row",
        "description": "Inserted with SQL.",
        "category": "general",
        "priority": "low",
        **fields,
    }
    with connect(database_url) as connection:
        if isinstance(row.get("created_at"), datetime):
            row["created_at"] = sql_datetime(connection, row["created_at"])
        columns = ", ".join(row)
        values = ", ".join(f":{name}" for name in row)
        result = connection.execute(
            text(f"INSERT INTO tickets ({columns}) VALUES ({values}) RETURNING id"),
            row,
        )
        ticket_id: int = result.scalar_one()
        connection.commit()
    return ticket_id


def execute(database_url: str, statement: str, parameters: Mapping[str, Any] | None = None) -> None:
    with connect(database_url) as connection:
        connection.execute(text(statement), dict(parameters or {}))
        connection.commit()
