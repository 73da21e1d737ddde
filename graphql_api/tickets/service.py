"""Every operation on tickets, written once for both front doors.

Each operation takes a connection from the pool for as long as it needs one, in autocommit mode:
every read and every write is one SQL statement, atomic on its own (the counter triggers run
inside it), so no request holds a transaction open or pays round trips for BEGIN and COMMIT. A
page and its total are two statements and may see different instants under concurrent writes.

Rows are read with SQLAlchemy Core, not as ORM objects: the front doors only read them, and a
page of ORM objects cost a fifth of a list request's CPU.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, cast

from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    false,
    func,
    insert,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection

from graphql_api.classifier import Classifier, Suggestion
from graphql_api.db import Database
from graphql_api.tickets.enums import Category, Priority, Status
from graphql_api.tickets.models import Ticket, TicketCount, TicketDay, TicketRecord
from graphql_api.tickets.paging import TicketCursor
from graphql_api.tickets.validation import clean_description, clean_search, clean_ticket_fields

# Declarative classes only promise a FromClause; a mapped class's __table__ is its Table.
TICKETS: Final = cast(Table, Ticket.__table__)
COUNTS: Final = TicketCount.__table__.c
DAYS: Final = TicketDay.__table__.c
_T: Final = TICKETS.c

# Ids outside BIGINT cannot name a ticket; checking here keeps them away from the driver.
_MAX_ID: Final = 2**63 - 1

NEWEST_FIRST: Final = (_T.created_at.desc(), _T.id.desc())


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

    def apply_to_counts(self, query: Select[Any]) -> Select[Any]:
        """The enum filters on the counters table (the search term cannot apply there)."""
        if self.matches_nothing:
            return query.where(false())
        for column, value in (
            (COUNTS.category, self.category),
            (COUNTS.priority, self.priority),
            (COUNTS.status, self.status),
        ):
            if value is not None:
                query = query.where(column == value)
        return query

    def apply(self, query: Select[Any], dialect: str) -> Select[Any]:
        if self.matches_nothing:
            return query.where(false())
        if self.category is not None:
            query = query.where(_T.category == self.category)
        if self.priority is not None:
            query = query.where(_T.priority == self.priority)
        if self.status is not None:
            query = query.where(_T.status == self.status)
        if self.search is not None:
            query = query.where(_search_condition(self.search, dialect))
        return query


# SQLite's trigram index (migration 0005) can only look up terms of three characters or more.
_TRIGRAM = 3
_SQLITE_SEARCH_INDEX = text("SELECT rowid FROM tickets_search WHERE tickets_search MATCH :phrase")


def _search_condition(term: str, dialect: str) -> ColumnElement[bool]:
    """A case-insensitive substring of the title or the description; % and _ are literal."""
    if dialect == "sqlite" and len(term) >= _TRIGRAM:
        # An FTS5 phrase: the term quoted, its own double quotes doubled.
        phrase = '"' + term.replace('"', '""') + '"'
        return _T.id.in_(_SQLITE_SEARCH_INDEX.bindparams(phrase=phrase))
    # autoescape: % and _ in the term are literal characters, not wildcards. On PostgreSQL
    # this is ILIKE, served by the pg_trgm indexes (migration 0003).
    return _T.title.icontains(term, autoescape=True) | _T.description.icontains(
        term, autoescape=True
    )


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
        suggestion = await classifier.classify(str(values["description"]), client=client)
        values.setdefault("category", suggestion.category)
        values.setdefault("priority", suggestion.priority)
        values["suggested_category"] = suggestion.category
        values["suggested_priority"] = suggestion.priority
        values["suggestion_source"] = suggestion.source
    async with database.connect() as connection:
        result = await connection.execute(insert(TICKETS).values(**values).returning(*_T))
        return result.one()


async def get_ticket(database: Database, ticket_id: object) -> TicketRecord | None:
    parsed = parse_ticket_id(ticket_id)
    if parsed is None:
        return None
    async with database.connect() as connection:
        return await _ticket_by_id(connection, parsed)


async def _ticket_by_id(connection: AsyncConnection, ticket_id: int) -> TicketRecord | None:
    return (await connection.execute(select(TICKETS).where(_T.id == ticket_id))).first()


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
            ticket = await _ticket_by_id(connection, parsed)
        else:
            statement = update(TICKETS).where(_T.id == parsed).values(**values).returning(*_T)
            ticket = (await connection.execute(statement)).first()
    if ticket is None:
        raise TicketNotFound(ticket_id)
    return ticket


async def _count(connection: AsyncConnection, ticket_filter: TicketFilter) -> int:
    """Tickets matching the filter. Without a search term the counters answer, so the total of
    a page costs the same at a million tickets as at ten."""
    if ticket_filter.search is None:
        query = ticket_filter.apply_to_counts(select(func.coalesce(func.sum(COUNTS.tickets), 0)))
    else:
        query = ticket_filter.apply(
            select(func.count()).select_from(TICKETS), connection.dialect.name
        )
    return int((await connection.execute(query)).scalar_one())


async def list_tickets(
    database: Database, ticket_filter: TicketFilter, *, limit: int, offset: int = 0
) -> Page:
    """A page by offset, newest first (the REST shim's limit/offset paging)."""
    async with database.connect() as connection:
        query = ticket_filter.apply(select(TICKETS), connection.dialect.name)
        query = query.order_by(*NEWEST_FIRST).limit(limit).offset(offset)
        tickets = (await connection.execute(query)).all()
        return Page(tickets=tickets, total=await _count(connection, ticket_filter))


async def list_tickets_after(
    database: Database,
    ticket_filter: TicketFilter,
    *,
    first: int,
    after: TicketCursor | None = None,
) -> CursorPage:
    """A page by keyset, newest first: its cost does not grow with how deep the page is."""
    async with database.connect() as connection:
        query = ticket_filter.apply(select(TICKETS), connection.dialect.name)
        if after is not None:
            query = query.where(tuple_(_T.created_at, _T.id) < (after.created_at, after.id))
        # One row beyond the page tells whether another page follows.
        rows = (await connection.execute(query.order_by(*NEWEST_FIRST).limit(first + 1))).all()
        total = await _count(connection, ticket_filter)
    return CursorPage(tickets=rows[:first], total=total, has_next_page=len(rows) > first)


_ACTIVE_DAYS: Final = (
    select(func.count())
    .select_from(select(DAYS.day).group_by(DAYS.day).having(func.sum(DAYS.tickets) > 0).subquery())
    .scalar_subquery()
)
# One statement (one snapshot, one round trip): the counters per key, each row also carrying
# the number of days with tickets.
_STATS: Final = select(
    COUNTS.priority,
    COUNTS.category,
    COUNTS.status,
    func.sum(COUNTS.tickets),
    func.sum(COUNTS.suggested),
    func.sum(COUNTS.category_kept),
    func.sum(COUNTS.priority_kept),
    _ACTIVE_DAYS,
).group_by(COUNTS.priority, COUNTS.category, COUNTS.status)


async def get_stats(database: Database) -> TicketStats:
    """Totals and breakdowns from the counters the database keeps (migration 0003): a few
    hundred rows whatever the size of the table, and exact after every write."""
    async with database.connect() as connection:
        grouped = (await connection.execute(_STATS)).all()
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
