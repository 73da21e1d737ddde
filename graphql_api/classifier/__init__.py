"""Suggests a category and a priority for a ticket description.

A suggestion never fails: the LLM answers when it can, a local classifier when it cannot, and
the defaults (general / medium) when neither has anything to say. `Suggestion.source` says which.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from graphql_api.tickets.enums import Category, Priority, SuggestionSource

__all__ = [
    "DEFAULT_CATEGORY",
    "DEFAULT_PRIORITY",
    "FALLBACK",
    "Classifier",
    "PartialAnswer",
    "Suggestion",
    "SuggestionSource",
    "ticket_text",
]

DEFAULT_CATEGORY = Category.GENERAL
DEFAULT_PRIORITY = Priority.MEDIUM


def ticket_text(title: str, description: str) -> str:
    """What is classified when a whole ticket is known: the subject line first, as people write
    it, then the description (`classify` alone only has a description)."""
    return f"{title}\n{description}".strip()


@dataclass(frozen=True, slots=True)
class Suggestion:
    category: Category
    priority: Priority
    source: SuggestionSource


FALLBACK = Suggestion(DEFAULT_CATEGORY, DEFAULT_PRIORITY, SuggestionSource.DEFAULT)


@dataclass(frozen=True, slots=True)
class PartialAnswer:
    """What one classifier could tell; None where it has no usable answer for a field."""

    category: Category | None = None
    priority: Priority | None = None

    @property
    def is_empty(self) -> bool:
        return self.category is None and self.priority is None

    def completed_by(self, other: PartialAnswer) -> PartialAnswer:
        return PartialAnswer(self.category or other.category, self.priority or other.priority)


class Classifier(Protocol):
    async def classify(self, description: str, *, client: str = "") -> Suggestion:
        """Always answers. `description` is trimmed and non-blank; `client` identifies the
        caller for rate limiting."""
        ...

    async def close(self) -> None:
        """Release connections; called once at shutdown."""
        ...
