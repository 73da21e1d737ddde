"""Remembers recent LLM suggestions, so classifying the same text again costs nothing."""

from __future__ import annotations

import re

from cachetools import TTLCache

from graphql_api.classifier import PartialAnswer

_WHITESPACE = re.compile(r"\s+")


def cache_key(description: str) -> str:
    """Texts that differ only in case and spacing classify the same."""
    return _WHITESPACE.sub(" ", description).strip().casefold()


class SuggestionCache:
    """Bounded in size and in age; per worker process."""

    def __init__(self, max_entries: int, ttl_s: float) -> None:
        self._entries: TTLCache[str, PartialAnswer] | None = (
            TTLCache(maxsize=max_entries, ttl=ttl_s) if max_entries > 0 else None
        )

    def get(self, description: str) -> PartialAnswer | None:
        if self._entries is None:
            return None
        return self._entries.get(cache_key(description))

    def put(self, description: str, answer: PartialAnswer) -> None:
        if self._entries is not None:
            self._entries[cache_key(description)] = answer
