"""The closed vocabularies of a ticket as GraphQL names them, with the words and colours shown.

Every colour is a Radix colour scale name, so badges, selects and charts agree everywhere. A test
checks these values against the enums of schema.graphql.
"""

from __future__ import annotations

from typing import Final

CATEGORIES: Final = ("BILLING", "TECHNICAL", "ACCOUNT", "GENERAL")
PRIORITIES: Final = ("LOW", "MEDIUM", "HIGH", "CRITICAL")
STATUSES: Final = ("OPEN", "IN_PROGRESS", "RESOLVED", "CLOSED")
SOURCES: Final = ("LLM", "LOCAL", "DEFAULT")

LABELS: Final[dict[str, str]] = {
    "BILLING": "Billing",
    "TECHNICAL": "Technical",
    "ACCOUNT": "Account",
    "GENERAL": "General",
    "LOW": "Low",
    "MEDIUM": "Medium",
    "HIGH": "High",
    "CRITICAL": "Critical",
    "OPEN": "Open",
    "IN_PROGRESS": "In progress",
    "RESOLVED": "Resolved",
    "CLOSED": "Closed",
}

PRIORITY_COLORS: Final[dict[str, str]] = {
    "LOW": "gray",
    "MEDIUM": "blue",
    "HIGH": "orange",
    "CRITICAL": "red",
}

STATUS_COLORS: Final[dict[str, str]] = {
    "OPEN": "indigo",
    "IN_PROGRESS": "amber",
    "RESOLVED": "grass",
    "CLOSED": "gray",
}

CATEGORY_COLORS: Final[dict[str, str]] = {
    "BILLING": "teal",
    "TECHNICAL": "violet",
    "ACCOUNT": "cyan",
    "GENERAL": "brown",
}

SOURCE_HINTS: Final[dict[str, str]] = {
    "LLM": "Suggested by the AI model",
    "LOCAL": "Suggested by keyword rules (the AI model did not answer)",
    "DEFAULT": "Default values: no suggestion could be made",
}

NEXT_STATUS: Final[dict[str, str]] = {
    "OPEN": "IN_PROGRESS",
    "IN_PROGRESS": "RESOLVED",
    "RESOLVED": "CLOSED",
}


def label(value: str) -> str:
    return LABELS.get(value, value.replace("_", " ").capitalize())
