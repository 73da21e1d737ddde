"""Abusive documents are refused before they run; unexpected errors are masked."""

from pathlib import Path

from tests.conftest import ApiFactory
from tests.support.databases import SqliteDatabases


def test_two_thousand_aliases_are_refused_before_running(start_api: ApiFactory) -> None:
    api = start_api(graphql_max_tokens=100_000)
    api.create()
    aliases = " ".join(f"a{n}: stats {{ totalTickets }}" for n in range(2000))
    body = api.graphql(f"{{ {aliases} }}", expect_errors=True)
    assert body.get("data") is None
    assert "aliases" in body["errors"][0]["message"]


def test_too_many_tokens_are_refused(start_api: ApiFactory) -> None:
    api = start_api()
    fields = " ".join("totalTickets" for _ in range(3000))
    body = api.graphql(f"{{ stats {{ {fields} }} }}", expect_errors=True)
    assert body.get("data") is None
    assert "token" in body["errors"][0]["message"].lower()


def test_too_deep_documents_are_refused(start_api: ApiFactory) -> None:
    api = start_api(graphql_max_depth=2)
    body = api.graphql("{ tickets { edges { node { id } } } }", expect_errors=True)
    assert body.get("data") is None
    assert "depth" in body["errors"][0]["message"]


def test_a_document_within_the_limits_runs(start_api: ApiFactory) -> None:
    api = start_api()
    aliases = " ".join(f"a{n}: stats {{ totalTickets }}" for n in range(20))
    assert len(api.graphql(f"{{ {aliases} }}")) == 20


def unmigrated_url(tmp_path: Path) -> str:
    return SqliteDatabases.url_of(tmp_path / "no-tables.db")


def test_unexpected_errors_are_masked(start_api: ApiFactory, tmp_path: Path) -> None:
    # A database without the table makes every query fail inside the resolver.
    api = start_api(database_url=unmigrated_url(tmp_path))
    body = api.graphql("{ stats { totalTickets } }", expect_errors=True)
    assert body["errors"][0]["message"] == "Unexpected error."
    assert "tickets" not in str(body)


def test_debug_mode_shows_unexpected_errors(start_api: ApiFactory, tmp_path: Path) -> None:
    api = start_api(database_url=unmigrated_url(tmp_path), debug=True)
    body = api.graphql("{ stats { totalTickets } }", expect_errors=True)
    assert "no such table" in body["errors"][0]["message"]


def test_rest_hides_unexpected_errors_too(start_api: ApiFactory, tmp_path: Path) -> None:
    api = start_api(database_url=unmigrated_url(tmp_path))
    response = api.http.get("/api/tickets/stats/")
    assert response.status_code == 500
    assert response.json() == {"detail": "Internal server error."}
    assert api.http.get("/readyz").status_code == 200
