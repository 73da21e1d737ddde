"""Checked documents: parsed and validated once per text, with the limits and the extra rules
applied on every request, and errors reported every time the document is sent."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
import strawberry
from graphql import ASTValidationRule, FieldNode, GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionContext

from graphql_api.documents import CheckedDocuments, DocumentChecks

MAX_TOKENS = 40


@strawberry.type
class Query:
    @strawberry.field
    def hello(self) -> str:
        return "hi"

    @strawberry.field
    def secret(self) -> str:
        return "refused by NoSecretField"

    @strawberry.field
    def echo(self, word: str) -> str:
        return word


class NoSecretField(ASTValidationRule):
    """An extra rule, as the alias and depth limits are: refuses a field named `secret`."""

    def enter_field(self, node: FieldNode, *_args: Any) -> None:
        if node.name.value == "secret":
            self.report_error(GraphQLError("secret is refused", node))


def _schema(checks: DocumentChecks) -> strawberry.Schema:
    return strawberry.Schema(query=Query, extensions=[lambda: CheckedDocuments(checks)])


def _checks(size: int = 8) -> DocumentChecks:
    return DocumentChecks(extra_rules=[NoSecretField], max_tokens=MAX_TOKENS, size=size)


def _run(schema: strawberry.Schema, query: str, **variables: object) -> Any:
    return asyncio.run(schema.execute(query, variable_values=variables))


def _messages(result: Any) -> list[str]:
    return [error.message for error in result.errors or []]


def test_a_document_runs_with_its_variables_each_time() -> None:
    schema = _schema(_checks())
    query = "query Echo($word: String!) { echo(word: $word) hello }"
    assert _run(schema, query, word="one").data == {"echo": "one", "hello": "hi"}
    assert _run(schema, query, word="two").data == {"echo": "two", "hello": "hi"}


def test_the_same_text_is_parsed_and_validated_once() -> None:
    checks = _checks()
    seen: list[object] = []

    class Recorder(SchemaExtension):
        def on_execute(self) -> Iterator[None]:
            seen.append(self.execution_context.graphql_document)
            yield

    schema = strawberry.Schema(query=Query, extensions=[lambda: CheckedDocuments(checks), Recorder])
    for query in ("{ hello }", "{ hello }", "{ hello  }"):
        assert _run(schema, query).data == {"hello": "hi"}
    assert seen[0] is seen[1]
    assert seen[2] is not seen[0]  # another text: another document


def test_validation_errors_are_reported_every_time() -> None:
    schema = _schema(_checks())
    for _ in range(3):
        result = _run(schema, "{ hello nothere }")
        assert result.data is None
        assert _messages(result) == ["Cannot query field 'nothere' on type 'Query'."]


def test_a_caller_changing_the_errors_does_not_change_what_is_kept() -> None:
    schema = _schema(_checks())
    first = _run(schema, "{ nothere }")
    first.errors.clear()
    assert _messages(_run(schema, "{ nothere }")) == [
        "Cannot query field 'nothere' on type 'Query'."
    ]


def test_the_extra_rules_apply_to_every_document() -> None:
    schema = _schema(_checks())
    for _ in range(2):
        result = _run(schema, "{ hello secret: hello }")
        assert "secret is refused" not in _messages(result)  # an alias named secret is fine
        assert _messages(_run(schema, "{ secret }")) == ["secret is refused"]


def test_too_many_tokens_are_refused_every_time() -> None:
    schema = _schema(_checks())
    too_long = "{ " + "hello " * MAX_TOKENS + "}"
    for _ in range(2):
        result = _run(schema, too_long)
        assert result.data is None
        assert _messages(result) == [
            f"Syntax Error: Document contains more than {MAX_TOKENS} tokens. Parsing aborted."
        ]


def test_a_syntax_error_is_reported_and_not_kept() -> None:
    checks = _checks()
    schema = _schema(checks)
    for _ in range(2):
        assert _messages(_run(schema, "{ hello"))[0].startswith("Syntax Error")
    with pytest.raises(GraphQLError):
        checks.check("{ hello", _context(schema))


def _context(schema: strawberry.Schema) -> ExecutionContext:
    return ExecutionContext(query=None, schema=schema, allowed_operations=())


def test_only_the_most_recently_used_documents_are_kept() -> None:
    checks = _checks(size=2)
    context = _context(_schema(checks))
    first = checks.check("{ hello }", context)
    second = checks.check('{ echo(word: "a") }', context)
    assert checks.check("{ hello }", context) is first  # used again: now the most recent
    checks.check("{ hello hello }", context)  # the third: the least recently used goes
    assert checks.check("{ hello }", context) is first
    assert checks.check('{ echo(word: "a") }', context) is not second
