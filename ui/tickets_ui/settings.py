"""The UI's own settings, read from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache

DEFAULT_API_URL = "http://127.0.0.1:8000"


@dataclass(frozen=True, slots=True)
class Settings:
    api_url: str
    """Where the GraphQL API answers (its root; the UI posts to `<api_url>/graphql`)."""
    timeout_s: float
    """Deadline for one API call, so a slow API shows as a message rather than a hang."""
    classify_timeout_s: float
    """Deadline for a classification, which waits for the LLM's own deadline (4 s) at most."""

    @property
    def graphql_url(self) -> str:
        return f"{self.api_url.rstrip('/')}/graphql"


@cache
def get_settings() -> Settings:
    return Settings(
        api_url=os.environ.get("API_URL", "").strip() or DEFAULT_API_URL,
        timeout_s=float(os.environ.get("API_TIMEOUT_S", "5")),
        classify_timeout_s=float(os.environ.get("API_CLASSIFY_TIMEOUT_S", "8")),
    )
