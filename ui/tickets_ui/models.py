"""What the pages hold: plain dataclasses built from the API's answers, shaped for display."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any

DESCRIPTION_PREVIEW_CHARS = 180


@dataclasses.dataclass(frozen=True)
class Ticket:
    id: str
    title: str
    description: str
    category: str
    priority: str
    status: str
    created_at: str
    """ISO 8601 with its offset, as the API sent it; the browser shows it relative."""
    created_exact: str
    """The exact time in UTC, for the hover."""
    preview: str
    """The description cut to a couple of lines for the list."""
    suggested_category: str = ""
    suggested_priority: str = ""
    suggestion_source: str = ""

    @classmethod
    def from_api(cls, node: dict[str, Any]) -> Ticket:
        suggestion = node.get("suggestion") or {}
        description = str(node["description"])
        return cls(
            id=str(node["id"]),
            title=str(node["title"]),
            description=description,
            category=str(node["category"]),
            priority=str(node["priority"]),
            status=str(node["status"]),
            created_at=str(node["createdAt"]),
            created_exact=exact_time(str(node["createdAt"])),
            preview=preview(description),
            suggested_category=str(suggestion.get("category") or ""),
            suggested_priority=str(suggestion.get("priority") or ""),
            suggestion_source=str(suggestion.get("source") or ""),
        )


@dataclasses.dataclass(frozen=True)
class Suggestion:
    category: str
    priority: str
    source: str


def exact_time(iso: str) -> str:
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%a %d %b %Y, %H:%M:%S UTC")


def preview(text: str, limit: int = DESCRIPTION_PREVIEW_CHARS) -> str:
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rstrip() + "…"
