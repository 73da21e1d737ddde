"""Picks the classifier the settings ask for."""

from __future__ import annotations

from graphql_api.classifier import FALLBACK, Classifier, Suggestion
from graphql_api.classifier.llm import LlmClassifier
from graphql_api.settings import Settings


class FallbackClassifier:
    """Used when no LLM is configured: always the default suggestion."""

    async def classify(self, description: str) -> Suggestion:
        return FALLBACK

    async def close(self) -> None:
        pass


def build_classifier(settings: Settings) -> Classifier:
    return LlmClassifier.from_settings(settings) or FallbackClassifier()
