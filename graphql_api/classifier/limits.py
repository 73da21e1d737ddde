"""What keeps the LLM bill bounded: a rate per client, and a budget per UTC day in total."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, date, datetime

from cachetools import LRUCache
from sqlalchemy import Column, Date, Integer, MetaData, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

# The row per day that migration 0002 creates.
llm_usage = Table(
    "llm_usage",
    MetaData(),
    Column("day", Date, primary_key=True),
    Column("calls", Integer, nullable=False),
)

# Clients tracked at once; the least recently seen are forgotten first (and start afresh).
_MAX_TRACKED_CLIENTS = 10_000


class ClientRateLimiter:
    """A token bucket per client: `per_minute` calls a minute, refilled continuously.

    Kept in the worker's memory: with N workers a client may get up to N times the rate, which
    is fine for its purpose (keeping one client from draining the daily budget).
    """

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self._capacity = float(per_minute)
        self._refill_per_s = per_minute / 60.0
        self._clock = clock
        self._buckets: LRUCache[str, tuple[float, float]] = LRUCache(maxsize=_MAX_TRACKED_CLIENTS)

    def allow(self, client: str) -> bool:
        """Take one token for `client` if there is one."""
        now = self._clock()
        tokens, last = self._buckets.get(client, (self._capacity, now))
        tokens = min(self._capacity, tokens + (now - last) * self._refill_per_s)
        if tokens < 1.0:
            self._buckets[client] = (tokens, now)
            return False
        self._buckets[client] = (tokens - 1.0, now)
        return True


class DailyBudget:
    """LLM calls per UTC day across every worker, counted in the database.

    One atomic upsert per call spends a unit only while the day's count is under the limit, so
    the budget holds under concurrency and across restarts.
    """

    def __init__(
        self, engine: AsyncEngine, limit: int, today: Callable[[], date] | None = None
    ) -> None:
        self._engine = engine
        self._limit = limit
        self._today = today or (lambda: datetime.now(UTC).date())

    async def spend(self) -> bool:
        """Count one call against today's budget; False (and nothing counted) when it is spent."""
        if self._limit <= 0:
            return False
        dialect = postgresql if self._engine.dialect.name == "postgresql" else sqlite
        insert = dialect.insert(llm_usage).values(day=self._today(), calls=1)
        statement = insert.on_conflict_do_update(
            index_elements=[llm_usage.c.day],
            set_={"calls": llm_usage.c.calls + 1},
            where=llm_usage.c.calls < self._limit,
        ).returning(llm_usage.c.calls)
        async with self._engine.begin() as connection:
            spent = (await connection.execute(statement)).first()
        return spent is not None

    async def used_today(self) -> int:
        async with self._engine.connect() as connection:
            calls = await connection.scalar(
                llm_usage.select()
                .with_only_columns(llm_usage.c.calls)
                .where(llm_usage.c.day == self._today())
            )
        return int(calls or 0)
