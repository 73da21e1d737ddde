"""GraphQL mutations: createTicket and updateTicket with typed results."""

from typing import Any

from tests.conftest import Api

CREATE = """
mutation Create($input: CreateTicketInput!) {
  createTicket(input: $input) {
    __typename
    ... on Ticket { id title description category priority status createdAt }
    ... on ValidationError { fields { field message } }
  }
}
"""
UPDATE = """
mutation Update($id: ID!, $input: UpdateTicketInput!) {
  updateTicket(id: $id, input: $input) {
    __typename
    ... on Ticket { id title category priority status }
    ... on ValidationError { fields { field message } }
    ... on NotFoundError { message }
  }
}
"""
VALID = {
    "title": "Payment issue",
    "description": "Charged twice.",
    "category": "BILLING",
    "priority": "HIGH",
}


def create(api: Api, **fields: Any) -> dict[str, Any]:
    result: dict[str, Any] = api.graphql(CREATE, {"input": {**VALID, **fields}})["createTicket"]
    return result


def update(api: Api, ticket_id: object, **fields: Any) -> dict[str, Any]:
    result: dict[str, Any] = api.graphql(UPDATE, {"id": str(ticket_id), "input": fields})[
        "updateTicket"
    ]
    return result


def test_create_returns_the_ticket_and_stores_it(api: Api) -> None:
    ticket = create(api, title="  Payment issue  ")
    assert ticket["__typename"] == "Ticket"
    assert ticket["title"] == "Payment issue"
    assert ticket["status"] == "OPEN"
    stored = api.http.get(f"/api/tickets/{ticket['id']}/").json()
    assert stored["category"] == "billing"
    assert stored["priority"] == "high"


def test_create_with_a_status(api: Api) -> None:
    assert create(api, status="RESOLVED")["status"] == "RESOLVED"


def test_create_lists_every_bad_field(api: Api) -> None:
    result = create(api, title=" ", description="x" * 10_001, status=None)
    assert result == {
        "__typename": "ValidationError",
        "fields": [
            {"field": "title", "message": "This field may not be blank."},
            {
                "field": "description",
                "message": "Ensure this field has no more than 10000 characters.",
            },
            {"field": "status", "message": "This field may not be null."},
        ],
    }
    assert api.http.get("/api/tickets/").json() == []


def test_create_with_a_missing_field_is_refused_by_the_schema(api: Api) -> None:
    body = api.graphql(
        CREATE,
        {"input": {"description": "d", "category": "BILLING", "priority": "LOW"}},
        expect_errors=True,
    )
    assert "title" in body["errors"][0]["message"]
    assert api.http.get("/api/tickets/").json() == []


def test_update_changes_the_given_fields(api: Api) -> None:
    ticket = api.create(priority="low")
    result = update(api, ticket["id"], status="IN_PROGRESS", priority="CRITICAL")
    assert result == {
        "__typename": "Ticket",
        "id": str(ticket["id"]),
        "title": ticket["title"],
        "category": "ACCOUNT",
        "priority": "CRITICAL",
        "status": "IN_PROGRESS",
    }
    assert api.http.get(f"/api/tickets/{ticket['id']}/").json()["status"] == "in_progress"


def test_update_with_no_fields_is_a_no_op(api: Api) -> None:
    ticket = api.create()
    assert update(api, ticket["id"])["title"] == ticket["title"]
    assert api.http.get(f"/api/tickets/{ticket['id']}/").json() == ticket


def test_update_refuses_bad_fields_and_changes_nothing(api: Api) -> None:
    ticket = api.create()
    result = update(api, ticket["id"], title=None, description="", status="CLOSED")
    assert result == {
        "__typename": "ValidationError",
        "fields": [
            {"field": "title", "message": "This field may not be null."},
            {"field": "description", "message": "This field may not be blank."},
        ],
    }
    assert api.http.get(f"/api/tickets/{ticket['id']}/").json() == ticket


def test_update_of_an_unknown_ticket_is_not_found(api: Api) -> None:
    for unknown in ("424242", "abc", "0"):
        assert update(api, unknown, status="CLOSED") == {
            "__typename": "NotFoundError",
            "message": "Ticket not found.",
        }
