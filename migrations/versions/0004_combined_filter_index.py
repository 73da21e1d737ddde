"""An index for category + priority (+ status) filters in newest-first order.

Each single-column index serves one filter; combined, PostgreSQL had to AND two bitmaps and sort
(about 340 ms at a million tickets). This one walks the matches already in order.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_tickets_category_priority_status_created_at",
        "tickets",
        ["category", "priority", "status", sa.text("created_at DESC"), sa.text("id DESC")],
    )


def downgrade() -> None:
    op.drop_index("ix_tickets_category_priority_status_created_at", table_name="tickets")
