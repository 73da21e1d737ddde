"""Every setting of the service, read once from the environment (and `.env` when present)."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./tickets.db"

# Drivers this service runs on; a URL names one of them or is mapped to one.
_URL_SCHEME_MAP = {
    "postgres": "postgresql+psycopg",
    "postgresql": "postgresql+psycopg",
    "postgresql+psycopg": "postgresql+psycopg",
    "sqlite": "sqlite+aiosqlite",
    "sqlite+aiosqlite": "sqlite+aiosqlite",
}


def normalise_database_url(url: str) -> str:
    """Map `postgres://`, `postgresql://` and `sqlite://` URLs to the async drivers we ship."""
    scheme, separator, rest = url.strip().partition("://")
    if not separator:
        raise ValueError("must look like scheme://..., e.g. sqlite+aiosqlite:///./tickets.db")
    driver = _URL_SCHEME_MAP.get(scheme.lower())
    if driver is None:
        known = ", ".join(sorted(_URL_SCHEME_MAP))
        raise ValueError(f"unsupported scheme {scheme!r}; use one of {known}")
    return f"{driver}://{rest}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True
    )

    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        description="SQLAlchemy URL; postgres:// and postgresql:// map to psycopg 3.",
    )
    debug: bool = Field(default=False, description="Show unexpected errors instead of masking.")

    openai_api_key: SecretStr | None = Field(
        default=None, description="Without a key the classifier answers with its fallback."
    )
    openai_model: str = Field(default="gpt-4o-mini", min_length=1)
    openai_base_url: str | None = Field(
        default=None, description="Any OpenAI-compatible server, e.g. http://localhost:11434/v1"
    )
    classify_timeout_s: Annotated[float, Field(gt=0, le=60)] = Field(
        default=4.0, description="Hard deadline for one classification, retries included."
    )
    openai_output_mode: Literal["auto", "json_schema", "json_object"] = Field(
        default="auto",
        description="Structured Outputs (json_schema), JSON mode (json_object), or auto: "
        "json_schema first, JSON mode for good once a server refuses it.",
    )
    classify_cache_size: Annotated[int, Field(ge=0)] = Field(
        default=2000, description="Suggestions remembered per worker; 0 turns the cache off."
    )
    classify_cache_ttl_s: Annotated[float, Field(gt=0)] = 3600.0
    classify_rate_per_minute: Annotated[int, Field(ge=0)] = Field(
        default=20, description="LLM calls per client and minute; past it the local one answers."
    )
    classify_daily_budget: Annotated[int, Field(ge=0)] = Field(
        default=5000, description="LLM calls per UTC day in total; past it the local one answers."
    )
    trusted_proxies: list[str] = Field(
        default=["127.0.0.1", "::1"],
        description="Peers whose X-Forwarded-For names the client (the UI's server).",
    )

    max_body_bytes: Annotated[int, Field(ge=1024)] = Field(
        default=1024 * 1024, description="Larger request bodies are refused with 413."
    )
    rest_page_default: Annotated[int, Field(ge=1)] = 100
    rest_page_max: Annotated[int, Field(ge=1)] = 1000
    graphql_page_max: Annotated[int, Field(ge=1)] = 100
    graphql_max_depth: Annotated[int, Field(ge=2)] = 10
    graphql_max_aliases: Annotated[int, Field(ge=1)] = 30
    graphql_max_tokens: Annotated[int, Field(ge=100)] = 2000

    db_pool_size: Annotated[int, Field(ge=1)] = Field(
        default=20,
        description="Connections each worker keeps open to PostgreSQL. Size it for the requests "
        "a worker has in flight: a connection opened past it is closed after one use, and "
        "PostgreSQL starts a process for each.",
    )

    @field_validator("database_url")
    @classmethod
    def _normalise_url(cls, value: str) -> str:
        return normalise_database_url(value)

    @field_validator("openai_api_key")
    @classmethod
    def _blank_key_is_no_key(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        return value

    @field_validator("openai_base_url")
    @classmethod
    def _blank_base_url_is_default(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; raises pydantic's ValidationError naming each bad setting."""
    return Settings()
