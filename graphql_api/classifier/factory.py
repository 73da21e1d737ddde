"""Builds the classifier the settings ask for."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine

from graphql_api.classifier.cache import SuggestionCache
from graphql_api.classifier.limits import ClientRateLimiter, DailyBudget
from graphql_api.classifier.llm import LlmClassifier
from graphql_api.classifier.local import LocalClassifier
from graphql_api.classifier.triage import Triage
from graphql_api.settings import Settings


def build_classifier(settings: Settings, engine: AsyncEngine) -> Triage:
    return Triage(
        llm=LlmClassifier.from_settings(settings),
        local=LocalClassifier(),
        cache=SuggestionCache(settings.classify_cache_size, settings.classify_cache_ttl_s),
        rate=ClientRateLimiter(settings.classify_rate_per_minute),
        budget=DailyBudget(engine, settings.classify_daily_budget),
    )
