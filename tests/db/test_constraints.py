"""The database itself refuses rows that break the contract, whoever writes them."""

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DataError, IntegrityError

from tests.support.sql import connect, insert_ticket


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"title": None}, id="title null"),
        pytest.param({"title": ""}, id="title empty"),
        pytest.param({"title": "   "}, id="title blank"),
        pytest.param({"title": " padded"}, id="title leading space"),
        pytest.param({"title": "padded\n"}, id="title trailing newline"),
        pytest.param({"title": "x" * 201}, id="title 201 characters"),
        pytest.param({"description": None}, id="description null"),
        pytest.param({"description": ""}, id="description empty"),
        pytest.param({"description": "\t"}, id="description blank"),
        pytest.param({"description": "\tpadded"}, id="description leading tab"),
        pytest.param({"description": "x" * 10_001}, id="description too long"),
        pytest.param({"category": None}, id="category null"),
        pytest.param({"category": "Billing"}, id="category wrong case"),
        pytest.param({"category": "shipping"}, id="category unknown"),
        pytest.param({"priority": None}, id="priority null"),
        pytest.param({"priority": "urgent"}, id="priority unknown"),
        pytest.param({"status": None}, id="status null"),
        pytest.param({"status": "OPEN"}, id="status wrong case"),
        pytest.param({"status": "done"}, id="status unknown"),
        pytest.param({"created_at": None}, id="created_at null"),
    ],
)
def test_a_row_breaking_a_rule_is_refused(database_url: str, fields: dict[str, Any]) -> None:
    # PostgreSQL reports an over-long VARCHAR as a DataError, every other rule as an IntegrityError.
    with pytest.raises((IntegrityError, DataError)):
        insert_ticket(database_url, **fields)
    with connect(database_url) as connection:
        assert connection.execute(text("SELECT count(*) FROM tickets")).scalar_one() == 0


def test_a_row_at_the_limits_is_accepted(database_url: str) -> None:
    insert_ticket(database_url, title="x" * 200, description="y" * 10_000, status="closed")


def test_the_database_fills_in_id_status_and_created_at(database_url: str) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    first = insert_ticket(database_url)
    second = insert_ticket(database_url)
    assert second > first
    with connect(database_url) as connection:
        status, created_at = connection.execute(
            text("SELECT status, created_at FROM tickets WHERE id = :id"), {"id": first}
        ).one()
    assert status == "open"
    if isinstance(created_at, str):  # SQLite keeps UTC text
        created_at = datetime.fromisoformat(created_at).replace(tzinfo=UTC)
    assert created_at >= before
