"""POST /api/tickets/: the contract's create row and every way a body can be wrong."""

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from tests.conftest import Api

VALID = {
    "title": "Payment issue",
    "description": "My payment was deducted twice and I need a refund.",
    "category": "billing",
    "priority": "high",
}


def test_create_returns_201_and_the_full_ticket(api: Api) -> None:
    response = api.http.post("/api/tickets/", json=VALID)
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {
        "id",
        "title",
        "description",
        "category",
        "priority",
        "status",
        "created_at",
        "suggested_category",
        "suggested_priority",
        "suggestion_source",
    }
    assert {key: body[key] for key in VALID} == VALID
    assert body["status"] == "open"
    assert body["suggestion_source"] is None  # both given: nothing was suggested
    assert isinstance(body["id"], int)
    created_at = datetime.fromisoformat(body["created_at"])
    assert body["created_at"].endswith("Z")
    assert abs((datetime.now(UTC) - created_at).total_seconds()) < 300


def test_create_is_stored(api: Api) -> None:
    created = api.create(**VALID)
    assert api.http.get(f"/api/tickets/{created['id']}/").json() == created


def test_create_trims_text(api: Api) -> None:
    body = api.create(title="  Padded title\t", description="\n body \n")
    assert body["title"] == "Padded title"
    assert body["description"] == "body"


def test_create_ignores_id_created_at_and_unknown_fields(api: Api) -> None:
    body = api.create(id=999, created_at="2001-01-01T00:00:00Z", colour="red")
    assert body["id"] != 999
    assert not body["created_at"].startswith("2001")
    assert "colour" not in body


@pytest.mark.parametrize("status", ["open", "in_progress", "resolved", "closed"])
def test_create_accepts_a_given_status(api: Api, status: str) -> None:
    assert api.create(status=status)["status"] == status


def test_title_of_exactly_200_characters_is_accepted(api: Api) -> None:
    assert len(api.create(title="x" * 200 + "   ")["title"]) == 200


def test_missing_fields_are_all_reported_at_once(api: Api) -> None:
    response = api.http.post("/api/tickets/", json={})
    assert response.status_code == 400
    required = ["This field is required."]
    # Category and priority may be left out: the server suggests them (tests/classifier).
    assert response.json() == {"title": required, "description": required}


def test_every_bad_field_is_reported_at_once(api: Api) -> None:
    response = api.http.post(
        "/api/tickets/",
        json={
            "title": "   ",
            "description": None,
            "category": "Billing",
            "priority": "urgent",
            "status": "done",
        },
    )
    assert response.status_code == 400
    assert response.json() == {
        "title": ["This field may not be blank."],
        "description": ["This field may not be null."],
        "category": ['"Billing" is not a valid choice.'],
        "priority": ['"urgent" is not a valid choice.'],
        "status": ['"done" is not a valid choice.'],
    }


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "x" * 201, "Ensure this field has no more than 200 characters."),
        ("description", "x" * 10_001, "Ensure this field has no more than 10000 characters."),
        ("title", 123, "Not a valid string."),
        ("description", ["a list"], "Not a valid string."),
        ("title", "nul\u0000byte", "Null characters are not allowed."),
        ("description", "", "This field may not be blank."),
        ("category", None, "This field may not be null."),
        ("priority", 3, '"3" is not a valid choice.'),
        ("status", "", '"" is not a valid choice.'),
    ],
)
def test_a_bad_field_is_named_with_its_problem(
    api: Api, field: str, value: object, message: str
) -> None:
    response = api.http.post("/api/tickets/", json={**VALID, field: value})
    assert response.status_code == 400
    assert response.json() == {field: [message]}


def test_nothing_is_stored_when_the_input_is_refused(api: Api) -> None:
    api.http.post("/api/tickets/", json={**VALID, "title": ""})
    response = api.http.get("/api/tickets/")
    assert response.json() == []
    assert response.headers["X-Total-Count"] == "0"


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (b"{not json", "JSON parse error"),
        (b"[1, 2]", "Expected a JSON object, but got array."),
        (b'"text"', "Expected a JSON object, but got string."),
        (b"null", "Expected a JSON object, but got null."),
        (b"\xff\xfe", "JSON parse error"),
    ],
)
def test_a_body_that_is_not_a_json_object_is_a_400_detail(
    api: Api, body: bytes, detail: str
) -> None:
    response = api.http.post(
        "/api/tickets/", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith(detail)


def test_an_empty_body_is_an_empty_object(api: Api) -> None:
    response = api.http.post("/api/tickets/", content=b"")
    assert response.status_code == 400
    assert set(response.json()) == {"title", "description"}


def test_a_body_over_the_limit_is_refused_with_413(api: Api) -> None:
    huge = {**VALID, "description": "x" * (1024 * 1024)}
    response = api.http.post("/api/tickets/", json=huge)
    assert response.status_code == 413
    assert "detail" in response.json()


def test_a_streamed_body_over_the_limit_is_refused_with_413(api: Api) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: the server must count
        for _ in range(20):
            yield b"x" * (64 * 1024)

    response = api.http.post("/api/tickets/", content=chunks())
    assert response.status_code == 413
