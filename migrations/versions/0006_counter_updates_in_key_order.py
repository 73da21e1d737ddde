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

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

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


def _revision_0003() -> ModuleType:
    path = Path(__file__).with_name("0003_counters_and_search_index.py")
    spec = importlib.util.spec_from_file_location("revision_0003", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # 0003's two-pass trigger, built by 0003 itself, so that 0005 is exactly 0005 again.
    revision_0003 = _revision_0003()
    referencing, changes = revision_0003._POSTGRESQL_TRIGGERS["update"]
    op.execute("DROP TRIGGER tickets_counts_update ON tickets")
    op.execute("DROP FUNCTION tickets_counts_on_update()")
    op.execute(revision_0003._postgresql_trigger("update", referencing, changes))
