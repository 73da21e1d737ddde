"""`python -m graphql_api seed`: deterministic demo tickets, loaded in bulk, counted exactly."""

import asyncio
from datetime import UTC, datetime

from sqlalchemy import text

from graphql_api.seed import seed
from graphql_api.tickets.demo_data import RARE_WORD, RARE_WORD_EVERY, demo_tickets
from tests.conftest import ApiFactory
from tests.support.databases import settings_for
from tests.support.sql import connect

NOW = datetime(2026, 11, 24, 12, tzinfo=UTC)


def test_the_same_seed_gives_the_same_tickets() -> None:
    first = list(demo_tickets(300, days=30, seed=7, now=NOW))
    assert first == list(demo_tickets(300, days=30, seed=7, now=NOW))
    assert first != list(demo_tickets(300, days=30, seed=8, now=NOW))


def test_demo_tickets_are_varied_and_within_the_days() -> None:
    tickets = list(demo_tickets(2000, days=30, seed=1, now=NOW))
    assert len({ticket.title for ticket in tickets}) > 50
    assert {ticket.category for ticket in tickets} == {"billing", "technical", "account", "general"}
    assert {ticket.status for ticket in tickets} == {"open", "in_progress", "resolved", "closed"}
    assert all(0 <= (NOW - ticket.created_at).days <= 30 for ticket in tickets)
    assert [t.created_at for t in tickets] == sorted(t.created_at for t in tickets)


def test_the_rare_word_is_in_one_ticket_in_ten_thousand() -> None:
    tickets = list(demo_tickets(3 * RARE_WORD_EVERY, seed=3, now=NOW))
    assert sum(RARE_WORD in ticket.description for ticket in tickets) == 3


def test_seed_loads_the_tickets_and_stats_count_them(
    database_url: str, start_api: ApiFactory
) -> None:
    inserted = asyncio.run(seed(settings_for(database_url), 1500, days=10, seed=5))
    assert inserted == 1500
    with connect(database_url) as connection:
        assert connection.execute(text("SELECT count(*) FROM tickets")).scalar_one() == 1500
    api = start_api()
    stats = api.http.get("/api/tickets/stats/").json()
    assert stats["total_tickets"] == 1500
    assert sum(stats["category_breakdown"].values()) == 1500
    assert api.http.get("/api/tickets/?limit=1").headers["X-Total-Count"] == "1500"
