"""Triage on create: a category or priority left out is suggested by the server and the
suggestion is kept on the ticket; given values always win. And the stats that tell how often
agents kept the suggestion.

The fake LLM answers LLM_ANSWER (technical/low) throughout, with the cache off so that every
classification is a request the tests can count.
"""

from __future__ import annotations

from typing import Any, Final

import pytest

from tests.classifier.conftest import (
    LLM_ANSWER,
    LOCAL_DESCRIPTION,
    NO_SIGNAL_DESCRIPTION,
    LlmApiFactory,
)
from tests.conftest import Api
from tests.support.fake_openai import FakeOpenAI, Mode

SUGGESTION_KEYS: Final = ("suggested_category", "suggested_priority", "suggestion_source")
TITLE: Final = "Something is wrong"

CREATE: Final = """
mutation Create($input: CreateTicketInput!) {
  createTicket(input: $input) {
    __typename
    ... on Ticket { id category priority suggestion { category priority source } }
    ... on ValidationError { fields { field message } }
  }
}
"""
UPDATE: Final = """
mutation Update($id: ID!, $input: UpdateTicketInput!) {
  updateTicket(id: $id, input: $input) { __typename ... on Ticket { id category priority } }
}
"""
TICKET: Final = """
query Ticket($id: ID!) {
  ticket(id: $id) { id category priority suggestion { category priority source } }
}
"""
ACCEPTANCE: Final = """
{
  stats {
    suggestionAcceptance {
      ticketsWithSuggestion categoryKept priorityKept categoryKeptRate priorityKeptRate
    }
  }
}
"""


@pytest.fixture
def api(start_llm_api: LlmApiFactory, fake_openai: FakeOpenAI) -> Api:
    """Here, `api` is the service with the fake LLM answering LLM_ANSWER, without a cache."""
    fake_openai.answer_json(LLM_ANSWER)
    return start_llm_api(classify_cache_size=0)


def rest_create(api: Api, **fields: Any) -> tuple[int, dict[str, Any]]:
    payload = {"title": TITLE, "description": LOCAL_DESCRIPTION, **fields}
    response = api.http.post("/api/tickets/", json=payload)
    body: dict[str, Any] = response.json()
    return response.status_code, body


def rest_created(api: Api, **fields: Any) -> dict[str, Any]:
    status, body = rest_create(api, **fields)
    assert status == 201, body
    return body


def graphql_created(api: Api, **fields: Any) -> dict[str, Any]:
    variables = {"input": {"title": TITLE, "description": LOCAL_DESCRIPTION, **fields}}
    result: dict[str, Any] = api.graphql(CREATE, variables)["createTicket"]
    assert result["__typename"] == "Ticket", result
    return result


def triage_of(ticket: dict[str, Any]) -> tuple[Any, ...]:
    """A REST ticket's category, priority and the suggestion kept on it."""
    return (ticket["category"], ticket["priority"], *(ticket[key] for key in SUGGESTION_KEYS))


# (fields given, the ticket's category/priority/suggested_*, LLM requests)
REST_CASES: dict[str, tuple[dict[str, Any], tuple[Any, ...], int]] = {
    "neither given": ({}, ("technical", "low", "technical", "low", "llm"), 1),
    "category given": (
        {"category": "account"},
        ("account", "low", "technical", "low", "llm"),
        1,
    ),
    "priority given": (
        {"priority": "critical"},
        ("technical", "critical", "technical", "low", "llm"),
        1,
    ),
    "both given": (
        {"category": "billing", "priority": "medium"},
        ("billing", "medium", None, None, None),
        0,
    ),
    "both given, with the suggestion the client was shown": (
        {
            "category": "billing",
            "priority": "medium",
            "suggested_category": "billing",
            "suggested_priority": "high",
            "suggestion_source": "local",
        },
        ("billing", "medium", "billing", "high", "local"),
        0,
    ),
}


def test_rest_create_suggests_what_is_left_out(
    api: Api, fake_openai: FakeOpenAI, subtests: pytest.Subtests
):
    for name, (fields, expected, requests) in REST_CASES.items():
        with subtests.test(name):
            before = len(fake_openai.completion_requests)
            created = rest_created(api, **fields)
            assert triage_of(created) == expected
            assert api.http.get(f"/api/tickets/{created['id']}/").json() == created
            assert len(fake_openai.completion_requests) == before + requests


def test_rest_create_keeps_where_the_suggestion_came_from(
    api: Api, fake_openai: FakeOpenAI, subtests: pytest.Subtests
):
    fake_openai.mode = Mode.SERVER_ERROR
    # (title, description): the whole ticket is classified, subject line first.
    cases = {
        ("Hello", LOCAL_DESCRIPTION): ("billing", "high", "billing", "high", "local"),
        ("Refund for a double charge", NO_SIGNAL_DESCRIPTION): (
            "billing",
            "high",
            "billing",
            "high",
            "local",
        ),
        ("Hello", NO_SIGNAL_DESCRIPTION): ("general", "medium", "general", "medium", "default"),
    }
    for (title, description), expected in cases.items():
        with subtests.test(title=title, description=description):
            created = rest_created(api, title=title, description=description)
            assert triage_of(created) == expected


