"""Counters kept by the database for flat-cost stats, and a trigram index for search.

`ticket_counts` holds the number of tickets per (category, priority, status) and `ticket_days`
per UTC day. Triggers keep them in the same transaction as every write to `tickets`, whoever
makes it (the service, psql, a COPY), so stats read a few hundred rows instead of the table and
are never stale. Each counter is split over shards picked at random per statement, so concurrent
writers rarely wait for the same row.

On PostgreSQL, pg_trgm GIN indexes serve the case-insensitive substring search (ILIKE '%x%').

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SHARDS = 16

# Statement-level triggers see every changed row at once in a transition table (new_rows /
# old_rows), so a COPY of a million rows costs one GROUP BY, not a million trigger calls.
_POSTGRESQL_ADD = """
    INSERT INTO ticket_counts AS c
        (category, priority, status, shard, tickets, suggested, category_kept, priority_kept)
        SELECT category, priority, status, picked_shard, {sign} count(*),
            {sign} count(suggested_category),
            {sign} count(*) FILTER (WHERE category = suggested_category),
            {sign} count(*) FILTER (WHERE priority = suggested_priority)
        FROM {rows}
        GROUP BY category, priority, status
        ON CONFLICT (category, priority, status, shard) DO UPDATE SET
            tickets = c.tickets + EXCLUDED.tickets,
            suggested = c.suggested + EXCLUDED.suggested,
            category_kept = c.category_kept + EXCLUDED.category_kept,
            priority_kept = c.priority_kept + EXCLUDED.priority_kept;
    INSERT INTO ticket_days AS d (day, shard, tickets)
        SELECT (created_at AT TIME ZONE 'UTC')::date, picked_shard, {sign} count(*) FROM {rows}
        GROUP BY 1
        ON CONFLICT (day, shard) DO UPDATE SET tickets = d.tickets + EXCLUDED.tickets;
"""
_POSTGRESQL_TRIGGERS = {
    "insert": ("REFERENCING NEW TABLE AS new_rows", [("new_rows", "")]),
    "delete": ("REFERENCING OLD TABLE AS old_rows", [("old_rows", "-")]),
    "update": (
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        [("old_rows", "-"), ("new_rows", "")],
    ),
}


def _postgresql_trigger(operation: str, referencing: str, changes: list[tuple[str, str]]) -> str:
    body = "".join(_POSTGRESQL_ADD.format(rows=rows, sign=sign) for rows, sign in changes)
    return f"""
CREATE FUNCTION tickets_counts_on_{operation}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    picked_shard smallint := floor(random() * {SHARDS});
BEGIN
{body}
    RETURN NULL;
END $$;
CREATE TRIGGER tickets_counts_{operation} AFTER {operation.upper()} ON tickets
    {referencing} FOR EACH STATEMENT EXECUTE FUNCTION tickets_counts_on_{operation}();
"""


_POSTGRESQL_TRUNCATE = """
CREATE FUNCTION tickets_counts_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM ticket_counts;
    DELETE FROM ticket_days;
    RETURN NULL;
END $$;
CREATE TRIGGER tickets_counts_truncate AFTER TRUNCATE ON tickets
    FOR EACH STATEMENT EXECUTE FUNCTION tickets_counts_on_truncate();
"""

_POSTGRESQL_DROP = """
DROP TRIGGER IF EXISTS tickets_counts_truncate ON tickets;
DROP TRIGGER IF EXISTS tickets_counts_update ON tickets;
DROP TRIGGER IF EXISTS tickets_counts_delete ON tickets;
DROP TRIGGER IF EXISTS tickets_counts_insert ON tickets;
DROP FUNCTION IF EXISTS tickets_counts_on_truncate();
DROP FUNCTION IF EXISTS tickets_counts_on_update();
DROP FUNCTION IF EXISTS tickets_counts_on_delete();
DROP FUNCTION IF EXISTS tickets_counts_on_insert();
"""

# SQLite has one writer at a time and row triggers only: one shard, a row at a time.
_SQLITE_ADD = """
INSERT INTO ticket_counts
    (category, priority, status, shard, tickets, suggested, category_kept, priority_kept)
    VALUES ({row}.category, {row}.priority, {row}.status, 0, {delta},
        {delta} * ({row}.suggested_category IS NOT NULL),
        {delta} * coalesce({row}.category = {row}.suggested_category, 0),
        {delta} * coalesce({row}.priority = {row}.suggested_priority, 0))
    ON CONFLICT (category, priority, status, shard) DO UPDATE SET
        tickets = tickets + excluded.tickets,
        suggested = suggested + excluded.suggested,
        category_kept = category_kept + excluded.category_kept,
        priority_kept = priority_kept + excluded.priority_kept;
