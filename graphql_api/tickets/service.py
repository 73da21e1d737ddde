"""Every operation on tickets, written once for both front doors.

Each operation takes a connection from the pool for as long as it needs one, in autocommit mode:
every read and every write is one SQL statement, atomic on its own (the counter triggers run
inside it), so no request holds a transaction open or pays round trips for BEGIN and COMMIT. A
page and its total are two statements and may see different instants under concurrent writes.

Rows are read with SQLAlchemy Core, not as ORM objects (the front doors only read them, and a
page of ORM objects cost a fifth of a list request's CPU), and handed out as TicketRecord named
tuples, whose columns read in nanoseconds instead of a Row's fraction of a microsecond.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from sqlalchemy.ext.asyncio import AsyncConnection

from graphql_api.classifier import Classifier, Suggestion, ticket_text
from graphql_api.db import Database
from graphql_api.statements import Row
from graphql_api.tickets import queries
from graphql_api.tickets.enums import Category, Priority, Status
from graphql_api.tickets.models import TicketRecord
from graphql_api.tickets.paging import TicketCursor
from graphql_api.tickets.queries import LIKE_ESCAPE, FilterShape, SearchKind
from graphql_api.tickets.validation import clean_description, clean_search, clean_ticket_fields

# Ids outside BIGINT cannot name a ticket; checking here keeps them away from the driver.
_MAX_ID: Final = 2**63 - 1


class TicketNotFound(Exception):
    def __init__(self, ticket_id: object) -> None:
        super().__init__(f"Ticket {ticket_id!r} not found.")


def parse_ticket_id(raw: object) -> int | None:
    """The numeric id a client meant, or None when it cannot name a ticket (so: not found)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        ticket_id = raw
    elif isinstance(raw, str) and raw.isascii() and raw.isdecimal():
        ticket_id = int(raw)
    else:
        return None
    return ticket_id if 1 <= ticket_id <= _MAX_ID else None


@dataclass(frozen=True, slots=True)
class TicketFilter:
    """Filters combine with AND; None does not filter."""

    category: Category | None = None
    priority: Priority | None = None
    status: Status | None = None
    search: str | None = None
    # Set when a client asked for an enum value that does not exist: nothing can match.
    matches_nothing: bool = False

    @classmethod
    def build(
        cls,
        *,
        category: str | None = None,
        priority: str | None = None,
        status: str | None = None,
        search: str | None = None,
    ) -> TicketFilter:
        """A filter from client input: empty values are ignored, an unknown enum value matches
        nothing (the REST contract), and the search term is checked."""
        try:
            return cls(
                category=Category(category) if category else None,
                priority=Priority(priority) if priority else None,
                status=Status(status) if status else None,
                search=clean_search(search),
            )
        except ValueError:
            return cls(search=clean_search(search), matches_nothing=True)

    def bound(self, dialect: str) -> tuple[FilterShape, dict[str, Any]]:
        """The shape of this filter's statements in `queries`, and the values they bind."""
        search_kind = _search_kind(self.search, dialect)
        shape = FilterShape(
            category=self.category is not None,
            priority=self.priority is not None,
            status=self.status is not None,
            search=search_kind,
            nothing=self.matches_nothing,
        )
        values: dict[str, Any] = {
            "category": self.category,
            "priority": self.priority,
            "status": self.status,
        }
        if self.search is not None:
            values["search"] = (
                _fts_phrase(self.search)
                if search_kind == "sqlite_index"
                else _like_pattern(self.search)
            )
        return shape, values


# SQLite's trigram index (migration 0005) can only look up terms of three characters or more.
_TRIGRAM: Final = 3


def _search_kind(term: str | None, dialect: str) -> SearchKind | None:
    if term is None:
        return None
    return "sqlite_index" if dialect == "sqlite" and len(term) >= _TRIGRAM else "like"


def _like_pattern(term: str) -> str:
    """A case-insensitive substring: % and _ in the term are literal characters."""
    escaped = term.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2)
    for wildcard in "%_":
        escaped = escaped.replace(wildcard, LIKE_ESCAPE + wildcard)
    return f"%{escaped}%"


def _fts_phrase(term: str) -> str:
    """An FTS5 phrase: the term quoted, its own double quotes doubled."""
    return '"' + term.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class Page:
    tickets: Sequence[TicketRecord]
    total: int  # tickets matching the filter, all pages


@dataclass(frozen=True, slots=True)
class CursorPage(Page):
    has_next_page: bool


@dataclass(frozen=True, slots=True)
class SuggestionAcceptance:
    """How often the suggestion was kept, over tickets that had one."""

    tickets_with_suggestion: int = 0
    category_kept: int = 0
    priority_kept: int = 0


@dataclass(frozen=True, slots=True)
class TicketStats:
    total_tickets: int
    open_tickets: int
    avg_tickets_per_day: float
    priority_breakdown: dict[Priority, int] = field(default_factory=dict)
    category_breakdown: dict[Category, int] = field(default_factory=dict)
    suggestion_acceptance: SuggestionAcceptance = field(default_factory=SuggestionAcceptance)