def test_rest_create_refuses_a_partial_client_suggestion(
    api: Api, fake_openai: FakeOpenAI, subtests: pytest.Subtests
):
    whole = {
        "suggested_category": "billing",
        "suggested_priority": "high",
        "suggestion_source": "llm",
    }
    partial = [
        {key: value for key, value in whole.items() if key != left_out} for left_out in whole
    ] + [{key: value} for key, value in whole.items()]
    for fields in partial:
        for given in ({}, {"category": "billing", "priority": "high"}):
            with subtests.test(fields=sorted(fields), given=sorted(given)):
                status, body = rest_create(api, **fields, **given)
                assert status == 400
                assert sorted(body) == sorted(SUGGESTION_KEYS)
                for [message] in body.values():
                    assert all(key in message for key in SUGGESTION_KEYS), message
    assert api.http.get("/api/tickets/").json() == []
    assert fake_openai.requests == []


def test_rest_create_refuses_null_category_and_priority(api: Api, fake_openai: FakeOpenAI):
    # Null is not "left out": the server does not guess over a client's explicit null.
    status, body = rest_create(api, category=None, priority=None)
    assert (status, body) == (
        400,
        {"category": ["This field may not be null."], "priority": ["This field may not be null."]},
    )
    assert fake_openai.requests == []


# (input fields given, the ticket's category and priority, its suggestion, LLM requests)
GRAPHQL_CASES: dict[str, tuple[dict[str, Any], tuple[str, str], dict[str, str] | None, int]] = {
    "neither given": (
        {},
        ("TECHNICAL", "LOW"),
        {"category": "TECHNICAL", "priority": "LOW", "source": "LLM"},
        1,
    ),
    "category given": (
        {"category": "ACCOUNT"},
        ("ACCOUNT", "LOW"),
        {"category": "TECHNICAL", "priority": "LOW", "source": "LLM"},
        1,
    ),
    "both given": ({"category": "BILLING", "priority": "MEDIUM"}, ("BILLING", "MEDIUM"), None, 0),
    "both given, with the suggestion the client was shown": (
        {
            "category": "BILLING",
            "priority": "MEDIUM",
            "suggestion": {"category": "BILLING", "priority": "HIGH", "source": "DEFAULT"},
        },
        ("BILLING", "MEDIUM"),
        {"category": "BILLING", "priority": "HIGH", "source": "DEFAULT"},
        0,
    ),
}


def test_graphql_create_suggests_what_is_left_out(
    api: Api, fake_openai: FakeOpenAI, subtests: pytest.Subtests
):
    for name, (fields, (category, priority), suggestion, requests) in GRAPHQL_CASES.items():
        with subtests.test(name):
            before = len(fake_openai.completion_requests)
            created = graphql_created(api, **fields)
            expected = {
                "id": created["id"],
                "category": category,
                "priority": priority,
                "suggestion": suggestion,
            }
            assert {key: created[key] for key in expected} == expected
            assert api.graphql(TICKET, {"id": created["id"]})["ticket"] == expected
            assert len(fake_openai.completion_requests) == before + requests
            stored = api.http.get(f"/api/tickets/{created['id']}/").json()
            assert [stored[key] for key in SUGGESTION_KEYS] == (
                [suggestion[key].lower() for key in ("category", "priority", "source")]
                if suggestion
                else [None, None, None]
            )


def acceptance(api: Api) -> dict[str, Any]:
    result: dict[str, Any] = api.graphql(ACCEPTANCE)["stats"]["suggestionAcceptance"]
    return result


def update(api: Api, ticket_id: str | int, **fields: str) -> None:
    result = api.graphql(UPDATE, {"id": str(ticket_id), "input": fields})["updateTicket"]
    assert result["__typename"] == "Ticket", result


NO_ACCEPTANCE: Final = {
    "ticketsWithSuggestion": 0,
    "categoryKept": 0,
    "priorityKept": 0,
    "categoryKeptRate": None,
    "priorityKeptRate": None,
}


def test_stats_say_how_often_the_suggestion_was_kept(api: Api):
    assert acceptance(api) == NO_ACCEPTANCE
    # Tickets without a suggestion are not counted, whatever happens to them.
    plain = rest_created(api, category="billing", priority="high")
    update(api, plain["id"], category="ACCOUNT")
    assert acceptance(api) == NO_ACCEPTANCE

    # Suggested technical/low; changed, and changed back: kept.
    kept = rest_created(api)
    update(api, kept["id"], category="ACCOUNT", priority="HIGH")
    update(api, kept["id"], category="TECHNICAL", priority="LOW")
    # Suggested technical/low; both overridden.
    overridden = graphql_created(api)
    update(api, overridden["id"], category="BILLING", priority="HIGH")
    # The client's suggestion billing/low, with a priority that differs from the start.
    rest_created(
        api,
        category="billing",
        priority="high",
        suggested_category="billing",
        suggested_priority="low",
        suggestion_source="llm",
    )
    graphql_created(api, category="GENERAL", priority="LOW")  # no suggestion either

    assert acceptance(api) == {
        "ticketsWithSuggestion": 3,
        "categoryKept": 2,
        "priorityKept": 1,
        "categoryKeptRate": 0.6667,
        "priorityKeptRate": 0.3333,
    }
