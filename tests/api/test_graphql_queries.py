"""GraphQL queries: tickets (filters, cursor paging), ticket(id), stats, and the playground."""

from typing import Any

import pytest

from tests.conftest import Api

TICKETS = """
query Tickets($filter: TicketFilter, $first: Int, $after: String) {
  tickets(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id title description category priority status createdAt } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""


def tickets(api: Api, **variables: Any) -> dict[str, Any]:
    result: dict[str, Any] = api.graphql(TICKETS, variables)["tickets"]
    return result


def node_ids(connection: dict[str, Any]) -> list[int]:
    return [int(edge["node"]["id"]) for edge in connection["edges"]]


def test_an_empty_connection(api: Api) -> None:
    assert tickets(api) == {
        "totalCount": 0,
        "edges": [],
        "pageInfo": {
            "hasNextPage": False,
            "hasPreviousPage": False,
            "startCursor": None,
            "endCursor": None,
        },
    }


def test_tickets_are_the_same_as_rest_gives(api: Api) -> None:
    created = api.create(category="billing", priority="critical", status="in_progress")
    node = tickets(api)["edges"][0]["node"]
    assert node == {
        "id": str(created["id"]),
        "title": created["title"],
        "description": created["description"],
        "category": "BILLING",
        "priority": "CRITICAL",
        "status": "IN_PROGRESS",
        "createdAt": node["createdAt"],
    }
    assert node["createdAt"].replace("+00:00", "Z") == created["created_at"]


def test_cursor_paging_walks_every_ticket_once_newest_first(api: Api) -> None:
    created = [api.create(title=f"Ticket {n}")["id"] for n in range(7)]
    seen: list[int] = []
    after = None
    pages = 0
    while True:
        page = tickets(api, first=3, after=after)
        assert page["totalCount"] == 7
        seen += node_ids(page)
        pages += 1
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
        assert after == page["edges"][-1]["cursor"]
    assert seen == created[::-1]
    assert pages == 3


def test_first_zero_gives_only_the_count(api: Api) -> None:
    api.create()
    page = tickets(api, first=0)
    assert page["totalCount"] == 1
    assert page["edges"] == []
    assert page["pageInfo"]["hasNextPage"] is True


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        ({"category": "BILLING"}, ["refund"]),
        ({"priority": "CRITICAL"}, ["hacked"]),
        ({"status": "CLOSED"}, ["refund"]),
        ({"search": "CRASH"}, ["crash"]),
        ({"search": "   "}, ["hacked", "crash", "refund"]),
        ({"category": "TECHNICAL", "priority": "LOW"}, []),
        ({"category": "ACCOUNT", "search": "hack", "status": "OPEN"}, ["hacked"]),
    ],
)
def test_filters(api: Api, filter_: dict[str, str], expected: list[str]) -> None:
    ids = {
        "refund": api.create(title="Refund", category="billing", priority="low", status="closed")[
            "id"
        ],
        "crash": api.create(
            title="App", description="It crashes", category="technical", priority="high"
        )["id"],
        "hacked": api.create(title="Hacked", category="account", priority="critical")["id"],
    }
    page = tickets(api, filter=filter_)
    assert node_ids(page) == [ids[name] for name in expected]
    assert page["totalCount"] == len(expected)


def bad_input_fields(body: dict[str, Any]) -> dict[str, str]:
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    return {item["field"]: item["message"] for item in error["extensions"]["fields"]}


@pytest.mark.parametrize(
    ("variables", "field", "message"),
    [
        ({"first": 101}, "first", "Ensure this value is less than or equal to 100."),
        ({"first": -1}, "first", "Ensure this value is greater than or equal to 0."),
        ({"after": "not-a-cursor"}, "after", "Not a valid cursor"),
        ({"after": "MjAyNnxhYmM="}, "after", "Not a valid cursor"),
        ({"filter": {"search": "a\u0000"}}, "search", "Null characters are not allowed."),
    ],
)
def test_bad_arguments_are_errors_naming_the_argument(
    api: Api, variables: dict[str, Any], field: str, message: str
) -> None:
    body = api.graphql(TICKETS, variables, expect_errors=True)
    assert body["data"] is None
    assert bad_input_fields(body)[field].startswith(message)


def test_an_unknown_enum_value_is_a_graphql_error(api: Api) -> None:
    body = api.graphql(TICKETS, {"filter": {"category": "billing"}}, expect_errors=True)
    assert "Category" in body["errors"][0]["message"]


def test_ticket_by_id(api: Api) -> None:
    created = api.create()
    query = "query One($id: ID!) { ticket(id: $id) { id title status } }"
    assert api.graphql(query, {"id": str(created["id"])})["ticket"] == {
        "id": str(created["id"]),
        "title": created["title"],
        "status": "OPEN",
    }
    for unknown in ("999999", "abc", "-1", "99999999999999999999999"):
        assert api.graphql(query, {"id": unknown})["ticket"] is None


def test_stats(api: Api) -> None:
    api.create(category="billing", priority="high")
    api.create(category="technical", priority="high", status="resolved")
    stats = api.graphql(
        """{ stats { totalTickets openTickets avgTicketsPerDay
             priorityBreakdown { priority count } categoryBreakdown { category count } } }"""
    )["stats"]
    assert stats == {
        "totalTickets": 2,
        "openTickets": 1,
        "avgTicketsPerDay": 2.0,
        "priorityBreakdown": [
            {"priority": "LOW", "count": 0},
            {"priority": "MEDIUM", "count": 0},
            {"priority": "HIGH", "count": 2},
            {"priority": "CRITICAL", "count": 0},
        ],
        "categoryBreakdown": [
            {"category": "BILLING", "count": 1},
            {"category": "TECHNICAL", "count": 1},
            {"category": "ACCOUNT", "count": 0},
            {"category": "GENERAL", "count": 0},
        ],
    }


def test_get_in_a_browser_opens_graphiql(api: Api) -> None:
    response = api.http.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


def test_queries_work_over_get(api: Api) -> None:
    api.create()
    response = api.http.get("/graphql", params={"query": "{ stats { totalTickets } }"})
    assert response.json() == {"data": {"stats": {"totalTickets": 1}}}
