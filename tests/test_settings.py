"""Settings: URL mapping, refusal of bad values, and .env.example kept complete."""

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from graphql_api.settings import Settings


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgres://u:p@h:5432/d", "postgresql+psycopg://u:p@h:5432/d"),
        ("postgresql://u@h/d", "postgresql+psycopg://u@h/d"),
        ("postgresql+psycopg://u@h/d", "postgresql+psycopg://u@h/d"),
        ("sqlite:///./x.db", "sqlite+aiosqlite:///./x.db"),
        ("sqlite+aiosqlite:///./x.db", "sqlite+aiosqlite:///./x.db"),
    ],
)
def test_database_urls_are_mapped_to_the_async_drivers(given: str, used: str) -> None:
    assert Settings(_env_file=None, database_url=given).database_url == used


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("database_url", "mysql://u@h/d"),
        ("database_url", "no scheme"),
        ("classify_timeout_s", 0),
        ("classify_timeout_s", "soon"),
        ("rest_page_max", 0),
        ("max_body_bytes", 10),
    ],
)
def test_bad_values_name_the_setting(field: str, value: Any) -> None:
    with pytest.raises(ValidationError) as raised:
        Settings(_env_file=None, **{field: value})
    assert raised.value.errors()[0]["loc"] == (field,)


def test_a_blank_key_means_no_key() -> None:
    assert Settings(_env_file=None, openai_api_key="  ").openai_api_key is None


def test_env_example_lists_every_setting_with_a_valid_default(project_root: Path) -> None:
    lines = (project_root / ".env.example").read_text().splitlines()
    pairs = dict(line.split("=", 1) for line in lines if line.strip() and not line.startswith("#"))
    assert {name.lower() for name in pairs} == set(Settings.model_fields)
    # Read the way a .env is read: every documented default is the real default.
    example = Settings(_env_file=project_root / ".env.example")
    assert example == Settings(_env_file=None)
