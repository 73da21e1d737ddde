"""Every operation on tickets, written once for both front doors.

Functions take an AsyncSession and flush, never commit: the request boundary owns the
transaction (see `Database.session`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from sqlalchemy import ColumnElement, Select, false, func, insert, select, text, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from graphql_api.classifier import Classifier, Suggestion
from graphql_api.tickets.enums import Category, Priority, Status
from graphql_api.tickets.models import Ticket, TicketCount, TicketDay
from graphql_api.tickets.paging import TicketCursor
from graphql_api.tickets.validation import clean_description, clean_search, clean_ticket_fields

# Ids outside BIGINT cannot name a ticket; checking here keeps them away from the driver.
_MAX_ID: Final = 2**63 - 1

NEWEST_FIRST: Final = (Ticket.created_at.desc(), Ticket.id.desc())


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
            (TicketCount.category, self.category),
            (TicketCount.priority, self.priority),
            (TicketCount.status, self.status),
        ):
            if value is not None:
                query = query.where(column == value)
        return query

    def apply(self, query: Select[Any], dialect: str) -> Select[Any]:
        if self.matches_nothing:
            return query.where(false())
        if self.category is not None:
            query = query.where(Ticket.category == self.category)
        if self.priority is not None:
            query = query.where(Ticket.priority == self.priority)
        if self.status is not None:
            query = query.where(Ticket.status == self.status)
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
        return Ticket.id.in_(_SQLITE_SEARCH_INDEX.bindparams(phrase=phrase))
    # autoescape: % and _ in the term are literal characters, not wildcards. On PostgreSQL
    # this is ILIKE, served by the pg_trgm indexes (migration 0003).
    return Ticket.title.icontains(term, autoescape=True) | Ticket.description.icontains(
        term, autoescape=True
    )


def _dialect(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


@dataclass(frozen=True, slots=True)
class CursorPage:
    tickets: list[Ticket]
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
    session: AsyncSession,
    data: Mapping[str, object],
    classifier: Classifier,
    *,
    client: str = "",
) -> Ticket:
    """Create a ticket. A category or priority left out is suggested by the classifier, and the
    suggestion is kept on the ticket; given values always win."""
    values = clean_ticket_fields(data, partial=False)
    if "category" not in values or "priority" not in values:
        # Before the first query: the session holds no connection while the LLM thinks.
        suggestion = await classifier.classify(str(values["description"]), client=client)
        values.setdefault("category", suggestion.category)
        values.setdefault("priority", suggestion.priority)
        values["suggested_category"] = suggestion.category
        values["suggested_priority"] = suggestion.priority
        values["suggestion_source"] = suggestion.source
    return (await session.scalars(insert(Ticket).values(**values).returning(Ticket))).one()


async def get_ticket(session: AsyncSession, ticket_id: object) -> Ticket | None:
    parsed = parse_ticket_id(ticket_id)
    if parsed is None:
        return None
    return await session.get(Ticket, parsed)


async def update_ticket(
    session: AsyncSession, ticket_id: object, changes: Mapping[str, object]
) -> Ticket:
    """Apply a partial update; no writable field given is a no-op that returns the ticket."""
    parsed = parse_ticket_id(ticket_id)
    values = clean_ticket_fields(changes, partial=True)
    if parsed is None:
        raise TicketNotFound(ticket_id)
    if not values:
        ticket = await session.get(Ticket, parsed)
    else:
        statement = update(Ticket).where(Ticket.id == parsed).values(**values).returning(Ticket)
        ticket = (await session.scalars(statement)).one_or_none()
    if ticket is None:
        raise TicketNotFound(ticket_id)
    return ticket


async def count_tickets(session: AsyncSession, ticket_filter: TicketFilter) -> int:
    """Tickets matching the filter. Without a search term the counters answer, so the total of
    a page costs the same at a million tickets as at ten."""
    if ticket_filter.search is None:
        query = ticket_filter.apply_to_counts(
            select(func.coalesce(func.sum(TicketCount.tickets), 0))
        )
    else:
        query = ticket_filter.apply(select(func.count()).select_from(Ticket), _dialect(session))
    count = (await session.execute(query)).scalar_one()
    return int(count)


async def list_tickets(
    session: AsyncSession, ticket_filter: TicketFilter, *, limit: int, offset: int = 0
) -> list[Ticket]:
    """A page by offset, newest first (the REST shim's limit/offset paging)."""
    query = ticket_filter.apply(select(Ticket), _dialect(session))
    query = query.order_by(*NEWEST_FIRST).limit(limit).offset(offset)
    return list((await session.scalars(query)).all())


async def list_tickets_after(
    session: AsyncSession,
    ticket_filter: TicketFilter,
    *,
    first: int,
    after: TicketCursor | None = None,
) -> CursorPage:
    """A page by keyset, newest first: its cost does not grow with how deep the page is."""
    query = ticket_filter.apply(select(Ticket), _dialect(session))
    if after is not None:
        query = query.where(tuple_(Ticket.created_at, Ticket.id) < (after.created_at, after.id))
    # One row beyond the page tells whether another page follows.
    query = query.order_by(*NEWEST_FIRST).limit(first + 1)
    rows = list((await session.scalars(query)).all())
    return CursorPage(tickets=rows[:first], has_next_page=len(rows) > first)


async def get_stats(session: AsyncSession) -> TicketStats:
    """Totals and breakdowns from the counters the database keeps (migration 0003): a few
    hundred rows whatever the size of the table, and exact after every write."""
    grouped = await session.execute(
        select(
            TicketCount.priority,
            TicketCount.category,
            TicketCount.status,
            func.sum(TicketCount.tickets),
            func.sum(TicketCount.suggested),
            func.sum(TicketCount.category_kept),
            func.sum(TicketCount.priority_kept),
        ).group_by(TicketCount.priority, TicketCount.category, TicketCount.status)
    )
    by_priority = dict.fromkeys(Priority, 0)
    by_category = dict.fromkeys(Category, 0)
    total = open_count = suggested = category_kept = priority_kept = 0
    for priority, category, status, *sums in grouped:
        # PostgreSQL sums bigints as numeric.
        count, with_suggestion, kept_category, kept_priority = (int(value) for value in sums)
        by_priority[priority] += count
        by_category[category] += count
        total += count
        open_count += count if status == Status.OPEN else 0
        suggested += with_suggestion
        category_kept += kept_category
        priority_kept += kept_priority

    days_with_tickets = (
        select(TicketDay.day)
        .group_by(TicketDay.day)
        .having(func.sum(TicketDay.tickets) > 0)
        .subquery()
    )
    active_days = (
        await session.execute(select(func.count()).select_from(days_with_tickets))
    ).scalar_one()
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
