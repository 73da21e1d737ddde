"""The closed vocabularies of a ticket: values are the lower-case strings of wire and table."""

from enum import StrEnum


class Category(StrEnum):
    BILLING = "billing"
    TECHNICAL = "technical"
    ACCOUNT = "account"
    GENERAL = "general"


class Priority(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class Status(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"


TITLE_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 10_000


class SuggestionSource(StrEnum):
    """Where a suggested category and priority came from."""

    LLM = "llm"
    LOCAL = "local"
    DEFAULT = "default"
