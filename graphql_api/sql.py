"""SQL expressions whose spelling differs between PostgreSQL and SQLite."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Date
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class utc_date(FunctionElement[Any]):  # noqa: N801 (reads like the SQL function it renders)
    """The calendar day (UTC) of a timestamp column."""

    type = Date()
    inherit_cache = True
    name = "utc_date"


@compiles(utc_date, "postgresql")
def _utc_date_postgresql(element: utc_date, compiler: Any, **kw: Any) -> str:
    return f"CAST(({compiler.process(element.clauses, **kw)}) AT TIME ZONE 'UTC' AS DATE)"


@compiles(utc_date, "sqlite")
def _utc_date_sqlite(element: utc_date, compiler: Any, **kw: Any) -> str:
    # SQLite stores our timestamps as UTC text already.
    return f"date({compiler.process(element.clauses, **kw)})"
