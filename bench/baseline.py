"""The raw baseline: what the hardware allows for each benchmark scenario.

A minimal Starlette app on uvicorn that runs the same SQL as the API's service layer (as
SQLAlchemy renders it for PostgreSQL, with the same bound parameters) straight through a psycopg
async pool, and answers the same JSON: no ORM, no GraphQL, no validation beyond what the
scenarios need, no middleware. Each request is one transaction, as in the API (BEGIN, the
queries, COMMIT).

- `/api/tickets/...` answers as the REST shim does (offset paging, `X-Total-Count`).
- `/keyset/` answers a `tickets(...)` GraphQL query's JSON, with the SQL of the GraphQL
  resolver (keyset paging, one row more than the page).

Run by the harness as `python -m bench.baseline --port P --workers N` with `BENCH_BASELINE_DSN`
set: uvicorn, served the way the API is (`graphql_api.serving`: a listening socket per worker).
"""

# The SQL text is assembled from constants only; every value is a bound parameter.
# ruff: noqa: S608

from __future__ import annotations

import argparse
import base64
import os
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any, Final

import orjson
from psycopg_pool import AsyncConnectionPool
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from graphql_api.serving import serve

DSN_VARIABLE: Final = "BENCH_BASELINE_DSN"

CATEGORIES: Final = ("billing", "technical", "account", "general")
PRIORITIES: Final = ("low", "medium", "high", "critical")
STATUSES: Final = ("open", "in_progress", "resolved", "closed")

_COLUMNS: Final = (
    "tickets.id, tickets.title, tickets.description, tickets.category, tickets.priority, "
    "tickets.status, tickets.created_at, tickets.suggested_category, "
    "tickets.suggested_priority, tickets.suggestion_source"
)
_NEWEST_FIRST: Final = " ORDER BY tickets.created_at DESC, tickets.id DESC"
_SEARCH: Final = (
    "((tickets.title ILIKE '%%' || %s::VARCHAR || '%%' ESCAPE '/') OR "
    "(tickets.description ILIKE '%%' || %s::VARCHAR || '%%' ESCAPE '/'))"
)
_STATS_GROUPED: Final = (
    "SELECT ticket_counts.priority, ticket_counts.category, ticket_counts.status, "
    "sum(ticket_counts.tickets) AS sum_1, sum(ticket_counts.suggested) AS sum_2, "
    "sum(ticket_counts.category_kept) AS sum_3, sum(ticket_counts.priority_kept) AS sum_4 "
    "FROM ticket_counts "
    "GROUP BY ticket_counts.priority, ticket_counts.category, ticket_counts.status"
)
_STATS_DAYS: Final = (
    "SELECT count(*) AS count_1 FROM (SELECT ticket_days.day AS day FROM ticket_days "
    "GROUP BY ticket_days.day HAVING sum(ticket_days.tickets) > %s::BIGINT) AS anon_1"
)
_INSERT: Final = (
    "INSERT INTO tickets (title, description, category, priority) "
    f"VALUES (%s::VARCHAR, %s::VARCHAR, %s, %s) RETURNING {_COLUMNS}"
)
_UPDATE_STATUS: Final = (
    f"UPDATE tickets SET status=%s WHERE tickets.id = %s::BIGINT RETURNING {_COLUMNS}"
)

Row = tuple[Any, ...]


