"""The ticket service's SQL, built once per shape of filter and reused with bound values.

Building a select and its cache key costs SQLAlchemy about 70 µs, a tenth of a small request's
CPU; a statement object built once keeps its cache key, so a request only binds its values.
Every statement here is SQLAlchemy Core over the tables, never the ORM; a ticket's statements
select RECORD_COLUMNS, which the service reads into a TicketRecord.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Final, Literal, cast

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Integer,
    Select,
    Table,
    bindparam,
    false,
    func,
    insert,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.sql.base import ReadOnlyColumnCollection
from sqlalchemy.sql.elements import KeyedColumnElement

from graphql_api.tickets.models import Ticket, TicketCount, TicketDay, TicketRecord

# Declarative classes only promise a FromClause; a mapped class's __table__ is its Table.
TICKETS: Final = cast(Table, Ticket.__table__)
_T: Final = TICKETS.c
_COUNTS: Final = TicketCount.__table__.c
_DAYS: Final = TicketDay.__table__.c

NEWEST_FIRST: Final = (_T.created_at.desc(), _T.id.desc())
# A ticket's columns in TicketRecord's order: every row of a ticket is read into one.
RECORD_COLUMNS: Final = tuple(_T[name] for name in TicketRecord._fields)

# How a search term is looked up: a case-insensitive LIKE on both text columns (PostgreSQL's
# pg_trgm indexes serve it, migration 0003), or SQLite's FTS5 trigram index (migration 0005),
# which only knows terms of three characters or more.
SearchKind = Literal["like", "sqlite_index"]
LIKE_ESCAPE: Final = "/"

_SQLITE_SEARCH_INDEX: Final = text(
    "SELECT rowid FROM tickets_search WHERE tickets_search MATCH :search"
)


@dataclass(frozen=True, slots=True)
class FilterShape:
    """Which filters a request uses, not their values: the key of a prebuilt statement.

    The values are bound by name: :category, :priority, :status and :search.
    """

    category: bool = False
    priority: bool = False
    status: bool = False
    search: SearchKind | None = None
    # An enum value that does not exist was asked for: nothing can match.
    nothing: bool = False


def _enum_conditions(
    shape: FilterShape, columns: ReadOnlyColumnCollection[str, KeyedColumnElement[Any]]
) -> list[ColumnElement[bool]]:
    """The enum filters, on the tickets or on their counters (both name the columns alike)."""
    if shape.nothing:
        return [false()]
    used = (("category", shape.category), ("priority", shape.priority), ("status", shape.status))
    return [columns[name] == bindparam(name) for name, is_used in used if is_used]


def _ticket_conditions(shape: FilterShape) -> list[ColumnElement[bool]]:
    conditions = _enum_conditions(shape, _T)
    if shape.nothing:
        return conditions
    if shape.search == "sqlite_index":
        conditions.append(_T.id.in_(_SQLITE_SEARCH_INDEX))
    elif shape.search == "like":
        pattern: BindParameter[str] = bindparam("search")
        conditions.append(
            _T.title.ilike(pattern, escape=LIKE_ESCAPE)
            | _T.description.ilike(pattern, escape=LIKE_ESCAPE)
        )
    return conditions


@cache
def page(shape: FilterShape, *, offset: bool = False, after: bool = False) -> Select[Any]:
    """Matching tickets, newest first: :limit of them, after :offset rows (`offset`) or after
    the ticket at (:after_created_at, :after_id) (`after`, keyset paging)."""
    query = select(*RECORD_COLUMNS).where(*_ticket_conditions(shape))
    if after:
        cursor = tuple_(
            bindparam("after_created_at", type_=_T.created_at.type), bindparam("after_id")
        )
        query = query.where(tuple_(_T.created_at, _T.id) < cursor)
    query = query.order_by(*NEWEST_FIRST).limit(bindparam("limit", type_=Integer))
    return query.offset(bindparam("offset", type_=Integer)) if offset else query


@cache
def count(shape: FilterShape) -> Select[Any]:
    """How many tickets match. Without a search term the counters answer (a few hundred rows
    whatever the size of the table); a search counts the matching rows."""
    if shape.search is not None:
        return select(func.count()).select_from(TICKETS).where(*_ticket_conditions(shape))
    counted = func.coalesce(func.sum(_COUNTS.tickets), 0)
    return select(counted).where(*_enum_conditions(shape, _COUNTS))


BY_ID: Final = select(*RECORD_COLUMNS).where(_T.id == bindparam("id"))
# The columns set are the keys of the parameters given; the new row comes back.
INSERT: Final = insert(TICKETS).returning(*RECORD_COLUMNS)
UPDATE_BY_ID: Final = (
    update(TICKETS).where(_T.id == bindparam("ticket_id")).returning(*RECORD_COLUMNS)
)

_ACTIVE_DAYS: Final = (
    select(func.count())
    .select_from(
        select(_DAYS.day).group_by(_DAYS.day).having(func.sum(_DAYS.tickets) > 0).subquery()
    )
    .scalar_subquery()
)
# One statement (one snapshot, one round trip): the counters summed per key, each row also
# carrying the number of days with tickets.
STATS: Final = select(
    _COUNTS.priority,
    _COUNTS.category,
    _COUNTS.status,
    func.sum(_COUNTS.tickets),
    func.sum(_COUNTS.suggested),
    func.sum(_COUNTS.category_kept),
    func.sum(_COUNTS.priority_kept),
    _ACTIVE_DAYS,
).group_by(_COUNTS.priority, _COUNTS.category, _COUNTS.status)
