"""The GraphQL front door for tickets: types, queries and mutations over the service."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from graphql import GraphQLError

from graphql_api.context import Context
from graphql_api.tickets import service
from graphql_api.tickets.enums import Category, Priority, Status, SuggestionSource
from graphql_api.tickets.models import TicketRecord
from graphql_api.tickets.paging import TicketCursor, cursor_of
from graphql_api.tickets.validation import ValidationFailed, clean_page_size

# The domain enums are the GraphQL enums: registering them here keeps tickets/enums.py free of
# Strawberry while GraphQL shows member names (BILLING) for the lower-case wire values.
strawberry.enum(Category, description="What a ticket is about.")
strawberry.enum(Priority, description="How urgent a ticket is.")
strawberry.enum(Status, description="Where a ticket is in its life.")
strawberry.enum(
    SuggestionSource,
    description="Where a suggestion came from: the LLM, the local rules, or the defaults.",
)
Info = strawberry.Info[Context, None]

DEFAULT_PAGE_SIZE = 50


@strawberry.type(description="A suggested category and priority, and where it came from.")
class Classification:
    category: Category
    priority: Priority
    source: SuggestionSource


@strawberry.type(description="A support request.")
class Ticket:
    id: strawberry.ID
    title: str
    description: str
    category: Category
    priority: Priority
    status: Status
    created_at: datetime = strawberry.field(description="Set by the server, in UTC.")
    suggestion: Classification | None = strawberry.field(
        description="What triage suggested at creation; null when nothing was recorded."
    )

    @classmethod
    def of(cls, row: TicketRecord) -> Ticket:
        suggestion = None
        if row.suggested_category and row.suggested_priority and row.suggestion_source:
            suggestion = Classification(
                category=row.suggested_category,
                priority=row.suggested_priority,
                source=row.suggestion_source,
            )
        return cls(
            id=strawberry.ID(str(row.id)),
            title=row.title,
            description=row.description,
            category=row.category,
            priority=row.priority,
            status=row.status,
            created_at=row.created_at,
            suggestion=suggestion,
        )


@strawberry.type(description="A field of the input and what is wrong with it.")
class FieldError:
    field: str = strawberry.field(description="The input field, as the client named it.")
    message: str


@strawberry.type(description="The input broke the rules; every bad field is listed.")
class ValidationError:
    fields: list[FieldError]

    @classmethod
    def of(cls, failure: ValidationFailed) -> ValidationError:
        return cls(fields=field_errors(failure))


@strawberry.type(description="No ticket has the given id.")
class NotFoundError:
    message: str


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class TicketEdge:
    cursor: str
    node: Ticket


@strawberry.type(description="A page of tickets, newest first (Relay cursor connection).")
class TicketConnection:
    total_count: int = strawberry.field(description="Tickets matching the filter, all pages.")
    edges: list[TicketEdge]
    page_info: PageInfo


@strawberry.input(description="Filters combine with AND; a field left out does not filter.")
class TicketFilter:
    category: Category | None = None
    priority: Priority | None = None
    status: Status | None = None
    search: str | None = strawberry.field(
        default=None,
        description="Case-insensitive substring of the title or the description; "
        "% and _ are matched literally.",
    )


@strawberry.type
class CategoryCount:
    category: Category
    count: int


@strawberry.type
class PriorityCount:
    priority: Priority
    count: int


@strawberry.type(description="How often agents kept triage's suggestion.")
class SuggestionAcceptance:
    tickets_with_suggestion: int = strawberry.field(description="Tickets that had one.")
    category_kept: int = strawberry.field(description="Of those, still in the category.")
    priority_kept: int = strawberry.field(description="Of those, still at the priority.")

    @strawberry.field(description="categoryKept / ticketsWithSuggestion; null without any.")
    def category_kept_rate(self) -> float | None:
        return _rate(self.category_kept, self.tickets_with_suggestion)

    @strawberry.field(description="priorityKept / ticketsWithSuggestion; null without any.")
    def priority_kept_rate(self) -> float | None:
        return _rate(self.priority_kept, self.tickets_with_suggestion)


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


@strawberry.type
class TicketStats:
    total_tickets: int
    open_tickets: int
    avg_tickets_per_day: float = strawberry.field(
        description="Mean tickets per UTC day with at least one ticket, to 2 decimals."
    )
    priority_breakdown: list[PriorityCount]
    category_breakdown: list[CategoryCount]
    suggestion_acceptance: SuggestionAcceptance


@strawberry.input(description="The suggestion the person was shown, to keep on the ticket.")
class SuggestionInput:
    category: Category
    priority: Priority
    source: SuggestionSource


@strawberry.input
class CreateTicketInput:
    title: str = strawberry.field(description="Trimmed; 1 to 200 characters.")
    description: str = strawberry.field(description="Trimmed; 1 to 10,000 characters.")
    category: Category | None = strawberry.field(
        default=strawberry.UNSET, description="Left out: suggested by the server."
    )
    priority: Priority | None = strawberry.field(
        default=strawberry.UNSET, description="Left out: suggested by the server."
    )
    status: Status | None = strawberry.field(default=strawberry.UNSET, description="Default OPEN.")
    suggestion: SuggestionInput | None = strawberry.field(
        default=strawberry.UNSET,
        description="What classifyTicket suggested, when the client asked it first.",
    )


@strawberry.input(description="Only the fields given change.")
class UpdateTicketInput:
    title: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    category: Category | None = strawberry.UNSET
    priority: Priority | None = strawberry.UNSET
    status: Status | None = strawberry.UNSET


CreateTicketResult = Annotated[Ticket | ValidationError, strawberry.union("CreateTicketResult")]
UpdateTicketResult = Annotated[
    Ticket | ValidationError | NotFoundError, strawberry.union("UpdateTicketResult")
]


def field_errors(failure: ValidationFailed) -> list[FieldError]:
    return [
        FieldError(field=_camel_case(name), message=message)
        for name, messages in failure.errors.items()
        for message in messages
    ]


def bad_user_input(failure: ValidationFailed) -> GraphQLError:
    """A GraphQL error for a query argument that breaks the rules, naming each field."""
    fields = field_errors(failure)
    return GraphQLError(
        "; ".join(f"{error.field}: {error.message}" for error in fields),
        extensions={
            "code": "BAD_USER_INPUT",
            "fields": [{"field": error.field, "message": error.message} for error in fields],
        },
    )


def _camel_case(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _given_fields(value: object) -> dict[str, object]:
    """The input fields a client actually sent (null included), by their service names."""
    given = {name: getattr(value, name) for name in vars(value)}
    fields = {name: item for name, item in given.items() if item is not strawberry.UNSET}
    suggestion = fields.pop("suggestion", None)
    if isinstance(suggestion, SuggestionInput):
        fields["suggested_category"] = suggestion.category
        fields["suggested_priority"] = suggestion.priority
        fields["suggestion_source"] = suggestion.source
    return fields


@strawberry.type
class Query:
    @strawberry.field(description="Tickets, newest first, by cursor pages.")
    async def tickets(
        self,
        info: Info,
        filter: TicketFilter | None = None,
        first: Annotated[
            int, strawberry.argument(description="Page size, 0 to 100.")
        ] = DEFAULT_PAGE_SIZE,
        after: Annotated[
            str | None, strawberry.argument(description="endCursor of the previous page.")
        ] = None,
    ) -> TicketConnection:
        try:
            page_size = clean_page_size(
                first, field="first", maximum=info.context.settings.graphql_page_max, minimum=0
            )
            cursor = TicketCursor.decode(after) if after is not None else None
            ticket_filter = _service_filter(filter)
        except ValidationFailed as failure:
            raise bad_user_input(failure) from None
        page = await service.list_tickets_after(
            info.context.database, ticket_filter, first=page_size, after=cursor
        )
        edges = [TicketEdge(cursor=cursor_of(row), node=Ticket.of(row)) for row in page.tickets]
        return TicketConnection(
            total_count=page.total,
            edges=edges,
            page_info=PageInfo(
                has_next_page=page.has_next_page,
                has_previous_page=cursor is not None,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
        )

    @strawberry.field(description="One ticket, or null when no ticket has this id.")
    async def ticket(self, info: Info, id: strawberry.ID) -> Ticket | None:
        row = await service.get_ticket(info.context.database, id)
        return Ticket.of(row) if row is not None else None

    @strawberry.field(description="Live totals over all tickets.")
    async def stats(self, info: Info) -> TicketStats:
        stats = await service.get_stats(info.context.database)
        return TicketStats(
            total_tickets=stats.total_tickets,
            open_tickets=stats.open_tickets,
            avg_tickets_per_day=stats.avg_tickets_per_day,
            suggestion_acceptance=SuggestionAcceptance(
                tickets_with_suggestion=stats.suggestion_acceptance.tickets_with_suggestion,
                category_kept=stats.suggestion_acceptance.category_kept,
                priority_kept=stats.suggestion_acceptance.priority_kept,
            ),
            priority_breakdown=[
                PriorityCount(priority=priority, count=count)
                for priority, count in stats.priority_breakdown.items()
            ],
            category_breakdown=[
                CategoryCount(category=category, count=count)
                for category, count in stats.category_breakdown.items()
            ],
        )


def _service_filter(graphql_filter: TicketFilter | None) -> service.TicketFilter:
    if graphql_filter is None:
        return service.TicketFilter()
    return service.TicketFilter.build(
        category=graphql_filter.category,
        priority=graphql_filter.priority,
        status=graphql_filter.status,
        search=graphql_filter.search,
    )


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Create a ticket; a ValidationError lists every bad field.")
    async def create_ticket(self, info: Info, input: CreateTicketInput) -> CreateTicketResult:
        try:
            row = await service.create_ticket(
                info.context.database,
                _given_fields(input),
                info.context.classifier,
                client=info.context.client,
            )
        except ValidationFailed as failure:
            return ValidationError.of(failure)
        return Ticket.of(row)

    @strawberry.mutation(description="Change some fields of a ticket.")
    async def update_ticket(
        self,
        info: Info,
        id: strawberry.ID,
        input: UpdateTicketInput,
    ) -> UpdateTicketResult:
        try:
            row = await service.update_ticket(info.context.database, id, _given_fields(input))
        except ValidationFailed as failure:
            return ValidationError.of(failure)
        except service.TicketNotFound:
            return NotFoundError(message="Ticket not found.")
        return Ticket.of(row)

    @strawberry.mutation(
        description="Suggest a category and priority; always answers, falling back to "
        "GENERAL/MEDIUM when the LLM cannot."
    )
    async def classify_ticket(self, info: Info, description: str) -> Classification:
        try:
            suggestion = await service.classify_description(
                info.context.classifier, description, client=info.context.client
            )
        except ValidationFailed as failure:
            raise bad_user_input(failure) from None
        return Classification(
            category=suggestion.category, priority=suggestion.priority, source=suggestion.source
        )
