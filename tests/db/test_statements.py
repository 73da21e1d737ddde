"""Statements run through `graphql_api/statements.py` give what SQLAlchemy itself gives, on both
backends: the same rows, the same types (enum members, aware UTC datetimes), and a connection the
server dropped is not lent again."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC
from typing import Any

import psycopg
import pytest
from sqlalchemy import select, text

from graphql_api.db import Database
from graphql_api.settings import Settings
from graphql_api.tickets import queries
from graphql_api.tickets.enums import Category, Priority, Status
from graphql_api.tickets.models import Ticket


def _database(database_url: str, **settings: Any) -> Database:
    return Database(Settings(_env_file=None, database_url=database_url, **settings))


async def _both_ways(database: Database, statement: Any, parameters: Any = None) -> Any:
    async with database.connect() as connection:
        ours = await database.rows(connection, statement, parameters)
        theirs = (await connection.execute(statement, parameters)).all()
    return ours, theirs


def _insert(category: Category = Category.BILLING) -> dict[str, Any]:
    return {
        "title": "Charged twice",
        "description": "Two charges of 49 EUR on the same day.",
        "category": category,
        "priority": Priority.HIGH,
        "suggested_category": None,
        "suggested_priority": None,
        "suggestion_source": None,
    }


def test_rows_and_types_are_sqlalchemys(database_url: str) -> None:
    async def run() -> None:
        database = _database(database_url)
        try:
            async with database.connect() as connection:
                (created,) = await database.rows(connection, queries.INSERT, _insert())
            ours, theirs = await _both_ways(database, queries.BY_ID, {"id": created[0]})
            assert [tuple(row) for row in ours] == [tuple(row) for row in theirs]
            (row,) = ours
            assert row[3] is Category.BILLING
            assert row[5] is Status.OPEN
            assert row[6].tzinfo is not None
            assert row[6].utcoffset() == UTC.utcoffset(None)
            assert row[7] is None  # no suggestion: NULL stays None
            ours, theirs = await _both_ways(database, queries.STATS)
            assert [tuple(row) for row in ours] == [tuple(row) for row in theirs]
        finally:
            await database.dispose()

    asyncio.run(run())


def test_a_statement_whose_sql_depends_on_its_values_is_run_by_sqlalchemy(
    database_url: str,
) -> None:
    # An IN list is expanded per call: SQLAlchemy renders it, psycopg could not.
    statement = (
        select(Ticket.id, Ticket.category).where(Ticket.id.in_([-1, -2])).order_by(Ticket.id)
    )

    async def run() -> None:
        database = _database(database_url)
        try:
            async with database.connect() as connection:
                (first,) = await database.rows(connection, queries.INSERT, _insert())
                (second,) = await database.rows(
                    connection, queries.INSERT, _insert(Category.TECHNICAL)
                )
            ids = [first[0], second[0]]
            in_list = (
                select(Ticket.id, Ticket.category).where(Ticket.id.in_(ids)).order_by(Ticket.id)
            )
            ours, _ = await _both_ways(database, in_list)
            assert [tuple(row) for row in ours] == [
                (ids[0], Category.BILLING),
                (ids[1], Category.TECHNICAL),
            ]
            assert await _rows(database, statement) == []
        finally:
            await database.dispose()

    asyncio.run(run())


async def _rows(database: Database, statement: Any) -> Sequence[Any]:
    async with database.connect() as connection:
        return await database.rows(connection, statement)


def test_a_connection_the_server_dropped_is_not_lent_again(backend: str, database_url: str) -> None:
    if backend != "postgresql":
        pytest.skip("a server that drops connections: PostgreSQL")

    async def run() -> None:
        database = _database(database_url, db_pool_size=1)
        try:
            async with database.connect() as connection:
                (pid,) = (await connection.execute(text("SELECT pg_backend_pid()"))).one()
            admin = _database(database_url)
            async with admin.engine.connect() as other:
                await other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            await admin.dispose()
            with pytest.raises(psycopg.OperationalError):
                await _rows(database, queries.STATS)
            # The one pooled connection was the dropped one; the next is a new one.
            assert await _rows(database, queries.STATS) is not None
        finally:
            await database.dispose()

    asyncio.run(run())
