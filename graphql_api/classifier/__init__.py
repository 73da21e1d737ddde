"""Suggests a category and a priority for a ticket description.

The suggestion never fails: when the LLM cannot answer usefully, the fallback answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from graphql_api.tickets.enums import Category, Priority


class SuggestionSource(StrEnum):
    LLM = "llm"
    DEFAULT = "default"


@dataclass(frozen=True, slots=True)
class Suggestion:
    category: Category
    priority: Priority
    source: SuggestionSource


FALLBACK_CATEGORY = Category.GENERAL
FALLBACK_PRIORITY = Priority.MEDIUM
FALLBACK = Suggestion(FALLBACK_CATEGORY, FALLBACK_PRIORITY, SuggestionSource.DEFAULT)


class Classifier(Protocol):
    async def classify(self, description: str) -> Suggestion:
        """Always answers; `description` is already trimmed and non-blank."""
        ...

    async def close(self) -> None:
        """Release connections; called once at shutdown."""
        ...
