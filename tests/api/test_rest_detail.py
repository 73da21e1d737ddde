"""GET and PATCH /api/tickets/<id>/, and methods that are not allowed."""

import pytest

from tests.conftest import Api


def test_patch_changes_only_the_given_fields(api: Api) -> None:
    ticket = api.create()
    response = api.http.patch(f"/api/tickets/{ticket['id']}/", json={"status": "in_progress"})
    assert response.status_code == 200
    assert response.json() == {**ticket, "status": "in_progress"}
    assert api.http.get(f"/api/tickets/{ticket['id']}/").json()["status"] == "in_progress"


def test_patch_each_writable_field(api: Api) -> None:
    ticket = api.create()
    changes = {
        "title": "New title",
        "description": "New description",
        "category": "technical",
        "priority": "critical",
        "status": "closed",
    }
    response = api.http.patch(f"/api/tickets/{ticket['id']}", json=changes)
    assert response.json() == {**ticket, **changes}


def test_an_empty_patch_is_a_no_op(api: Api) -> None:
    ticket = api.create()
    response = api.http.patch(f"/api/tickets/{ticket['id']}/", json={})
    assert response.status_code == 200
    assert response.json() == ticket


def test_patch_ignores_read_only_fields(api: Api) -> None:
    ticket = api.create()
    response = api.http.patch(
        f"/api/tickets/{ticket['id']}/",
        json={"id": 12345, "created_at": "2001-01-01T00:00:00Z", "title": "Changed"},
    )
    assert response.json() == {**ticket, "title": "Changed"}


def test_a_refused_patch_changes_nothing(api: Api) -> None:
    ticket = api.create()
    response = api.http.patch(
        f"/api/tickets/{ticket['id']}/",
        json={"title": "Fine", "priority": "urgent", "description": "  "},
    )
    assert response.status_code == 400
    assert response.json() == {
        "description": ["This field may not be blank."],
        "priority": ['"urgent" is not a valid choice.'],
    }
    assert api.http.get(f"/api/tickets/{ticket['id']}/").json() == ticket


def test_patch_with_a_body_that_is_not_json_is_a_400(api: Api) -> None:
    ticket = api.create()
    response = api.http.patch(f"/api/tickets/{ticket['id']}/", content=b"status=closed")
    assert response.status_code == 400
    assert "detail" in response.json()


@pytest.mark.parametrize(
    "ticket_id", ["999", "abc", "0", "-1", "1.0", "99999999999999999999999", "%C3%A9", "1%00"]
)
def test_unknown_or_non_numeric_ids_are_404(api: Api, ticket_id: str) -> None:
    api.create()
    for response in (
        api.http.patch(f"/api/tickets/{ticket_id}/", json={"status": "closed"}),
        api.http.get(f"/api/tickets/{ticket_id}"),
    ):
        assert response.status_code == 404
        assert response.json() == {"detail": "Ticket not found."}


def test_get_one_ticket(api: Api) -> None:
    ticket = api.create()
    assert api.http.get(f"/api/tickets/{ticket['id']}").json() == ticket


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("DELETE", "/api/tickets/", "GET, POST, HEAD, OPTIONS"),
        ("PUT", "/api/tickets", "GET, POST, HEAD, OPTIONS"),
        ("DELETE", "/api/tickets/{id}/", "GET, PATCH, HEAD, OPTIONS"),
        ("PUT", "/api/tickets/{id}", "GET, PATCH, HEAD, OPTIONS"),
        ("POST", "/api/tickets/stats/", "GET, HEAD, OPTIONS"),
        ("GET", "/api/tickets/classify/", "POST, OPTIONS"),
    ],
)
def test_other_methods_are_405_with_allow(api: Api, method: str, path: str, allow: str) -> None:
    ticket = api.create()
    response = api.http.request(method, path.format(id=ticket["id"]))
    assert response.status_code == 405
    assert response.json() == {"detail": f'Method "{method}" not allowed.'}
    assert response.headers["Allow"] == allow


def test_options_lists_the_allowed_methods(api: Api) -> None:
    response = api.http.options("/api/tickets/")
    assert response.status_code == 200
    assert response.headers["Allow"] == "GET, POST, HEAD, OPTIONS"


def test_unknown_paths_are_a_json_404(api: Api) -> None:
    response = api.http.get("/api/nothing-here/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
