"""The service's statements, built by SQLAlchemy, run by psycopg on PostgreSQL.

SQLAlchemy builds each statement once (`tickets/queries.py`) and compiles it once here; psycopg
then runs the SQL on the pooled connection's own driver connection and the rows come back as
plain tuples, through the same type conversions SQLAlchemy would apply. SQLAlchemy's async
execution of an already compiled statement costs about 80 us of Python per statement (a greenlet
hop, an execution context, a result object), as much as psycopg's own work, and a page of tickets
takes two statements. On SQLite, and for a statement this does not handle, SQLAlchemy runs it.

The connections are in autocommit mode (`db.py`), so a statement run here commits on its own, as
it would through SQLAlchemy. A connection the server dropped fails its reset when it goes back to
the pool, and SQLAlchemy then discards it (tests/db/test_statements.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import psycopg
from sqlalchemy import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import ClauseElement, Executable
from sqlalchemy.sql.compiler import SQLCompiler

Row = Sequence[Any]
_Convert = Callable[[Any], Any]


@dataclass(slots=True)
class _Prepared:
    """A statement compiled for psycopg, with how to convert its parameters and its columns."""

    statement: Executable  # kept so that its id is not reused while this is cached
    compiled: SQLCompiler | None  # None: SQLAlchemy runs it
    bind: Mapping[str, _Convert] = field(default_factory=dict)
    # (column index, conversion) for the columns that need one, made from the first result's
    # column types, as SQLAlchemy does.
    read: list[tuple[int, _Convert]] | None = None


# More distinct statements than the service has (a few dozen); past it, something builds them per
# call and keeping them would only grow memory.
_MAX_PREPARED = 512


class StatementRunner:
    """Runs statements for one engine's dialect. Compiled statements are kept by identity:
    statements are meant to be built once (as `tickets/queries.py` does), not per call."""

    def __init__(self, dialect: Dialect) -> None:
        self._dialect = dialect
        self._on_driver = dialect.name == "postgresql" and dialect.driver == "psycopg"
        self._prepared: dict[tuple[int, frozenset[str]], _Prepared] = {}

    async def rows(
        self,
        connection: AsyncConnection,
        statement: Executable,
        parameters: Mapping[str, Any] | None = None,
    ) -> list[Row]:
        """Every row of the statement's result (none for a statement without one)."""
        prepared = self._prepare(statement, parameters or {}) if self._on_driver else None
        driver = (await connection.get_raw_connection()).driver_connection if prepared else None
        if prepared is None or prepared.compiled is None or driver is None:
            result = await connection.execute(statement, parameters)
            return list(result) if result.returns_rows else []
        values = prepared.compiled.construct_params(parameters)
        for name, convert in prepared.bind.items():
            values[name] = convert(values[name])
        cursor = await driver.execute(prepared.compiled.string, values)
        found = await cursor.fetchall() if cursor.description else []
        if prepared.read is None:
            prepared.read = self._readers(prepared.statement, cursor.description or [])
        return _converted(found, prepared.read)

    def _prepare(self, statement: Executable, parameters: Mapping[str, Any]) -> _Prepared:
        # An INSERT or UPDATE sets the columns it is given values for: its SQL depends on them.
        key = (id(statement), frozenset(parameters))
        prepared = self._prepared.get(key)
        if prepared is None or prepared.statement is not statement:
            if len(self._prepared) >= _MAX_PREPARED:
                self._prepared.clear()
            prepared = _compile(statement, self._dialect, list(key[1]))
            self._prepared[key] = prepared
        return prepared

    def _readers(
        self, statement: Executable, description: Sequence[psycopg.Column]
    ) -> list[tuple[int, _Convert]]:
        columns = list(getattr(statement, "exported_columns", []))
        if len(columns) != len(description):  # not expected: keep psycopg's values
            return []
        readers = (
            column.type.result_processor(self._dialect, described.type_code)
            for column, described in zip(columns, description, strict=True)
        )
        return [(index, convert) for index, convert in enumerate(readers) if convert is not None]


def _compile(statement: Executable, dialect: Dialect, keys: list[str]) -> _Prepared:
    if not isinstance(statement, ClauseElement):
        return _Prepared(statement, None)
    compiled = statement.compile(dialect=dialect, column_keys=keys)
    # Lists expanded per call ("IN"), or values rendered into the SQL, need SQLAlchemy.
    if (
        not isinstance(compiled, SQLCompiler)
        or "__[POSTCOMPILE" in compiled.string
        or compiled.literal_execute_params
    ):
        return _Prepared(statement, None)
    bind = {
        name: convert
        for name, parameter in compiled.binds.items()
        if (convert := parameter.type.bind_processor(dialect)) is not None
    }
    return _Prepared(statement, compiled, bind)


def _converted(rows: list[tuple[Any, ...]], converters: list[tuple[int, _Convert]]) -> list[Row]:
    if not converters:
        return list(rows)
    converted: list[Row] = []
    for row in rows:
        values = list(row)
        for index, convert in converters:
            values[index] = convert(values[index])
        converted.append(values)
    return converted
