"""The `tickets` table as SQLAlchemy maps it.

The table itself, with every rule as a constraint and its server defaults, is built by the Alembic
migrations; `FetchedValue` tells the ORM which columns the database fills in.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, NamedTuple

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    Dialect,
    Enum,
    FetchedValue,
    Integer,
    SmallInteger,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from graphql_api.tickets.enums import TITLE_MAX_LENGTH, Category, Priority, Status, SuggestionSource


class Base(DeclarativeBase):
    pass


class UtcDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime on every database.

    PostgreSQL keeps `timestamptz`; SQLite keeps naive text, so values are converted to UTC before
    they are written and marked UTC when read back.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass an aware datetime")
        if dialect.name == "sqlite":
            return value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class _StrEnumColumn(Enum):
    """SQLAlchemy's Enum, read back with one lookup per value.

    Its own reader makes two Python calls a value, six values a ticket: 600 calls for a page of
    100 tickets. The lookup table is the one it builds (it maps NULL to None too).
    """

    cache_ok = True

    def result_processor(self, dialect: Dialect, coltype: object) -> Any:
        lookup = self._object_lookup.__getitem__
        # The text column's own reader (no driver here has one), then the lookup, as Enum does.
        read_text = super(Enum, self).result_processor(dialect, coltype)
        if read_text is None:
            return lookup
        return lambda value: lookup(read_text(value))


def _enum_column(enum: type[StrEnum], name: str) -> Enum:
    # Plain text guarded by a CHECK in the migration: adding a value needs no type change.
    return _StrEnumColumn(
        enum,
        name=name,
        native_enum=False,
        create_constraint=False,
        length=16,
        values_callable=lambda members: [member.value for member in members],
    )


class Ticket(Base):
    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    title: Mapped[str] = mapped_column(String(TITLE_MAX_LENGTH))
    description: Mapped[str] = mapped_column(Text)
    category: Mapped[Category] = mapped_column(_enum_column(Category, "category"))
    priority: Mapped[Priority] = mapped_column(_enum_column(Priority, "priority"))
    status: Mapped[Status] = mapped_column(
        _enum_column(Status, "status"), server_default=FetchedValue()
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=FetchedValue())
    # What triage suggested when the ticket was created (all three, or none).
    suggested_category: Mapped[Category | None] = mapped_column(
        _enum_column(Category, "suggested_category")
    )
    suggested_priority: Mapped[Priority | None] = mapped_column(
        _enum_column(Priority, "suggested_priority")
    )
    suggestion_source: Mapped[SuggestionSource | None] = mapped_column(
        _enum_column(SuggestionSource, "suggestion_source")
    )

    def __repr__(self) -> str:
        return f"Ticket(id={self.id!r}, title={self.title!r}, status={self.status!r})"


class TicketRecord(NamedTuple):
    """A ticket as the service hands it out: the columns of its row, in this order.

    A named tuple rather than SQLAlchemy's Row: a Row reads a column by name in Python (about
    0.4 µs), and a page of 50 tickets is read some 600 times on its way to the client.
    """

    id: int
    title: str
    description: str
    category: Category
    priority: Priority
    status: Status
    created_at: datetime
    suggested_category: Category | None
    suggested_priority: Priority | None
    suggestion_source: SuggestionSource | None


class TicketCount(Base):
    """Tickets per (category, priority, status), kept by triggers (migration 0003).

    A counter is split over shards to spread concurrent writers; readers sum the shards.
    """

    __tablename__ = "ticket_counts"

    category: Mapped[Category] = mapped_column(_enum_column(Category, "category"), primary_key=True)
    priority: Mapped[Priority] = mapped_column(_enum_column(Priority, "priority"), primary_key=True)
    status: Mapped[Status] = mapped_column(_enum_column(Status, "status"), primary_key=True)
    shard: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    tickets: Mapped[int] = mapped_column(BigInteger)
    suggested: Mapped[int] = mapped_column(BigInteger)
    category_kept: Mapped[int] = mapped_column(BigInteger)
    priority_kept: Mapped[int] = mapped_column(BigInteger)


class TicketDay(Base):
    """Tickets per UTC day, kept by triggers (migration 0003)."""

    __tablename__ = "ticket_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    shard: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    tickets: Mapped[int] = mapped_column(BigInteger)
