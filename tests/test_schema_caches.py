"""The document limits must not defeat Strawberry's validation cache."""

import asyncio
from pathlib import Path
from typing import Any

from strawberry.extensions.validation_cache import _get_validate_cache

from graphql_api.classifier.factory import build_classifier
from graphql_api.context import Context
from graphql_api.db import Database
from graphql_api.schema import _DOCUMENT_CACHE_SIZE, build_schema
from tests.support.databases import SqliteDatabases, migrate, settings_for

QUERY = "{ stats { totalTickets } }"


def test_a_repeated_document_is_validated_once(tmp_path: Path) -> None:
    url = SqliteDatabases.url_of(tmp_path / "cache.db")
    migrate(url)
    settings = settings_for(url)
    schema = build_schema(settings)
    validate: Any = _get_validate_cache(_DOCUMENT_CACHE_SIZE)  # a functools.lru_cache

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
                counts.append(validate.cache_info().hits)
            return counts[0], counts[1]
        finally:
            await database.dispose()

    first, second = asyncio.run(run_twice())
    assert second == first + 1