class JSON(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def rest_ticket(row: Row) -> dict[str, Any]:
    return {
        "id": row[0],
        "title": row[1],
        "description": row[2],
        "category": row[3],
        "priority": row[4],
        "status": row[5],
        "created_at": _utc(row[6]).isoformat().replace("+00:00", "Z"),
        "suggested_category": row[7],
        "suggested_priority": row[8],
        "suggestion_source": row[9],
    }


def _name(value: str) -> str:
    """The GraphQL enum name of a wire value."""
    return value.upper()


def encode_cursor(created_at: datetime, ticket_id: int) -> str:
    return base64.urlsafe_b64encode(f"{created_at.isoformat()}|{ticket_id}".encode()).decode()


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    stamp, _, ticket_id = base64.urlsafe_b64decode(cursor.encode()).decode().partition("|")
    return datetime.fromisoformat(stamp), int(ticket_id)


def graphql_edge(row: Row) -> dict[str, Any]:
    created_at = _utc(row[6])
    suggestion = None
    if row[7] and row[8] and row[9]:
        suggestion = {
            "category": _name(row[7]),
            "priority": _name(row[8]),
            "source": _name(row[9]),
        }
    return {
        "cursor": encode_cursor(created_at, row[0]),
        "node": {
            "id": str(row[0]),
            "title": row[1],
            "description": row[2],
            "category": _name(row[3]),
            "priority": _name(row[4]),
            "status": _name(row[5]),
            "createdAt": created_at.isoformat(),
            "suggestion": suggestion,
        },
    }


class _Filter:
    """The list filters of a request, as the service turns them into SQL."""

    def __init__(self, request: Request) -> None:
        self.on_tickets: list[str] = []
        self.on_counts: list[str] = []
        self.params: list[object] = []
        for column in ("category", "priority", "status"):
            value = request.query_params.get(column)
            if value:
                self.on_tickets.append(f"tickets.{column} = %s")
                self.on_counts.append(f"ticket_counts.{column} = %s")
                self.params.append(value.lower())
        search = (request.query_params.get("search") or "").strip() or None
        if search is not None:
            # SQLAlchemy's autoescape: the escape character, % and _ become literal.
            escaped = search.replace("/", "//").replace("%", "/%").replace("_", "/_")
            self.on_tickets.append(_SEARCH)
            self.params += [escaped, escaped]
        self.search = search


def _where(conditions: Sequence[str]) -> str:
    return " WHERE " + " AND ".join(conditions) if conditions else ""


async def _page_and_total(
    request: Request, *, limit: int, offset: int | None, after: str | None
) -> tuple[list[Row], int]:
    """A page newest first (offset or keyset), then the number of matches, in one transaction."""
    where = _Filter(request)
    conditions, params = list(where.on_tickets), list(where.params)
    if after is not None:
        conditions.append(
            "(tickets.created_at, tickets.id) < (%s::TIMESTAMP WITH TIME ZONE, %s::BIGINT)"
        )
        params.extend(decode_cursor(after))
    page_sql = f"SELECT {_COLUMNS} FROM tickets{_where(conditions)}{_NEWEST_FIRST}"
    page_sql += " LIMIT %s::INTEGER"
    params.append(limit)
    if offset is not None:
        page_sql += " OFFSET %s::INTEGER"
        params.append(offset)
    if where.search is None:
        # Without a search term the counters answer.
        count_sql = (
            "SELECT coalesce(sum(ticket_counts.tickets), %s::INTEGER) AS coalesce_1 "
            f"FROM ticket_counts{_where(where.on_counts)}"
        )
        count_params = [0, *where.params]
    else:
        count_sql = f"SELECT count(*) AS count_1 FROM tickets{_where(where.on_tickets)}"
        count_params = where.params
    pool: AsyncConnectionPool = request.app.state.pool
    async with pool.connection() as connection:
        rows = await (await connection.execute(page_sql, params)).fetchall()
        total = (await (await connection.execute(count_sql, count_params)).fetchone() or (0,))[0]
    return rows, int(total)


async def list_tickets(request: Request) -> Response:
    limit = int(request.query_params.get("limit") or 100)
    offset = int(request.query_params.get("offset") or 0)
    rows, total = await _page_and_total(request, limit=limit, offset=offset, after=None)
    return JSON([rest_ticket(row) for row in rows], headers={"X-Total-Count": str(total)})


async def keyset_tickets(request: Request) -> Response:
    first = int(request.query_params.get("first") or 50)
    after = request.query_params.get("after") or None
    rows, total = await _page_and_total(request, limit=first + 1, offset=None, after=after)
    edges = [graphql_edge(row) for row in rows[:first]]
    page_info = {
        "hasNextPage": len(rows) > first,
        "hasPreviousPage": after is not None,
        "startCursor": edges[0]["cursor"] if edges else None,
        "endCursor": edges[-1]["cursor"] if edges else None,
    }
    return JSON({"data": {"tickets": {"totalCount": total, "edges": edges, "pageInfo": page_info}}})


async def create_ticket(request: Request) -> Response:
    data = orjson.loads(await request.body())
    title = str(data.get("title", "")).strip()
    description = str(data.get("description", "")).strip()
    category, priority = data.get("category"), data.get("priority")
    if not title or not description or category not in CATEGORIES or priority not in PRIORITIES:
        return JSON({"detail": "title, description, category and priority"}, status_code=400)
    pool: AsyncConnectionPool = request.app.state.pool
    async with pool.connection() as connection:
        cursor = await connection.execute(_INSERT, (title, description, category, priority))
        row = await cursor.fetchone()
    assert row is not None
    return JSON(rest_ticket(row), status_code=201)


async def update_ticket(request: Request) -> Response:
    ticket_id = int(request.path_params["ticket_id"])
    status = orjson.loads(await request.body()).get("status")
    if status not in STATUSES:
        return JSON({"status": ["Not a valid choice."]}, status_code=400)
    pool: AsyncConnectionPool = request.app.state.pool
    async with pool.connection() as connection:
        row = await (await connection.execute(_UPDATE_STATUS, (status, ticket_id))).fetchone()
    if row is None:
        return JSON({"detail": "Ticket not found."}, status_code=404)
    return JSON(rest_ticket(row))


async def get_stats(request: Request) -> Response:
    pool: AsyncConnectionPool = request.app.state.pool
    async with pool.connection() as connection:
        grouped = await (await connection.execute(_STATS_GROUPED)).fetchall()
        days_row = await (await connection.execute(_STATS_DAYS, (0,))).fetchone()
    by_priority = dict.fromkeys(PRIORITIES, 0)
    by_category = dict.fromkeys(CATEGORIES, 0)
    total = open_count = 0
    for priority, category, status, tickets, *_ in grouped:
        count = int(tickets)
        by_priority[priority] += count
        by_category[category] += count
        total += count
        open_count += count if status == "open" else 0
    active_days = days_row[0] if days_row else 0
    return JSON(
        {
            "total_tickets": total,
            "open_tickets": open_count,
            "avg_tickets_per_day": round(total / active_days, 2) if active_days else 0.0,
            "priority_breakdown": by_priority,
            "category_breakdown": by_category,
        }
    )


async def tickets_endpoint(request: Request) -> Response:
    if request.method == "POST":
        return await create_ticket(request)
    return await list_tickets(request)


async def healthz(_request: Request) -> Response:
    return JSON({"status": "ok"})


def create_app() -> Starlette:
    dsn = os.environ[DSN_VARIABLE]

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # The API's pool: 10 connections, 10 more on demand, per worker.
        async with AsyncConnectionPool(dsn, min_size=10, max_size=20, open=False) as pool:
            app.state.pool = pool
            yield

    routes: list[Route] = []
    for path, endpoint, methods in (
        ("/api/tickets", tickets_endpoint, ["GET", "POST"]),
        ("/api/tickets/stats", get_stats, ["GET"]),
        ("/api/tickets/{ticket_id:int}", update_ticket, ["PATCH"]),
        ("/keyset", keyset_tickets, ["GET"]),
    ):
        routes.append(Route(path, endpoint, methods=methods))
        routes.append(Route(path + "/", endpoint, methods=methods))
    routes.append(Route("/healthz", healthz))
    return Starlette(routes=routes, lifespan=lifespan)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.baseline", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    # Info level for uvicorn's startup lines, which tell when each worker serves (no access log).
    serve(
        "bench.baseline:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="info",
        access_log=False,
    )


if __name__ == "__main__":
    main()
