"""GET /api/tickets/stats/: numbers computed by the database."""

from datetime import UTC, datetime, timedelta

from tests.conftest import Api
from tests.support.sql import insert_ticket

EMPTY = {
    "total_tickets": 0,
    "open_tickets": 0,
    "avg_tickets_per_day": 0.0,
    "priority_breakdown": {"low": 0, "medium": 0, "high": 0, "critical": 0},
    "category_breakdown": {"billing": 0, "technical": 0, "account": 0, "general": 0},
}


def test_stats_of_an_empty_table(api: Api) -> None:
    response = api.http.get("/api/tickets/stats/")
    assert response.status_code == 200
    assert response.json() == EMPTY


def test_stats_count_every_enum_value_and_open_tickets(api: Api) -> None:
    api.create(category="billing", priority="high")
    api.create(category="billing", priority="low", status="closed")
    api.create(category="technical", priority="critical", status="in_progress")
    api.create(category="account", priority="high")
    stats = api.http.get("/api/tickets/stats").json()
    assert stats["total_tickets"] == 4
    assert stats["open_tickets"] == 2
    assert stats["priority_breakdown"] == {"low": 1, "medium": 0, "high": 2, "critical": 1}
    assert stats["category_breakdown"] == {"billing": 2, "technical": 1, "account": 1, "general": 0}
    assert stats["avg_tickets_per_day"] == 4.0


def test_average_is_over_utc_days_that_have_tickets(api: Api, database_url: str) -> None:
    # The contract's example: 3 tickets on one day and 1 on another make 2.0; the empty days
    # between them do not count.
    day_one = datetime(2026, 3, 1, 0, 30, tzinfo=UTC)
    for hours in (0, 10, 23):
        insert_ticket(database_url, created_at=day_one + timedelta(hours=hours))
    insert_ticket(database_url, created_at=day_one + timedelta(days=5))
    assert api.http.get("/api/tickets/stats/").json()["avg_tickets_per_day"] == 2.0


def test_average_uses_utc_day_boundaries(api: Api, database_url: str) -> None:
    # 23:30 and 00:30 UTC are two days, although both are the same day in New York.
    new_york = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    insert_ticket(database_url, created_at=new_york)
    insert_ticket(database_url, created_at=new_york + timedelta(hours=1))
    insert_ticket(database_url, created_at=new_york + timedelta(hours=1, minutes=5))
    assert api.http.get("/api/tickets/stats/").json()["avg_tickets_per_day"] == 1.5


def test_average_is_rounded_to_two_decimals(api: Api, database_url: str) -> None:
    start = datetime(2026, 1, 1, 12, tzinfo=UTC)
    for day, count in enumerate((1, 1, 2)):
        for _ in range(count):
            insert_ticket(database_url, created_at=start + timedelta(days=day))
    assert api.http.get("/api/tickets/stats/").json()["avg_tickets_per_day"] == 1.33


def test_stats_follow_every_write(api: Api, database_url: str) -> None:
    ticket = api.create(priority="low", category="general")
    api.http.patch(
        f"/api/tickets/{ticket['id']}/", json={"status": "resolved", "priority": "critical"}
    )
    insert_ticket(database_url, category="billing", priority="medium")
    stats = api.http.get("/api/tickets/stats/").json()
    assert stats["total_tickets"] == 2
    assert stats["open_tickets"] == 1
    assert stats["priority_breakdown"] == {"low": 0, "medium": 1, "high": 0, "critical": 1}
    assert stats["category_breakdown"] == {"billing": 1, "technical": 0, "account": 0, "general": 1}
