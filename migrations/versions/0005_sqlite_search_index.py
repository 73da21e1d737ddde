"""A trigram full-text index for search on SQLite (PostgreSQL has pg_trgm since 0003).

SQLite's FTS5 trigram tokenizer answers case-insensitive substring queries (Unicode case folding,
% and _ as plain characters) from an index: a search among 100k tickets stops being a scan with
a Python callback per row. Triggers keep it in step with `tickets`.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ADD = (
    "INSERT INTO tickets_search (rowid, title, description) "
    "VALUES ({row}.id, {row}.title, {row}.description);"
)
_REMOVE = (
    "INSERT INTO tickets_search (tickets_search, rowid, title, description) "
    "VALUES ('delete', {row}.id, {row}.title, {row}.description);"
)
_TRIGGERS = {
    "tickets_search_insert": ("AFTER INSERT", _ADD.format(row="new")),
    "tickets_search_delete": ("AFTER DELETE", _REMOVE.format(row="old")),
    "tickets_search_update": (
        "AFTER UPDATE OF title, description",
        _REMOVE.format(row="old") + _ADD.format(row="new"),
    ),
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        "CREATE VIRTUAL TABLE tickets_search USING fts5("
        "title, description, content='tickets', content_rowid='id', tokenize='trigram')"
    )
    op.execute("INSERT INTO tickets_search (tickets_search) VALUES ('rebuild')")
    for name, (event, body) in _TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {event} ON tickets BEGIN {body} END")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS tickets_search")
