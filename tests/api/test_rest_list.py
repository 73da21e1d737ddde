"""GET /api/tickets/: order, filters, search and paging."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import Api
from tests.support.sql import insert_ticket

T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def ids(api: Api, query: str = "") -> list[int]:
    response = api.http.get(f"/api/tickets/{query}")
    assert response.status_code == 200, response.text
    return [ticket["id"] for ticket in response.json()]


def test_newest_first_with_ties_broken_by_id(api: Api, database_url: str) -> None:
    older = insert_ticket(database_url, created_at=T0)
    tie_a = insert_ticket(database_url, created_at=T0 + timedelta(hours=1))
    tie_b = insert_ticket(database_url, created_at=T0 + timedelta(hours=1))
    newest = insert_ticket(database_url, created_at=T0 + timedelta(days=1))
    assert ids(api) == [newest, tie_b, tie_a, older]


def test_tickets_created_later_come_first(api: Api) -> None:
    first = api.create()["id"]
    second = api.create()["id"]
    assert ids(api) == [second, first]


@pytest.fixture
def mixed(api: Api) -> dict[str, int]:
    return {
        "billing_high_open": api.create(title="Refund please", category="billing", priority="high")[
            "id"
        ],
        "billing_low_closed": api.create(
            title="Invoice copy", category="billing", priority="low", status="closed"
        )["id"],
        "technical_high_open": api.create(
            title="App crashes",
            description="Crash on PAYMENT screen",
            category="technical",
            priority="high",
        )["id"],
        "account_critical_progress": api.create(
            title="Account hacked", category="account", priority="critical", status="in_progress"
        )["id"],
    }


def test_filter_by_category(api: Api, mixed: dict[str, int]) -> None:
    assert ids(api, "?category=billing") == [
        mixed["billing_low_closed"],
        mixed["billing_high_open"],
    ]


def test_filter_by_priority(api: Api, mixed: dict[str, int]) -> None:
    assert ids(api, "?priority=high") == [
        mixed["technical_high_open"],
        mixed["billing_high_open"],
    ]


def test_filter_by_status(api: Api, mixed: dict[str, int]) -> None:
    assert ids(api, "?status=in_progress") == [mixed["account_critical_progress"]]


def test_filters_combine_with_and(api: Api, mixed: dict[str, int]) -> None:
    assert ids(api, "?category=billing&priority=high&status=open") == [mixed["billing_high_open"]]
    assert ids(api, "?category=billing&priority=critical") == []


def test_search_is_a_case_insensitive_substring_of_title_or_description(
    api: Api, mixed: dict[str, int]
) -> None:
    assert ids(api, "?search=REFUND") == [mixed["billing_high_open"]]
    assert ids(api, "?search=payment") == [mixed["technical_high_open"]]
    assert ids(api, "?search=ccount hac") == [mixed["account_critical_progress"]]


def test_search_combines_with_filters(api: Api, mixed: dict[str, int]) -> None:
    assert ids(api, "?search=a&category=technical") == [mixed["technical_high_open"]]


def test_search_treats_percent_and_underscore_literally(api: Api) -> None:
    percent = api.create(title="Discount of 50% missing")["id"]
    underscore = api.create(title="Field user_name is empty")["id"]
    api.create(title="Discount of 50 euros")
    api.create(title="Field username is empty")
    assert ids(api, "?search=50%25") == [percent]
    assert ids(api, "?search=user_name") == [underscore]
    assert ids(api, "?search=%25") == [percent]
    # The character that escapes wildcards in the LIKE pattern is literal too.
    slashed = api.create(title="Folder a/_b is missing")["id"]
    assert ids(api, "?search=/_") == [slashed]
    assert ids(api, "?search=a/_b") == [slashed]


def test_search_folds_case_beyond_ascii(api: Api) -> None:
    ticket = api.create(title="Problème de FACTURE à régler")["id"]
    assert ids(api, "?search=PROBLÈME") == [ticket]


def test_empty_parameters_are_ignored(api: Api, mixed: dict[str, int]) -> None:
    assert len(ids(api, "?category=&priority=&status=&search=")) == len(mixed)


def test_unknown_enum_value_gives_an_empty_list(api: Api, mixed: dict[str, int]) -> None:
    assert ids(api, "?category=shipping") == []
    assert ids(api, "?status=OPEN") == []


def test_a_search_with_a_nul_character_is_a_400(api: Api) -> None:
    response = api.http.get("/api/tickets/?search=a%00b")
    assert response.status_code == 400
    assert response.json() == {"search": ["Null characters are not allowed."]}


def test_paging_with_limit_offset_and_total_count(api: Api) -> None:
    created = [api.create(title=f"Ticket {n}")["id"] for n in range(5)]
    response = api.http.get("/api/tickets/?limit=2&offset=1")
    assert response.headers["X-Total-Count"] == "5"
    assert [ticket["id"] for ticket in response.json()] == created[::-1][1:3]
    assert ids(api, "?offset=5") == []


def test_total_count_follows_the_filter(api: Api, mixed: dict[str, int]) -> None:
    response = api.http.get("/api/tickets/?category=billing&limit=1")
    assert response.headers["X-Total-Count"] == "2"
    assert len(response.json()) == 1


def test_default_page_is_100(api: Api, database_url: str) -> None:
    for _ in range(101):
        insert_ticket(database_url)
    response = api.http.get("/api/tickets/")
    assert len(response.json()) == 100
    assert response.headers["X-Total-Count"] == "101"


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("?limit=abc", {"limit": ["A valid integer is required."]}),
        ("?limit=0", {"limit": ["Ensure this value is greater than or equal to 1."]}),
        ("?limit=1001", {"limit": ["Ensure this value is less than or equal to 1000."]}),
        ("?offset=-1", {"offset": ["Ensure this value is greater than or equal to 0."]}),
        ("?offset=1.5", {"offset": ["A valid integer is required."]}),
        ("?limit=" + "9" * 5000, {"limit": ["Ensure this value is less than or equal to 1000."]}),
    ],
)
def test_bad_paging_parameters_are_a_400_naming_them(
    api: Api, query: str, errors: dict[str, list[str]]
) -> None:
    response = api.http.get(f"/api/tickets/{query}")
    assert response.status_code == 400
    assert response.json() == errors


def test_search_of_one_or_two_characters(api: Api) -> None:
    # Shorter than a trigram: answered without the SQLite search index, with the same meaning.
    match = api.create(title="Error E7 on start")["id"]
    api.create(title="Nothing here")
    assert ids(api, "?search=e7") == [match]


def test_search_for_a_term_with_quotes(api: Api) -> None:
    match = api.create(description='The button says "Pay now" twice')["id"]
    api.create(description="Pay now")
    assert ids(api, '?search="Pay now"') == [match]


def test_search_follows_edits_and_deletions_of_the_text(api: Api) -> None:
    ticket = api.create(title="Printer jam")
    api.http.patch(f"/api/tickets/{ticket['id']}/", json={"title": "Scanner jam"})
    assert ids(api, "?search=printer") == []
    assert ids(api, "?search=scanner") == [ticket["id"]]
