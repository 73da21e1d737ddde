"""The answers and failures of the fake LLM that the classifier tests go through."""

from __future__ import annotations

import pytest

from graphql_api.classifier import PartialAnswer
from graphql_api.tickets.enums import Category, Priority
from tests.support.fake_openai import FakeOpenAI, Mode

# Each way the model or its server can fail us: (mode, content if any, requests expected).
# Transient failures (500, 429, a dropped connection) are retried once; nothing else is.
FAILURES: dict[str, tuple[Mode, str | None, int]] = {
    "not JSON": (Mode.ANSWER, "The category is billing and the priority is high.", 1),
    "JSON in a code fence": (Mode.ANSWER, '```json\n{"category": "billing"}\n```', 1),
    "both values wrong": (Mode.ANSWER, '{"category": "payments", "priority": "urgent"}', 1),
    "wrong keys": (Mode.ANSWER, '{"type": "billing", "urgency": "high"}', 1),
    "JSON array": (Mode.ANSWER, '["billing", "high"]', 1),
    "JSON string": (Mode.ANSWER, '"billing"', 1),
    "JSON null": (Mode.ANSWER, "null", 1),
    "JSON number": (Mode.ANSWER, "42", 1),
    "empty content": (Mode.ANSWER, "", 1),
    "refusal": (Mode.REFUSAL, None, 1),
    "truncated": (Mode.TRUNCATED, None, 1),
    "no choices": (Mode.NO_CHOICES, None, 1),
    "HTTP 500": (Mode.SERVER_ERROR, None, 2),
    "HTTP 429": (Mode.RATE_LIMITED, None, 2),
    "connection dropped": (Mode.DISCONNECT, None, 2),
    "body not JSON": (Mode.BROKEN_BODY, None, 1),
    "body not JSON, text/plain": (Mode.TEXT_BODY, None, 1),
    "choice without a message": (Mode.NO_MESSAGE, None, 1),
}
failures = pytest.mark.parametrize(
    ("mode", "content", "requests"), list(FAILURES.values()), ids=list(FAILURES.keys())
)

# Usable answers, and what they are read as.
ANSWERS: dict[str, tuple[str, Category, Priority]] = {
    "clean": ('{"category": "billing", "priority": "high"}', Category.BILLING, Priority.HIGH),
    "other values": (
        '{"category": "technical", "priority": "critical"}',
        Category.TECHNICAL,
        Priority.CRITICAL,
    ),
    "upper case": ('{"category": "ACCOUNT", "priority": "LOW"}', Category.ACCOUNT, Priority.LOW),
    "spaces and mixed case": (
        '{"category": "  Billing ", "priority": "\\tHigh\\n"}',
        Category.BILLING,
        Priority.HIGH,
    ),
    "extra keys": (
        '{"category": "technical", "priority": "low", "reason": "crash"}',
        Category.TECHNICAL,
        Priority.LOW,
    ),
}
answers = pytest.mark.parametrize(
    ("content", "category", "priority"), list(ANSWERS.values()), ids=list(ANSWERS.keys())
)

# One field unusable: that field alone is None (the caller fills it).
HALF_ANSWERS: dict[str, tuple[str, PartialAnswer]] = {
    "wrong category": (
        '{"category": "payments", "priority": "high"}',
        PartialAnswer(None, Priority.HIGH),
    ),
    "wrong priority": (
        '{"category": "billing", "priority": "urgent"}',
        PartialAnswer(Category.BILLING, None),
    ),
    "category missing": ('{"priority": "critical"}', PartialAnswer(None, Priority.CRITICAL)),
    "priority null": (
        '{"category": "account", "priority": null}',
        PartialAnswer(Category.ACCOUNT, None),
    ),
    "category a number": ('{"category": 3, "priority": "low"}', PartialAnswer(None, Priority.LOW)),
    "priority a list": (
        '{"category": "technical", "priority": ["high"]}',
        PartialAnswer(Category.TECHNICAL, None),
    ),
}
half_answers = pytest.mark.parametrize(
    ("content", "expected"), list(HALF_ANSWERS.values()), ids=list(HALF_ANSWERS.keys())
)


def set_failure(fake: FakeOpenAI, mode: Mode, content: str | None) -> None:
    if content is None:
        fake.mode = mode
    else:
        fake.answer(content)
