"""Classifier fixtures: the fake OpenAI server, ways to reach it, and the descriptions used.

Two descriptions carry most tests, because what the API answers when the LLM cannot depends on
the text: the local rules read LOCAL_DESCRIPTION as billing/high, and find nothing in
NO_SIGNAL_DESCRIPTION (so the defaults answer). test_local_rules_see_what_the_tests_expect
checks that premise first, so a change in the rules points here rather than at the API.
The fake LLM answers LLM_ANSWER, which differs from the local answer in both fields: a value in
an answer tells where it came from.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final

import pytest

from graphql_api.classifier import PartialAnswer
from graphql_api.classifier.llm import LlmClassifier
from graphql_api.settings import Settings
from graphql_api.tickets.enums import Category, Priority
from tests.conftest import Api, ApiFactory
from tests.support.databases import settings_for
from tests.support.fake_openai import FakeOpenAI
from tests.support.servers import free_port

TEST_MODEL: Final = "fake-model-1"
TEST_KEY: Final = "test-key"
# Generous, so that a slow machine never turns a good answer into a failure.
ROOMY_DEADLINE_S: Final = 5.0
# For the hanging and slow server: short, so the test stays quick.
SHORT_DEADLINE_S: Final = 0.5
# The rate start_llm_api allows unless told otherwise: tests that loop over many cases on one
# server must not run into the per-client limit (its own tests set a small one).
ROOMY_RATE_PER_MINUTE: Final = 10_000

LOCAL_DESCRIPTION: Final = "I was charged twice for my invoice"
LOCAL_ANSWER: Final = PartialAnswer(Category.BILLING, Priority.HIGH)
NO_SIGNAL_DESCRIPTION: Final = "hello there"
LLM_ANSWER: Final = {"category": "technical", "priority": "low"}

Classify = Callable[..., PartialAnswer]
LlmApiFactory = Callable[..., Api]


@pytest.fixture(scope="session")
def fake_openai_server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as fake:
        yield fake


@pytest.fixture
def fake_openai(fake_openai_server: FakeOpenAI) -> FakeOpenAI:
    """The fake server, as good as new: one runs for the session, reset for each test."""
    fake_openai_server.reset()
    return fake_openai_server


def llm_settings(base_url: str | None, **overrides: Any) -> Settings:
    """Settings as the service would read them; the database is never opened here."""
    values: dict[str, Any] = {
        "openai_api_key": TEST_KEY,
        "openai_base_url": base_url,
        "openai_model": TEST_MODEL,
        "classify_timeout_s": ROOMY_DEADLINE_S,
        **overrides,
    }
    return settings_for("sqlite+aiosqlite:///unused.db", **values)


def closed_port_url() -> str:
    return f"http://127.0.0.1:{free_port()}/v1"


def classify_in_turn(
    classifier_of: Callable[[], LlmClassifier], *descriptions: str
) -> list[PartialAnswer]:
    """Classify each description in turn with ONE classifier on a fresh event loop (what it
    learns, like JSON mode after a refusal, carries over), closing its client afterwards."""

    async def run() -> list[PartialAnswer]:
        classifier = classifier_of()
        try:
            return [await classifier.classify(description) for description in descriptions]
        finally:
            await classifier.close()

    return asyncio.run(run())


def classify_once(classifier_of: Callable[[], LlmClassifier], description: str) -> PartialAnswer:
    [answer] = classify_in_turn(classifier_of, description)
    return answer


def classifier_builder(settings: Settings) -> Callable[[], LlmClassifier]:
    def build() -> LlmClassifier:
        classifier = LlmClassifier.from_settings(settings)
        assert classifier is not None
        return classifier

    return build


@pytest.fixture
def fake_settings(fake_openai: FakeOpenAI) -> Callable[..., Settings]:
    """fake_settings(**overrides): settings that point the LLM at the fake."""

    def settings(**overrides: Any) -> Settings:
        return llm_settings(f"{fake_openai.base_url}/v1", **overrides)

    return settings


@pytest.fixture
def classify(fake_settings: Callable[..., Settings]) -> Classify:
    """classify(description, **settings) through LlmClassifier.from_settings and the fake."""

    def run(description: str, **overrides: Any) -> PartialAnswer:
        return classify_once(classifier_builder(fake_settings(**overrides)), description)

    return run


@pytest.fixture
def start_llm_api(start_api: ApiFactory, fake_openai: FakeOpenAI) -> LlmApiFactory:
    """The API, over HTTP, configured to use the fake OpenAI server."""

    def start(deadline_s: float = ROOMY_DEADLINE_S, **overrides: Any) -> Api:
        values: dict[str, Any] = {
            "openai_api_key": TEST_KEY,
            "openai_base_url": f"{fake_openai.base_url}/v1",
            "openai_model": TEST_MODEL,
            "classify_timeout_s": deadline_s,
            "classify_rate_per_minute": ROOMY_RATE_PER_MINUTE,
            **overrides,
        }
        return start_api(**values)

    return start


# --- Talking to the API ----------------------------------------------------------------------

CLASSIFY_MUTATION: Final = """
mutation Classify($description: String!) {
  classifyTicket(description: $description) { category priority source }
}
"""


def rest_classify(
    api: Api, description: str, headers: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """POST /api/tickets/classify/, which must answer 200."""
    response = api.http.post(
        "/api/tickets/classify/", json={"description": description}, headers=headers
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def graphql_classify(
    api: Api, description: str, headers: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """mutation classifyTicket, which must answer without errors."""
    response = api.http.post(
        "/graphql",
        json={"query": CLASSIFY_MUTATION, "variables": {"description": description}},
        headers=headers,
    )
    body = response.json()
    assert response.status_code == 200, body
    assert "errors" not in body, body["errors"]
    result: dict[str, Any] = body["data"]["classifyTicket"]
    return result


def rest_suggestion(category: str, priority: str, source: str) -> dict[str, str]:
    """What REST classify answers: the contract's two keys, and the source beside them."""
    return {"suggested_category": category, "suggested_priority": priority, "source": source}


def graphql_suggestion(category: str, priority: str, source: str) -> dict[str, str]:
    """What GraphQL's Classification answers: enum names."""
    return {"category": category.upper(), "priority": priority.upper(), "source": source.upper()}


def from_client(address: str) -> dict[str, str]:
    """Headers of a request the UI's server (a trusted proxy on 127.0.0.1) makes for `address`."""
    return {"X-Forwarded-For": address}
