"""The app's schema parses and validates a repeated document once (graphql_api/documents.py)."""

import asyncio
from pathlib import Path
from typing import Any

import graphql
import pytest
from strawberry.schema.schema import validate_document

from graphql_api import documents
from graphql_api.classifier.factory import build_classifier
from graphql_api.context import Context
from graphql_api.db import Database
from graphql_api.schema import build_schema
from tests.support.databases import SqliteDatabases, migrate, settings_for

QUERY = "{ stats { totalTickets } }"


def test_a_repeated_document_is_parsed_and_validated_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = SqliteDatabases.url_of(tmp_path / "cache.db")
    migrate(url)
    settings = settings_for(url)
    schema = build_schema(settings)
    calls: list[str] = []

    def counted(name: str, real: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(documents, "parse", counted("parse", graphql.parse))
    monkeypatch.setattr(documents, "validate_document", counted("validate", validate_document))

    async def run_twice() -> tuple[int, int]:
        database = Database(settings)
        classifier = build_classifier(settings, database.engine)
        try:
            counts = []
            for _ in range(2):
                context = Context(
                    request=None,  # type: ignore[arg-type]
                    settings=settings,
                    database=database,
                    classifier=classifier,
                )
                result = await schema.execute(QUERY, context_value=context)
                assert result.errors is None
                counts.append(len(calls))
            return counts[0], counts[1]
        finally:
            await database.dispose()

    first, second = asyncio.run(run_twice())
    assert calls == ["parse", "validate"]
    assert (first, second) == (2, 2)
