"""The scenarios of the performance issue, and how each door asks for them.

Doors:
- `rest`: the REST shim, as the original's clients call it.
- `graphql`: the GraphQL endpoint, with documents and variables as a client (the UI) sends them.
- `baseline`: bench/baseline.py running the REST shim's SQL, answering the REST JSON.
- `baseline-gql`: bench/baseline.py running the GraphQL resolver's SQL for lists (keyset paging,
  one row more than the page), answering the GraphQL JSON.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Final, Literal
from urllib.parse import urlencode

Door = Literal["rest", "graphql", "baseline", "baseline-gql"]
API_DOORS: Final[tuple[Door, ...]] = ("rest", "graphql")
BASELINE_DOORS: Final[tuple[Door, ...]] = ("baseline", "baseline-gql")

RARE_WORD: Final = "quasar"  # graphql_api/tickets/demo_data.py RARE_WORD
DEEP_ROWS: Final = 9_900  # how deep the cursor of the deep page is
PAGE: Final = 50  # the GraphQL page (its default)

_TICKET_FIELDS: Final = (
    "id title description category priority status createdAt "
    "suggestion { category priority source }"
)
STATS_QUERY: Final = (
    "query Stats { stats { totalTickets openTickets avgTicketsPerDay "
    "priorityBreakdown { priority count } categoryBreakdown { category count } "
    "suggestionAcceptance { ticketsWithSuggestion categoryKept priorityKept "
    "categoryKeptRate priorityKeptRate } } }"
)
LIST_QUERY: Final = (
    "query Tickets($filter: TicketFilter, $first: Int!, $after: String) { "
    "tickets(filter: $filter, first: $first, after: $after) { totalCount "
    f"edges {{ cursor node {{ {_TICKET_FIELDS} }} }} "
    "pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"
)
CREATE_QUERY: Final = (
    "mutation Create($input: CreateTicketInput!) { createTicket(input: $input) { __typename "
    f"... on Ticket {{ {_TICKET_FIELDS} }} "
    "... on ValidationError { fields { field message } } } }"
)
UPDATE_QUERY: Final = (
    "mutation Update($id: ID!, $status: Status!) { "
    "updateTicket(id: $id, input: {status: $status}) { __typename "
    f"... on Ticket {{ {_TICKET_FIELDS} }} "
    "... on ValidationError { fields { field message } } ... on NotFoundError { message } } }"
)

_NEW_TICKET: Final = {
    "title": "Invoice shows the wrong VAT rate",
    "description": "Our March invoice applies 21 % VAT instead of 9 % for the reduced-rate "
    "items. Please correct it and send a new invoice.",
}
_CREATE: Final = {"category": "billing", "priority": "high"}
_FILTER: Final = {"category": "billing", "priority": "critical", "status": "open"}


@dataclass(frozen=True, slots=True)
class Patch:
    """Random ids, random statuses: built per request by bench/wrk/patch.lua."""

    mode: Literal["rest", "graphql"]
    min_id: int
    max_id: int
    graphql_query: str = UPDATE_QUERY


@dataclass(frozen=True, slots=True)
class Call:
    method: str
    path: str
    body: bytes | None = None
    patch: Patch | None = None


@dataclass(frozen=True, slots=True)
class Scenario:
    key: str  # as the original's figures name it (bench/original.py)
    label: str
    calls: dict[Door, Call]
    writes: bool = False
    single: bool = False  # also measured one request at a time

    def reference(self, door: Door) -> Door | None:
        """The baseline door running the same SQL as `door`."""
        if door in BASELINE_DOORS:
            return None
        if door == "graphql" and "baseline-gql" in self.calls:
            return "baseline-gql"
        return "baseline"


def graphql(query: str, variables: dict[str, Any] | None = None) -> Call:
    document: dict[str, Any] = {"query": query}
    if variables:
        document["variables"] = variables
    return Call("POST", "/graphql", json.dumps(document, separators=(",", ":")).encode())


def _get(path: str, **params: object) -> Call:
    return Call("GET", f"{path}?{urlencode(params)}" if params else path)


def _names(values: dict[str, str]) -> dict[str, str]:
    return {key: value.upper() for key, value in values.items()}


def read_scenarios(deep_cursor: str) -> list[Scenario]:
    rest_filter = _get("/api/tickets/", **_FILTER)
    return [
        Scenario(
            "stats",
            "stats",
            {
                "rest": _get("/api/tickets/stats/"),
                "graphql": graphql(STATS_QUERY),
                "baseline": _get("/api/tickets/stats/"),
            },
            single=True,
        ),
        Scenario(
            "search",
            f"search '{RARE_WORD}' (0.01 %)",
            {
                "rest": _get("/api/tickets/", search=RARE_WORD),
                "graphql": graphql(LIST_QUERY, {"filter": {"search": RARE_WORD}, "first": PAGE}),
                "baseline": _get("/api/tickets/", search=RARE_WORD),
                "baseline-gql": _get("/keyset/", search=RARE_WORD, first=PAGE),
            },
            single=True,
        ),
        Scenario(
            "filter",
            "filter billing+critical+open",
            {
                "rest": rest_filter,
                "graphql": graphql(LIST_QUERY, {"filter": _names(_FILTER), "first": PAGE}),
                "baseline": rest_filter,
                "baseline-gql": _get("/keyset/", **_FILTER, first=PAGE),
            },
            single=True,
        ),
        Scenario(
            "first",
            "first page",
            {
                "rest": _get("/api/tickets/"),
                "graphql": graphql(LIST_QUERY, {"first": PAGE}),
                "baseline": _get("/api/tickets/"),
                "baseline-gql": _get("/keyset/", first=PAGE),
            },
        ),
        Scenario(
            "deep",
            f"page after {DEEP_ROWS:,} rows (cursor)",
            {
                "graphql": graphql(LIST_QUERY, {"first": PAGE, "after": deep_cursor}),
                "baseline-gql": _get("/keyset/", first=PAGE, after=deep_cursor),
            },
        ),
    ]


def write_scenarios(min_id: int, max_id: int) -> list[Scenario]:
    rest_create = Call("POST", "/api/tickets/", json.dumps({**_NEW_TICKET, **_CREATE}).encode())
    create_input = {**_NEW_TICKET, **_names(_CREATE)}
    rest_patch = Call("PATCH", "/", patch=Patch("rest", min_id, max_id))
    return [
        Scenario(
            "create",
            "create (category+priority given)",
            {
                "rest": rest_create,
                "graphql": graphql(CREATE_QUERY, {"input": create_input}),
                "baseline": rest_create,
            },
            writes=True,
        ),
        Scenario(
            "patch",
            "patch status (random id)",
            {
                "rest": rest_patch,
                "graphql": Call("POST", "/graphql", patch=Patch("graphql", min_id, max_id)),
                "baseline": rest_patch,
            },
            writes=True,
        ),
    ]
