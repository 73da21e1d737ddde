"""What stands before the LLM: the cache, the per-client rate and the daily budget.

Through the API (they are wired by settings, and the rate needs real clients), then each part
alone, fast: the rate limiter and the cache with an injected clock, the budget on both databases.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from typing import TypeVar

import pytest
from cachetools import TTLCache
from sqlalchemy import text

from graphql_api.classifier import PartialAnswer
from graphql_api.classifier import cache as cache_module
from graphql_api.classifier.cache import SuggestionCache, cache_key
from graphql_api.classifier.limits import ClientRateLimiter, DailyBudget
from graphql_api.db import create_engine
from graphql_api.tickets.enums import Category, Priority
from tests.classifier.conftest import (
    LLM_ANSWER,
    LOCAL_DESCRIPTION,
    LlmApiFactory,
    from_client,
    graphql_classify,
    graphql_suggestion,
    rest_classify,
    rest_suggestion,
)
from tests.support.databases import settings_for
from tests.support.fake_openai import FakeOpenAI, Mode
from tests.support.sql import connect

T = TypeVar("T")

FROM_LLM = rest_suggestion("technical", "low", "llm")
FROM_LLM_GRAPHQL = graphql_suggestion("technical", "low", "llm")
# What the local rules make of LOCAL_DESCRIPTION and of every `order(n)`.
LOCALLY = rest_suggestion("billing", "high", "local")
LOCALLY_GRAPHQL = graphql_suggestion("billing", "high", "local")


def order(number: int) -> str:
    """Another description the local rules read as LOCAL_DESCRIPTION (no cache hit between)."""
    return f"{LOCAL_DESCRIPTION}, order {number}"


def llm_usage(database_url: str) -> dict[str, int]:
    """The llm_usage table, read with SQL: calls by ISO day."""
    with connect(database_url) as connection:
        rows = connection.execute(text("SELECT day, calls FROM llm_usage")).all()
    return {str(day): calls for day, calls in rows}


def utc_today() -> str:
    return datetime.now(UTC).date().isoformat()


# --- The cache, through the API --------------------------------------------------------------


def test_same_text_again_costs_no_request(start_llm_api: LlmApiFactory, fake_openai: FakeOpenAI):
    api = start_llm_api()
    fake_openai.answer_json(LLM_ANSWER)
    assert rest_classify(api, LOCAL_DESCRIPTION) == FROM_LLM
    # The same text, from either front door, in other case and spacing: remembered.
    assert graphql_classify(api, LOCAL_DESCRIPTION) == FROM_LLM_GRAPHQL
    assert rest_classify(api, "  i WAS charged \t TWICE for\nmy invoice ") == FROM_LLM
    assert len(fake_openai.completion_requests) == 1
    # Other text is asked for.
    assert rest_classify(api, order(1)) == FROM_LLM
    assert len(fake_openai.completion_requests) == 2


def test_cache_of_size_zero_remembers_nothing(
    start_llm_api: LlmApiFactory, fake_openai: FakeOpenAI
):
    api = start_llm_api(classify_cache_size=0)
    fake_openai.answer_json(LLM_ANSWER)
    assert rest_classify(api, LOCAL_DESCRIPTION) == FROM_LLM
    assert rest_classify(api, LOCAL_DESCRIPTION) == FROM_LLM
    assert len(fake_openai.completion_requests) == 2


def test_failed_answer_is_not_remembered(start_llm_api: LlmApiFactory, fake_openai: FakeOpenAI):
    api = start_llm_api()
    fake_openai.answer_json(LLM_ANSWER)
    fake_openai.script(Mode.SERVER_ERROR, Mode.SERVER_ERROR)  # the request and its retry
    assert rest_classify(api, LOCAL_DESCRIPTION) == LOCALLY
    assert len(fake_openai.completion_requests) == 2
    # The next call asks again and gets the LLM's answer, which is remembered.
    fake_openai.mode = Mode.TRUNCATED
    fake_openai.script(Mode.ANSWER)
    assert rest_classify(api, LOCAL_DESCRIPTION) == FROM_LLM
    assert rest_classify(api, LOCAL_DESCRIPTION) == FROM_LLM
    assert len(fake_openai.completion_requests) == 3
    # An unusable answer is not remembered either.
    assert graphql_classify(api, order(1)) == LOCALLY_GRAPHQL
    fake_openai.answer_json(LLM_ANSWER)
    assert graphql_classify(api, order(1)) == FROM_LLM_GRAPHQL
    assert len(fake_openai.completion_requests) == 5


# --- The rate per client, through the API ----------------------------------------------------


def test_rate_per_client_answers_locally_past_it(
    start_llm_api: LlmApiFactory, fake_openai: FakeOpenAI
):
    api = start_llm_api(classify_rate_per_minute=2)
    fake_openai.answer_json(LLM_ANSWER)
    alice, bob = from_client("203.0.113.10"), from_client("203.0.113.20")
    # REST and GraphQL draw on the same allowance.
    assert rest_classify(api, order(1), alice) == FROM_LLM
    assert graphql_classify(api, order(2), alice) == FROM_LLM_GRAPHQL
    assert len(fake_openai.completion_requests) == 2
    # Past the rate: the local answer, never an error, and no request.
    assert rest_classify(api, order(3), alice) == LOCALLY
    assert graphql_classify(api, order(4), alice) == LOCALLY_GRAPHQL
    assert len(fake_openai.completion_requests) == 2
    # Another client, named by the trusted proxy, still has its allowance; so has the proxy.
    assert rest_classify(api, order(5), bob) == FROM_LLM
    assert rest_classify(api, order(6)) == FROM_LLM
    assert len(fake_openai.completion_requests) == 4
    # What the LLM answered before is still free to anyone.
    assert rest_classify(api, order(1), alice) == FROM_LLM
    assert len(fake_openai.completion_requests) == 4


def test_rate_ignores_forwarded_for_from_an_untrusted_peer(
    start_llm_api: LlmApiFactory, fake_openai: FakeOpenAI
):
    # Were X-Forwarded-For believed from anyone, a client could be a new one on every call.
    api = start_llm_api(classify_rate_per_minute=1, trusted_proxies=[])
    fake_openai.answer_json(LLM_ANSWER)
    assert rest_classify(api, order(1), from_client("203.0.113.10")) == FROM_LLM
    assert rest_classify(api, order(2), from_client("203.0.113.20")) == LOCALLY
    assert len(fake_openai.completion_requests) == 1


# --- The daily budget, through the API -------------------------------------------------------


def test_daily_budget_answers_locally_once_spent(
    start_llm_api: LlmApiFactory, fake_openai: FakeOpenAI, database_url: str
):
    api = start_llm_api(classify_daily_budget=1)
    fake_openai.answer_json(LLM_ANSWER)
    first_day = utc_today()
    assert rest_classify(api, order(1)) == FROM_LLM
    assert graphql_classify(api, order(2)) == LOCALLY_GRAPHQL
    assert rest_classify(api, order(3), from_client("203.0.113.20")) == LOCALLY
    # The cache still answers for free.
    assert rest_classify(api, order(1)) == FROM_LLM
    assert len(fake_openai.completion_requests) == 1
    [(day, calls)] = llm_usage(database_url).items()
    assert calls == 1
    assert day in (first_day, utc_today())  # a run may cross UTC midnight


def test_daily_budget_of_zero_never_asks(
    start_llm_api: LlmApiFactory, fake_openai: FakeOpenAI, database_url: str
):
    api = start_llm_api(classify_daily_budget=0)
    assert rest_classify(api, LOCAL_DESCRIPTION) == LOCALLY
    assert graphql_classify(api, LOCAL_DESCRIPTION) == LOCALLY_GRAPHQL
    assert fake_openai.requests == []
    assert llm_usage(database_url) == {}


# --- ClientRateLimiter -----------------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_rate_limiter_is_a_bucket_per_client_that_refills():
    clock = FakeClock()
    limiter = ClientRateLimiter(2, clock=clock)
    assert [limiter.allow("alice") for _ in range(3)] == [True, True, False]
    assert limiter.allow("bob")
    # Two a minute: one more after 30 s, not before.
    clock.now += 29
    assert not limiter.allow("alice")
    clock.now += 2
    assert limiter.allow("alice")
    assert not limiter.allow("alice")
    # An idle hour refills the bucket, no more than full.
    clock.now += 3600
    assert [limiter.allow("alice") for _ in range(3)] == [True, True, False]
    assert [limiter.allow("bob") for _ in range(3)] == [True, True, False]


def test_rate_limiter_at_zero_allows_nothing():
    clock = FakeClock()
    limiter = ClientRateLimiter(0, clock=clock)
    assert not limiter.allow("alice")
    clock.now += 3600
    assert not limiter.allow("alice")


# --- SuggestionCache -------------------------------------------------------------------------

ANSWER = PartialAnswer(Category.BILLING, Priority.HIGH)
OTHER = PartialAnswer(Category.ACCOUNT, None)


def test_cache_key_ignores_case_and_spacing():
    assert cache_key("  Charged\tTWICE \n\n for  my invoice ") == "charged twice for my invoice"
    assert cache_key("Straße") == cache_key("STRASSE")
    assert cache_key("charged twice") != cache_key("charged  twice!")


def test_cache_finds_text_differing_in_case_and_spacing_only():
    cache = SuggestionCache(10, 3600)
    cache.put("  Charged TWICE\n for my invoice ", ANSWER)
    assert cache.get("charged twice for my invoice") == ANSWER
    assert cache.get("charged twice for my invoices") is None
    cache.put("CHARGED twice for my invoice", OTHER)
    assert cache.get("charged twice for my invoice") == OTHER


def test_cache_is_bounded_in_size():
    cache = SuggestionCache(2, 3600)
    for number in range(3):
        cache.put(f"text {number}", ANSWER)
    kept = [number for number in range(3) if cache.get(f"text {number}") is not None]
    assert kept == [1, 2]


def test_cache_of_size_zero_is_off():
    cache = SuggestionCache(0, 3600)
    cache.put("text", ANSWER)
    assert cache.get("text") is None


def test_cache_forgets_after_its_ttl(monkeypatch: pytest.MonkeyPatch):
    clock = FakeClock()
    monkeypatch.setattr(cache_module, "TTLCache", functools.partial(TTLCache, timer=clock))
    cache = SuggestionCache(10, ttl_s=60)
    cache.put("text", ANSWER)
    clock.now += 59
    assert cache.get("text") == ANSWER
    clock.now += 2
    assert cache.get("text") is None


# --- DailyBudget, on both databases ----------------------------------------------------------


def with_budget(
    database_url: str,
    limit: int,
    use: Callable[[DailyBudget], Awaitable[T]],
    today: Callable[[], date] | None = None,
) -> T:
    """Run `use` with a DailyBudget on its own engine (as a fresh process would have)."""

    async def run() -> T:
        engine = create_engine(settings_for(database_url))
        try:
            return await use(DailyBudget(engine, limit, today))
        finally:
            await engine.dispose()

    return asyncio.run(run())


async def spend_times(budget: DailyBudget, times: int) -> list[bool]:
    return [await budget.spend() for _ in range(times)]


def test_budget_counts_calls_per_day_up_to_its_limit(database_url: str):
    days = [date(2030, 1, 1)]

    def today() -> date:
        return days[0]

    assert (
        with_budget(database_url, 3, lambda b: spend_times(b, 5), today) == [True] * 3 + [False] * 2
    )
    # Counted in the database: a restart does not refill it.
    assert with_budget(database_url, 3, lambda b: spend_times(b, 1), today) == [False]
    assert with_budget(database_url, 3, DailyBudget.used_today, today) == 3
    # A new UTC day, a new budget.
    days[0] = date(2030, 1, 2)
    assert with_budget(database_url, 3, DailyBudget.used_today, today) == 0
    assert with_budget(database_url, 3, lambda b: spend_times(b, 1), today) == [True]
    assert llm_usage(database_url) == {"2030-01-01": 3, "2030-01-02": 1}


def test_budget_of_zero_spends_nothing(database_url: str):
    assert with_budget(database_url, 0, lambda b: spend_times(b, 2)) == [False, False]
    assert with_budget(database_url, 0, DailyBudget.used_today) == 0
    assert llm_usage(database_url) == {}


def test_budget_holds_under_concurrency(database_url: str):
    async def twenty_at_once(budget: DailyBudget) -> tuple[list[bool], int]:
        spent = await asyncio.gather(*(budget.spend() for _ in range(20)))
        return list(spent), await budget.used_today()

    spent, used = with_budget(database_url, 5, twenty_at_once)
    assert spent.count(True) == 5
    assert used == 5
    assert list(llm_usage(database_url).values()) == [5]


def test_budget_uses_the_utc_day_by_default(database_url: str):
    before = utc_today()
    assert with_budget(database_url, 1, lambda b: spend_times(b, 1)) == [True]
    [(day, calls)] = llm_usage(database_url).items()
    assert calls == 1
    assert day in (before, utc_today())
