"""Runs the Alembic migrations in migrations/ against the configured database."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from graphql_api.settings import Settings

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def alembic_config(settings: Settings, *, configure_logging: bool = True) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.attributes["settings"] = settings
    config.attributes["configure_logging"] = configure_logging
    return config


def upgrade(settings: Settings, revision: str = "head", *, configure_logging: bool = True) -> None:
    command.upgrade(alembic_config(settings, configure_logging=configure_logging), revision)


def downgrade(settings: Settings, revision: str, *, configure_logging: bool = True) -> None:
    command.downgrade(alembic_config(settings, configure_logging=configure_logging), revision)
