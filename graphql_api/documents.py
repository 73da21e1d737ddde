"""Documents parsed and validated once, looked up by their text.

Clients send the same few documents over and over, so checking each one again is wasted work.
Strawberry's ParserCache and ValidationCache do it in two steps, and the second keys its cache on
the parsed document: every request hashed the whole syntax tree, node by node (about 135 hashes
for the UI's list query), to find a validation it had already done. Here one cache keyed by the
text (a string's hash is computed once) keeps the document with its validation errors, and the
same extension sets the token limit and adds the schema's own rules: one extension instead of four.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from graphql import ASTValidationRule, DocumentNode, GraphQLError, parse
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document
from strawberry.types import ExecutionContext


@dataclass(frozen=True, slots=True, eq=False)
class CheckedDocument:
    document: DocumentNode
    errors: list[GraphQLError]


class DocumentChecks:
    """Checked documents of one schema by their text: parsed within a token limit, validated
    with the schema's extra rules, the most recently used `size` of them kept.

    The text is the whole key: the schema and Strawberry's base rules are the same for every
    request of the schema this belongs to. A document that does not parse is not kept.
    """

    def __init__(
        self, *, extra_rules: Sequence[type[ASTValidationRule]], max_tokens: int, size: int
    ) -> None:
        self._extra_rules = tuple(extra_rules)
        self._max_tokens = max_tokens
        self._size = size
        self._documents: OrderedDict[str, CheckedDocument] = OrderedDict()

    def check(self, query: str, context: ExecutionContext) -> CheckedDocument:
        """The document of `query` and its validation errors; raises GraphQLError if it does
        not parse (too many tokens included)."""
        checked = self._documents.get(query)
        if checked is not None:
            self._documents.move_to_end(query)
            return checked
        document = parse(query, max_tokens=self._max_tokens)
        rules = context.validation_rules + self._extra_rules
        checked = CheckedDocument(
            document, validate_document(context.schema._schema, document, rules)
        )
        self._documents[query] = checked
        if len(self._documents) > self._size:
            self._documents.popitem(last=False)
        return checked


class CheckedDocuments(SchemaExtension):
    """Hands Strawberry the checked document and its errors, so it neither parses nor validates.

    Made per request (Strawberry's extension factories are); the checks it reads are the schema's.
    """

    def __init__(self, checks: DocumentChecks) -> None:
        self._checks = checks
        self._checked: CheckedDocument | None = None

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        # Strawberry refuses a request without a query before parsing; the check makes mypy sure.
        if context.query is not None:
            self._checked = self._checks.check(context.query, context)
            context.graphql_document = self._checked.document
        yield

    def on_validate(self) -> Iterator[None]:
        if self._checked is not None:
            # A list of its own: Strawberry and the error masking may change what they are given.
            self.execution_context.pre_execution_errors = list(self._checked.errors)
        yield
