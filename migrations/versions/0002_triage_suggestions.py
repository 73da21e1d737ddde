"""Keep what triage suggested on each ticket; count LLM calls per day for the budget.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SUGGESTION_COLUMNS = ("suggested_category", "suggested_priority", "suggestion_source")


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        for column in _SUGGESTION_COLUMNS:
            batch.add_column(sa.Column(column, sa.String(16), nullable=True))
        batch.create_check_constraint(
            "ck_tickets_suggested_category",
            "suggested_category IN ('billing', 'technical', 'account', 'general')",
        )
        batch.create_check_constraint(
            "ck_tickets_suggested_priority",
            "suggested_priority IN ('low', 'medium', 'high', 'critical')",
        )
        batch.create_check_constraint(
            "ck_tickets_suggestion_source", "suggestion_source IN ('llm', 'local', 'default')"
        )
        # A suggestion is whole or absent.
        batch.create_check_constraint(
            "ck_tickets_suggestion_complete",
            "(suggested_category IS NULL) = (suggested_priority IS NULL)"
            " AND (suggested_category IS NULL) = (suggestion_source IS NULL)",
        )

    op.create_table(
        "llm_usage",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("calls", sa.Integer(), nullable=False, server_default="0"),
        sa.CheckConstraint("calls >= 0", name="ck_llm_usage_calls"),
    )


def downgrade() -> None:
    op.drop_table("llm_usage")
    with op.batch_alter_table("tickets") as batch:
        for name in (
            "ck_tickets_suggestion_complete",
            "ck_tickets_suggestion_source",
            "ck_tickets_suggested_priority",
            "ck_tickets_suggested_category",
        ):
            batch.drop_constraint(name, type_="check")
        for column in reversed(_SUGGESTION_COLUMNS):
            batch.drop_column(column)