INSERT INTO ticket_days (day, shard, tickets) VALUES (date({row}.created_at), 0, {delta})
    ON CONFLICT (day, shard) DO UPDATE SET tickets = tickets + {delta};
"""
_SQLITE_TRIGGERS = {
    "tickets_counts_insert": ("AFTER INSERT", [("NEW", 1)]),
    "tickets_counts_delete": ("AFTER DELETE", [("OLD", -1)]),
    "tickets_counts_update": (
        "AFTER UPDATE OF category, priority, status, created_at, suggested_category, "
        "suggested_priority",
        [("OLD", -1), ("NEW", 1)],
    ),
}

_BACKFILL = {
    "postgresql": """
        INSERT INTO ticket_counts
            (category, priority, status, shard, tickets, suggested, category_kept, priority_kept)
            SELECT category, priority, status, 0, count(*), count(suggested_category),
                count(*) FILTER (WHERE category = suggested_category),
                count(*) FILTER (WHERE priority = suggested_priority)
            FROM tickets GROUP BY category, priority, status;
        INSERT INTO ticket_days (day, shard, tickets)
            SELECT (created_at AT TIME ZONE 'UTC')::date, 0, count(*) FROM tickets GROUP BY 1;
    """,
    "sqlite": """
        INSERT INTO ticket_counts
            (category, priority, status, shard, tickets, suggested, category_kept, priority_kept)
            SELECT category, priority, status, 0, count(*), count(suggested_category),
                sum(coalesce(category = suggested_category, 0)),
                sum(coalesce(priority = suggested_priority, 0))
            FROM tickets GROUP BY category, priority, status;
        INSERT INTO ticket_days (day, shard, tickets)
            SELECT date(created_at), 0, count(*) FROM tickets GROUP BY 1;
    """,
}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "ticket_counts",
        sa.Column("category", sa.String(16), primary_key=True),
        sa.Column("priority", sa.String(16), primary_key=True),
        sa.Column("status", sa.String(16), primary_key=True),
        sa.Column("shard", sa.SmallInteger(), primary_key=True),
        sa.Column("tickets", sa.BigInteger(), nullable=False),
        # Of those tickets: how many had a suggestion, and how many still match it.
        sa.Column("suggested", sa.BigInteger(), nullable=False),
        sa.Column("category_kept", sa.BigInteger(), nullable=False),
        sa.Column("priority_kept", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "ticket_days",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("shard", sa.SmallInteger(), primary_key=True),
        sa.Column("tickets", sa.BigInteger(), nullable=False),
    )
    for statement in _BACKFILL[dialect].split(";"):
        if statement.strip():
            op.execute(statement)

    if dialect == "postgresql":
        for operation, (referencing, changes) in _POSTGRESQL_TRIGGERS.items():
            op.execute(_postgresql_trigger(operation, referencing, changes))
        op.execute(_POSTGRESQL_TRUNCATE)
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for column in ("title", "description"):
            op.execute(
                f"CREATE INDEX ix_tickets_{column}_trgm ON tickets "
                f"USING gin ({column} gin_trgm_ops)"
            )
    else:
        for name, (event, row_changes) in _SQLITE_TRIGGERS.items():
            body = "".join(_SQLITE_ADD.format(row=row, delta=delta) for row, delta in row_changes)
            op.execute(f"CREATE TRIGGER {name} {event} ON tickets BEGIN {body} END")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_tickets_description_trgm")
        op.execute("DROP INDEX IF EXISTS ix_tickets_title_trgm")
        op.execute(_POSTGRESQL_DROP)
    else:
        for name in _SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("ticket_days")
    op.drop_table("ticket_counts")
