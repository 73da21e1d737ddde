"""Loads demo tickets in bulk: COPY on PostgreSQL, batched multi-row inserts on SQLite."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from sqlalchemy import insert, text

from graphql_api.db import create_engine
from graphql_api.settings import Settings
from graphql_api.tickets.demo_data import DemoTicket, demo_tickets
from graphql_api.tickets.models import Ticket

_COPY = "COPY tickets (title, description, category, priority, status, created_at) FROM STDIN"
_SQLITE_BATCH = 5_000


async def seed(settings: Settings, count: int, *, days: int, seed: int) -> int:
    """Insert `count` demo tickets in one transaction; returns how many were inserted."""
    tickets = demo_tickets(count, days=days, seed=seed)
    engine = create_engine(settings)
    try:
        async with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                raw = (await connection.get_raw_connection()).driver_connection
                async with raw.cursor() as cursor, cursor.copy(_COPY) as copy:  # type: ignore[union-attr]
                    for ticket in tickets:
                        await copy.write_row(_row(ticket))
            else:
                for batch in _batches(tickets, _SQLITE_BATCH):
                    await connection.execute(insert(Ticket), [_values(t) for t in batch])
        # Fresh statistics, or the planner keeps choosing plans for an empty table.
        async with engine.connect() as connection:
            await connection.execute(text("ANALYZE tickets"))
    finally:
        await engine.dispose()
    return count


def _row(ticket: DemoTicket) -> tuple[object, ...]:
    return (
        ticket.title,
        ticket.description,
        ticket.category.value,
        ticket.priority.value,
        ticket.status.value,
        ticket.created_at,
    )


def _values(ticket: DemoTicket) -> dict[str, object]:
    return {
        "title": ticket.title,
        "description": ticket.description,
        "category": ticket.category,
        "priority": ticket.priority,
        "status": ticket.status,
        "created_at": ticket.created_at,
    }


def _batches(items: Iterable[DemoTicket], size: int) -> Iterator[list[DemoTicket]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
