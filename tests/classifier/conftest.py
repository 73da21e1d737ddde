"""Classifier fixtures: the fake OpenAI server, and ways to reach it with the real client."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from graphql_api.classifier import Suggestion
from graphql_api.classifier.llm import LlmClassifier
from graphql_api.settings import Settings
from tests.conftest import Api, ApiFactory
from tests.support.databases import settings_for
from tests.support.fake_openai import FakeOpenAI

TEST_MODEL = "fake-model-1"
TEST_KEY = "test-key"
# Generous, so that a slow machine never turns a good answer into the fallback.
ROOMY_DEADLINE_S = 5.0
# For the hanging server: short, so the test stays quick.
SHORT_DEADLINE_S = 0.5

Classify = Callable[..., Suggestion]
LlmApiFactory = Callable[..., Api]


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as fake:
        yield fake


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


def classify_once(classifier_of: Callable[[], LlmClassifier], description: str) -> Suggestion:
    """One classification on a fresh event loop, closing the client afterwards."""

    async def run() -> Suggestion:
        classifier = classifier_of()
        try:
            return await classifier.classify(description)
        finally:
            await classifier.close()

    return asyncio.run(run())


@pytest.fixture
def classify(fake_openai: FakeOpenAI) -> Classify:
    """classify(description, **settings) through LlmClassifier.from_settings and the fake."""

    def run(description: str, **overrides: Any) -> Suggestion:
        settings = llm_settings(f"{fake_openai.base_url}/v1", **overrides)

        def build() -> LlmClassifier:
            classifier = LlmClassifier.from_settings(settings)
            assert classifier is not None
            return classifier

        return classify_once(build, description)

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
            **overrides,
        }
        return start_api(**values)

    return start
