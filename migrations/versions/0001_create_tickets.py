"""Create the tickets table with every rule of the contract as a constraint.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The whitespace Python's str.strip() removes most often; stored text never starts or ends with it.
_WHITESPACE_CODES = (32, 9, 10, 13)


def _trimmed(column: str, dialect: str) -> str:
    char = "chr" if dialect == "postgresql" else "char"
    chars = " || ".join(f"{char}({code})" for code in _WHITESPACE_CODES)
    trim = "btrim" if dialect == "postgresql" else "trim"
    return f"{trim}({column}, {chars})"


def _one_of(column: str, values: Sequence[str]) -> str:
    quoted = ", ".join(f"'{value}'" for value in values)
    return f"{column} IN ({quoted})"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        now = sa.text("now()")
        id_type: sa.types.TypeEngine[int] = sa.BigInteger()
        id_column = sa.Column("id", id_type, sa.Identity(always=False), primary_key=True)
    else:
        # Six-digit fractions as SQLAlchemy writes them to SQLite, so text order is time order.
        now = sa.text("(strftime('%Y-%m-%d %H:%M:%f000', 'now'))")
        id_column = sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True)

    op.create_table(
        "tickets",
        id_column,
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("priority", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="open"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=now),
        sa.CheckConstraint(
            f"title = {_trimmed('title', dialect)} AND length(title) BETWEEN 1 AND 200",
            name="ck_tickets_title",
        ),
        sa.CheckConstraint(
            f"description = {_trimmed('description', dialect)}"
            " AND length(description) BETWEEN 1 AND 10000",
            name="ck_tickets_description",
        ),
        sa.CheckConstraint(
            _one_of("category", ("billing", "technical", "account", "general")),
            name="ck_tickets_category",
        ),
        sa.CheckConstraint(
            _one_of("priority", ("low", "medium", "high", "critical")), name="ck_tickets_priority"
        ),
        sa.CheckConstraint(
            _one_of("status", ("open", "in_progress", "resolved", "closed")),
            name="ck_tickets_status",
        ),
    )
    # Newest-first listing, and each filter followed by the same order.
    op.create_index(
        "ix_tickets_created_at_id", "tickets", [sa.text("created_at DESC"), sa.text("id DESC")]
    )
    for column in ("status", "category", "priority"):
        op.create_index(
            f"ix_tickets_{column}_created_at",
            "tickets",
            [column, sa.text("created_at DESC"), sa.text("id DESC")],
        )


def downgrade() -> None:
    op.drop_table("tickets")
