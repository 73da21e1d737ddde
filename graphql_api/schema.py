"""The root GraphQL schema, with the limits that keep abusive documents from running."""

from __future__ import annotations

import strawberry
from graphql import ASTValidationRule, GraphQLError
from strawberry.extensions import MaskErrors, SchemaExtension
from strawberry.extensions.max_aliases import create_validator as max_aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as max_depth_rule
from strawberry.printer import print_schema
from strawberry.types import ExecutionContext

from graphql_api.documents import CheckedDocuments, DocumentChecks
from graphql_api.execution import PlainFieldsExecutionContext
from graphql_api.settings import Settings
from graphql_api.tickets.graphql import Mutation, Query

# Enough for every distinct document real clients send; bounded so that a stream of unique
# documents cannot grow memory.
_DOCUMENT_CACHE_SIZE = 512


def _is_unexpected(error: GraphQLError) -> bool:
    """Errors we raised on purpose (GraphQLError) and document errors are shown; others masked."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


class TicketSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # Refused documents and bad arguments are the client's business, not the log's.
        unexpected = [error for error in errors if _is_unexpected(error)]
        super().process_errors(unexpected, execution_context)


def build_schema(settings: Settings) -> strawberry.Schema:
    # The alias and depth rules are made once per schema (MaxAliasesLimiter and QueryDepthLimiter
    # would make new rule classes per request), and checked documents are kept by their text.
    limits: list[type[ASTValidationRule]] = [
        max_aliases_rule(settings.graphql_max_aliases),
        max_depth_rule(settings.graphql_max_depth, should_ignore=None),
    ]
    checks = DocumentChecks(
        extra_rules=limits, max_tokens=settings.graphql_max_tokens, size=_DOCUMENT_CACHE_SIZE
    )
    extensions: list[type[SchemaExtension] | object] = [lambda: CheckedDocuments(checks)]
    if not settings.debug:
        extensions.append(lambda: MaskErrors(should_mask_error=_is_unexpected))
    return TicketSchema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,  # type: ignore[arg-type]
        execution_context_class=PlainFieldsExecutionContext,
    )


def export_schema(settings: Settings) -> str:
    """The SDL of the schema, as `schema.graphql` holds it."""
    return print_schema(build_schema(settings)) + "\n"
