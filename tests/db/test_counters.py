"""The counters behind stats (migration 0003) always equal an aggregate of the table itself."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import Connection, text

from tests.support.sql import connect, execute, insert_ticket

COUNTERS = """
SELECT category, priority, status, sum(tickets), sum(suggested),
       sum(category_kept), sum(priority_kept)
FROM ticket_counts GROUP BY category, priority, status HAVING sum(tickets) <> 0
ORDER BY 1, 2, 3
"""
TABLE = """
SELECT category, priority, status, count(*), count(suggested_category),
       sum(CASE WHEN category = suggested_category THEN 1 ELSE 0 END),
       sum(CASE WHEN priority = suggested_priority THEN 1 ELSE 0 END)
FROM tickets GROUP BY category, priority, status ORDER BY 1, 2, 3
"""


def rows(connection: Connection, query: str) -> list[tuple[object, ...]]:
    # PostgreSQL sums bigints as numeric (Decimal); compare them as integers.
    return [
        tuple(int(value) if isinstance(value, Decimal) else value for value in row)
        for row in connection.execute(text(query))
    ]


def days_with_tickets(connection: Connection) -> int:
    query = (
        "SELECT count(*) FROM (SELECT day FROM ticket_days GROUP BY day HAVING sum(tickets) > 0) d"
    )
    return int(connection.execute(text(query)).scalar_one())


def test_counters_follow_raw_sql_writes(database_url: str) -> None:
    start = datetime(2026, 5, 1, 12, tzinfo=UTC)
    ids = [
        insert_ticket(database_url, category="billing", priority="high", created_at=start),
        insert_ticket(database_url, category="billing", priority="low", created_at=start),
        insert_ticket(
            database_url,
            category="technical",
            priority="critical",
            created_at=start + timedelta(days=2),
            suggested_category="technical",
            suggested_priority="high",
            suggestion_source="llm",
        ),
        insert_ticket(database_url, category="account", created_at=start + timedelta(days=4)),
    ]
    execute(
        database_url,
        "INSERT INTO tickets (title, description, category, priority, status) VALUES "
        "('a', 'b', 'general', 'low', 'closed'), ('c', 'd', 'general', 'low', 'open')",
    )
    execute(database_url, "UPDATE tickets SET status = 'resolved' WHERE category = 'billing'")
    execute(database_url, "UPDATE tickets SET priority = 'critical' WHERE id = :id", {"id": ids[2]})
    execute(database_url, "UPDATE tickets SET title = 'renamed' WHERE id = :id", {"id": ids[1]})
    execute(database_url, "DELETE FROM tickets WHERE id = :id", {"id": ids[3]})

    with connect(database_url) as connection:
        assert rows(connection, COUNTERS) == rows(connection, TABLE)
        # The deleted ticket was the only one on its day: that day no longer counts.
        assert days_with_tickets(connection) == 3  # day 0, day 2, today


def test_counters_empty_when_the_table_is_emptied(database_url: str) -> None:
    for _ in range(3):
        insert_ticket(database_url)
    execute(database_url, "DELETE FROM tickets")
    with connect(database_url) as connection:
        assert rows(connection, COUNTERS) == []
        assert days_with_tickets(connection) == 0
