"""The async engine, and connections in autocommit mode for the service's one-statement work."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from graphql_api.settings import Settings
from graphql_api.statements import StatementRunner


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers work while a write is in progress; busy_timeout waits for the writer
    # instead of failing with "database is locked".
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
    # SQLite's own lower() folds ASCII only; searching "ÉTÉ" must find "été" as on PostgreSQL.
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)


def _unicode_lower(value: str | None) -> str | None:
    return value.lower() if isinstance(value, str) else value


def create_engine(settings: Settings, *, autocommit: bool = False) -> AsyncEngine:
    """The engine; with `autocommit`, each statement commits on its own (no BEGIN/COMMIT)."""
    isolation: dict[str, Any] = {"isolation_level": "AUTOCOMMIT"} if autocommit else {}
    if settings.is_sqlite:
        engine = create_async_engine(settings.database_url, **isolation)
        event.listen(engine.sync_engine, "connect", _configure_sqlite_connection)
        return engine
    return create_async_engine(
        settings.database_url,
        **isolation,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_pool_size // 2,
        pool_pre_ping=False,
        pool_recycle=1800,
    )


class Database:
    """Owns the engine for the life of the app and lends out its connections.

    Connections are in autocommit mode: the service's reads and writes are each one statement,
    atomic on its own, so none needs a transaction around it (see `tickets/service.py`).
    """

    def __init__(self, settings: Settings) -> None:
        self.engine = create_engine(settings, autocommit=True)
        # Every row of a statement run on one of its connections (`statements.py`).
        self.rows = StatementRunner(self.engine.dialect).rows

    def connect(self) -> AbstractAsyncContextManager[AsyncConnection]:
        """A pooled connection, returned to the pool when the block ends."""
        return self.engine.connect()

    async def ping(self) -> None:
        async with self.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        await self.engine.dispose()
