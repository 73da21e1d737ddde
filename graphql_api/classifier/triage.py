"""The classifier the service uses: cache, then the LLM within rate and budget, then local rules.

cached LLM answer? ─ yes ─> it (free)
    │ no
LLM configured, client under its rate, today's budget not spent?
    │ yes: ask the LLM ─ usable ─> llm (remembered)
    │ no, or unusable
local rules have a signal? ─ yes ─> local
    │ no
general / medium ─> default
"""

from __future__ import annotations

import logging

from graphql_api.classifier import (
    DEFAULT_CATEGORY,
    DEFAULT_PRIORITY,
    PartialAnswer,
    Suggestion,
    SuggestionSource,
)
from graphql_api.classifier.cache import SuggestionCache
from graphql_api.classifier.limits import ClientRateLimiter, DailyBudget
from graphql_api.classifier.llm import LlmClassifier
from graphql_api.classifier.local import LocalClassifier

logger = logging.getLogger(__name__)


class Triage:
    def __init__(
        self,
        *,
        llm: LlmClassifier | None,
        local: LocalClassifier,
        cache: SuggestionCache,
        rate: ClientRateLimiter,
        budget: DailyBudget,
    ) -> None:
        self._llm = llm
        self._local = local
        self._cache = cache
        self._rate = rate
        self._budget = budget

    async def classify(self, description: str, *, client: str = "") -> Suggestion:
        local = self._local.classify(description)
        llm_answer = await self._ask_llm(description, client)
        if not llm_answer.is_empty:
            # A field the LLM left unusable is filled by the local rules, then the default.
            return _complete(llm_answer.completed_by(local), SuggestionSource.LLM)
        if not local.is_empty:
            return _complete(local, SuggestionSource.LOCAL)
        return _complete(local, SuggestionSource.DEFAULT)

    async def _ask_llm(self, description: str, client: str) -> PartialAnswer:
        if self._llm is None:
            return PartialAnswer()
        cached = self._cache.get(description)
        if cached is not None:
            return cached
        if not self._rate.allow(client):
            logger.info("classification rate reached for client %s; answering locally", client)
            return PartialAnswer()
        if not await self._budget.spend():
            logger.warning("today's LLM budget is spent; answering locally")
            return PartialAnswer()
        answer = await self._llm.classify(description)
        if not answer.is_empty:
            self._cache.put(description, answer)
        return answer

    async def close(self) -> None:
        if self._llm is not None:
            await self._llm.close()


def _complete(answer: PartialAnswer, source: SuggestionSource) -> Suggestion:
    return Suggestion(
        category=answer.category or DEFAULT_CATEGORY,
        priority=answer.priority or DEFAULT_PRIORITY,
        source=source,
    )
