"""The UI's side of the API contract, checked without a browser.

Every GraphQL document the UI sends is valid against schema.graphql, and the UI's vocabularies
are the schema's enums: an API change that would break the UI fails here first.
"""

from __future__ import annotations

import ast
import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import graphql
import pytest
from tickets_ui import api, documents, stack, vocab
from tickets_ui.settings import get_settings

from tests.support.servers import free_port
from tests.ui.conftest import ROOT

SCHEMA = graphql.build_schema((ROOT / "schema.graphql").read_text(encoding="utf-8"))
UI_PACKAGE = ROOT / "ui" / "tickets_ui"


@pytest.mark.parametrize("name", sorted(documents.ALL))
def test_each_document_is_valid_against_the_schema(name: str) -> None:
    document = graphql.parse(documents.ALL[name])
    errors = graphql.validate(SCHEMA, document)
    assert not errors, [error.message for error in errors]
    operations = [d for d in document.definitions if isinstance(d, graphql.OperationDefinitionNode)]
    assert [operation.name.value for operation in operations if operation.name] == [name]


def test_every_document_of_the_module_is_checked() -> None:
    operations = {
        value
        for key, value in vars(documents).items()
        if key.isupper() and isinstance(value, str) and ("query " in value or "mutation " in value)
    }
    assert operations == set(documents.ALL.values())


def test_no_other_module_writes_a_graphql_document() -> None:
    """Documents live in documents.py alone, so the test above sees every one the UI sends."""
    for path in UI_PACKAGE.rglob("*.py"):
        if path.name == "documents.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value.lstrip()
                assert not text.startswith(("query ", "mutation ", "fragment ", "{")), (
                    f"{path.relative_to(ROOT)} holds a GraphQL document: move it to documents.py"
                )


@pytest.mark.parametrize(
    ("enum", "values"),
    [
        ("Category", vocab.CATEGORIES),
        ("Priority", vocab.PRIORITIES),
        ("Status", vocab.STATUSES),
        ("SuggestionSource", vocab.SOURCES),
    ],
)
def test_the_vocabularies_are_the_schemas_enums(enum: str, values: tuple[str, ...]) -> None:
    schema_enum = SCHEMA.get_type(enum)
    assert isinstance(schema_enum, graphql.GraphQLEnumType)
    assert set(values) == set(schema_enum.values)
    for value in values:
        assert vocab.label(value)
    for colors in (vocab.PRIORITY_COLORS, vocab.STATUS_COLORS, vocab.CATEGORY_COLORS):
        assert set(colors) <= set(vocab.CATEGORIES + vocab.PRIORITIES + vocab.STATUSES)
    assert set(vocab.PRIORITY_COLORS) == set(vocab.PRIORITIES)
    assert set(vocab.STATUS_COLORS) == set(vocab.STATUSES)
    assert set(vocab.CATEGORY_COLORS) == set(vocab.CATEGORIES)


def test_the_ui_imports_nothing_from_the_api_package() -> None:
    """The UI is a client of the API like any other: GraphQL over HTTP, no shortcut."""
    for path in [*UI_PACKAGE.rglob("*.py"), ROOT / "ui" / "rxconfig.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            for name in names:
                assert not name.startswith(("graphql_api", "sqlalchemy")), (path, name)


def test_an_unreachable_api_is_a_readable_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("API_URL", f"http://127.0.0.1:{free_port()}")
    get_settings.cache_clear()
    try:
        # In a thread of its own: Playwright's sync API may hold this thread's event loop.
        with (
            ThreadPoolExecutor(max_workers=1) as pool,
            pytest.raises(api.ApiError, match="cannot be reached"),
        ):
            pool.submit(lambda: asyncio.run(api.get_stats())).result()
    finally:
        get_settings.cache_clear()


def test_the_api_address_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("API_URL", raising=False)
    get_settings.cache_clear()
    assert get_settings().graphql_url == "http://127.0.0.1:8000/graphql"
    monkeypatch.setenv("API_URL", "http://api:8000/")
    get_settings.cache_clear()
    assert get_settings().graphql_url == "http://api:8000/graphql"
    get_settings.cache_clear()


@pytest.mark.parametrize(
    ("machine", "package"),
    [("x86_64", "@oven/bun-linux-x64"), ("aarch64", "@oven/bun-linux-aarch64")],
)
def test_bun_comes_from_the_npm_package_for_the_machine(machine: str, package: str) -> None:
    assert stack.bun_package(machine) == package


def test_reflex_runs_with_project_caches_and_without_phoning_home() -> None:
    env = stack.reflex_env("http://127.0.0.1:8000", {"REFLEX_API_URL": "x", "PATH": "/bin"})
    assert env["API_URL"] == "http://127.0.0.1:8000"
    assert "REFLEX_API_URL" not in env
    assert env["REFLEX_TELEMETRY_ENABLED"] == "false"
    assert env["REFLEX_CHECK_LATEST_VERSION"] == "false"
    for name in ("REFLEX_DIR", "BUN_INSTALL_CACHE_DIR", "REFLEX_BUN_PATH"):
        assert Path(env[name]).is_relative_to(ROOT / ".tools"), name