async def create_ticket(
    database: Database,
    data: Mapping[str, object],
    classifier: Classifier,
    *,
    client: str = "",
) -> TicketRecord:
    """Create a ticket. A category or priority left out is suggested by the classifier, and the
    suggestion is kept on the ticket; given values always win."""
    values = clean_ticket_fields(data, partial=False)
    if "category" not in values or "priority" not in values:
        # Before taking a connection: none is held while the LLM thinks.
        text = ticket_text(str(values["title"]), str(values["description"]))
        suggestion = await classifier.classify(text, client=client)
        values.setdefault("category", suggestion.category)
        values.setdefault("priority", suggestion.priority)
        values["suggested_category"] = suggestion.category
        values["suggested_priority"] = suggestion.priority
        values["suggestion_source"] = suggestion.source
    async with database.connect() as connection:
        (created,) = await database.rows(connection, queries.INSERT, values)
        return TicketRecord._make(created)


async def get_ticket(database: Database, ticket_id: object) -> TicketRecord | None:
    parsed = parse_ticket_id(ticket_id)
    if parsed is None:
        return None
    async with database.connect() as connection:
        return await _ticket_by_id(database, connection, parsed)


async def _ticket_by_id(
    database: Database, connection: AsyncConnection, ticket_id: int
) -> TicketRecord | None:
    return _record(await database.rows(connection, queries.BY_ID, {"id": ticket_id}))


def _record(rows: Sequence[Row]) -> TicketRecord | None:
    """The one ticket of a statement's rows, if any."""
    return TicketRecord._make(rows[0]) if rows else None


async def update_ticket(
    database: Database, ticket_id: object, changes: Mapping[str, object]
) -> TicketRecord:
    """Apply a partial update; no writable field given is a no-op that returns the ticket."""
    parsed = parse_ticket_id(ticket_id)
    values = clean_ticket_fields(changes, partial=True)
    if parsed is None:
        raise TicketNotFound(ticket_id)
    async with database.connect() as connection:
        if not values:
            ticket = await _ticket_by_id(database, connection, parsed)
        else:
            parameters = {**values, "ticket_id": parsed}
            ticket = _record(await database.rows(connection, queries.UPDATE_BY_ID, parameters))
    if ticket is None:
        raise TicketNotFound(ticket_id)
    return ticket


async def _count(
    database: Database, connection: AsyncConnection, shape: FilterShape, values: dict[str, Any]
) -> int:
    """Tickets matching the filter (from the counters unless there is a search term)."""
    ((total,),) = await database.rows(connection, queries.count(shape), values)
    return int(total)


async def list_tickets(
    database: Database, ticket_filter: TicketFilter, *, limit: int, offset: int = 0
) -> Page:
    """A page by offset, newest first (the REST shim's limit/offset paging)."""
    async with database.connect() as connection:
        shape, values = ticket_filter.bound(connection.dialect.name)
        query = queries.page(shape, offset=True)
        rows = await database.rows(connection, query, {**values, "limit": limit, "offset": offset})
        tickets = list(map(TicketRecord._make, rows))
        return Page(tickets=tickets, total=await _count(database, connection, shape, values))


async def list_tickets_after(
    database: Database,
    ticket_filter: TicketFilter,
    *,
    first: int,
    after: TicketCursor | None = None,
) -> CursorPage:
    """A page by keyset, newest first: its cost does not grow with how deep the page is."""
    async with database.connect() as connection:
        shape, values = ticket_filter.bound(connection.dialect.name)
        query = queries.page(shape, after=after is not None)
        # One row beyond the page tells whether another page follows.
        parameters = {**values, "limit": first + 1}
        if after is not None:
            parameters |= {"after_created_at": after.created_at, "after_id": after.id}
        tickets = list(map(TicketRecord._make, await database.rows(connection, query, parameters)))
        total = await _count(database, connection, shape, values)
    return CursorPage(tickets=tickets[:first], total=total, has_next_page=len(tickets) > first)


async def get_stats(database: Database) -> TicketStats:
    """Totals and breakdowns from the counters the database keeps (migration 0003): a few
    hundred rows whatever the size of the table, and exact after every write."""
    async with database.connect() as connection:
        grouped = await database.rows(connection, queries.STATS)
    by_priority = dict.fromkeys(Priority, 0)
    by_category = dict.fromkeys(Category, 0)
    total = open_count = suggested = category_kept = priority_kept = 0
    for priority, category, status, *sums, _active_days in grouped:
        # PostgreSQL sums bigints as numeric.
        count, with_suggestion, kept_category, kept_priority = (int(value) for value in sums)
        by_priority[priority] += count
        by_category[category] += count
        total += count
        open_count += count if status == Status.OPEN else 0
        suggested += with_suggestion
        category_kept += kept_category
        priority_kept += kept_priority
    active_days = int(grouped[0][-1]) if grouped else 0
    average = round(total / active_days, 2) if active_days else 0.0
    return TicketStats(
        total_tickets=total,
        open_tickets=open_count,
        avg_tickets_per_day=average,
        priority_breakdown=by_priority,
        category_breakdown=by_category,
        suggestion_acceptance=SuggestionAcceptance(
            tickets_with_suggestion=suggested,
            category_kept=category_kept,
            priority_kept=priority_kept,
        ),
    )


async def classify_description(
    classifier: Classifier, description: object, *, client: str = ""
) -> Suggestion:
    """Suggest a category and priority for a description (checked as a ticket's would be)."""
    return await classifier.classify(clean_description(description), client=client)
