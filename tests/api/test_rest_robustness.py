"""Nothing a client sends may cause a 500; health endpoints answer."""

import itertools

import pytest

from tests.conftest import Api

BODIES = [
    b"",
    b"{}",
    b"[]",
    b"null",
    b"true",
    b"1e999",
    b'{"title": {"nested": [1, 2]}}',
    b'{"description": "\\ud800"}',
    b'{"title": "a", "title": "b"}',
    b"[" * 5000 + b"]" * 5000,
    b'{"status": ["open"]}',
    b'{"category": {"$ne": null}}',
    b"\x00\x01\x02",
    '{"title": "\u00e9t\u00e9 \U0001f600"}'.encode(),
]
PATHS = [
    "/api/tickets/",
    "/api/tickets/1/",
    "/api/tickets/classify/",
    "/api/tickets/stats/",
    "/graphql",
]
QUERIES = [
    "?limit=-5",
    "?offset=abc",
    "?search=%FF%FE",
    "?search=" + "x" * 600,
    "?category=%00",
    "?status=open&status=closed",
    "?search=%5C",
]


@pytest.mark.parametrize("path", PATHS)
def test_odd_bodies_never_cause_a_500(api: Api, path: str) -> None:
    api.create()
    for method, body in itertools.product(("POST", "PATCH", "PUT"), BODIES):
        response = api.http.request(
            method, path, content=body, headers={"Content-Type": "application/json"}
        )
        assert response.status_code < 500, (method, path, body[:40], response.text)


def test_odd_query_strings_never_cause_a_500(api: Api) -> None:
    for query in QUERIES:
        response = api.http.get(f"/api/tickets/{query}")
        assert response.status_code < 500, (query, response.text)


def test_health_and_readiness(api: Api) -> None:
    assert api.http.get("/healthz").json() == {"status": "ok"}
    assert api.http.get("/readyz").json() == {"status": "ok"}
