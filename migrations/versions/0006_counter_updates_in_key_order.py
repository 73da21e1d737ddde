"""Counter updates without deadlocks: one netted upsert per statement, in key order.

0003's update trigger subtracted the old rows, then added the new ones. Two concurrent status
changes in opposite directions (open -> closed, closed -> open) could lock the same two counter
rows in opposite orders and deadlock. Now the old and new rows are netted per key, keys with no
change are skipped (a status change leaves the day counts alone), and rows are written in key
order, so concurrent writers always lock them in the same order.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NETTED_UPDATE = """
CREATE OR REPLACE FUNCTION tickets_counts_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    picked_shard smallint := floor(random() * 16);
BEGIN
    INSERT INTO ticket_counts AS c
        (category, priority, status, shard, tickets, suggested, category_kept, priority_kept)
    SELECT category, priority, status, picked_shard,
        sum(sign), sum(sign * suggested), sum(sign * category_kept), sum(sign * priority_kept)
    FROM (
        SELECT category, priority, status, -1 AS sign,
            (suggested_category IS NOT NULL)::int AS suggested,
            (category = suggested_category IS TRUE)::int AS category_kept,
            (priority = suggested_priority IS TRUE)::int AS priority_kept
        FROM old_rows
        UNION ALL
        SELECT category, priority, status, 1,
            (suggested_category IS NOT NULL)::int,
            (category = suggested_category IS TRUE)::int,
            (priority = suggested_priority IS TRUE)::int
        FROM new_rows
    ) AS changes
    GROUP BY category, priority, status
    HAVING sum(sign) <> 0 OR sum(sign * suggested) <> 0
        OR sum(sign * category_kept) <> 0 OR sum(sign * priority_kept) <> 0
    ORDER BY category, priority, status
    ON CONFLICT (category, priority, status, shard) DO UPDATE SET
        tickets = c.tickets + EXCLUDED.tickets,
        suggested = c.suggested + EXCLUDED.suggested,
        category_kept = c.category_kept + EXCLUDED.category_kept,
        priority_kept = c.priority_kept + EXCLUDED.priority_kept;

    INSERT INTO ticket_days AS d (day, shard, tickets)
    SELECT day, picked_shard, sum(sign)
    FROM (
        SELECT (created_at AT TIME ZONE 'UTC')::date AS day, -1 AS sign FROM old_rows
        UNION ALL
        SELECT (created_at AT TIME ZONE 'UTC')::date, 1 FROM new_rows
    ) AS changes
    GROUP BY day
    HAVING sum(sign) <> 0
    ORDER BY day
    ON CONFLICT (day, shard) DO UPDATE SET tickets = d.tickets + EXCLUDED.tickets;
    RETURN NULL;
END $$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_NETTED_UPDATE)


def downgrade() -> None:
    # The netted function gives the same counts; 0003's two-pass version is not worth restoring.
    pass
