"""The REST shim: the original DRF endpoints, wire-compatible, as thin calls into the service."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from graphql_api.classifier import Classifier
from graphql_api.db import Database
from graphql_api.http import (
    FastJSONResponse,
    MethodDispatch,
    client_address,
    detail,
    read_json_object,
)
from graphql_api.settings import Settings
from graphql_api.tickets import service
from graphql_api.tickets.models import TicketRecord
from graphql_api.tickets.validation import MISSING, ValidationFailed, clean_page_size

NOT_FOUND = "Ticket not found."


def ticket_json(ticket: TicketRecord) -> dict[str, Any]:
    """A ticket as the REST shim writes it; `FastJSONResponse` writes the enums by value and
    `created_at` in UTC with "Z" (a quarter of the cost of converting each value here)."""
    return {
        "id": ticket.id,
        "title": ticket.title,
        "description": ticket.description,
        "category": ticket.category,
        "priority": ticket.priority,
        "status": ticket.status,
        "created_at": ticket.created_at,
        "suggested_category": ticket.suggested_category,
        "suggested_priority": ticket.suggested_priority,
        "suggestion_source": ticket.suggestion_source,
    }


def _client(request: Request) -> str:
    settings: Settings = request.app.state.settings
    return client_address(request, settings.trusted_proxies)


def _field_errors(failure: ValidationFailed) -> Response:
    return FastJSONResponse(failure.errors, status_code=400)


def _database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


async def list_tickets(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    params = request.query_params
    try:
        ticket_filter = service.TicketFilter.build(
            category=params.get("category"),
            priority=params.get("priority"),
            status=params.get("status"),
            search=params.get("search"),
        )
        limit = clean_page_size(
            params.get("limit") or settings.rest_page_default,
            field="limit",
            maximum=settings.rest_page_max,
        )
        offset = clean_page_size(
            params.get("offset") or 0, field="offset", maximum=2**31 - 1, minimum=0
        )
    except ValidationFailed as failure:
        return _field_errors(failure)
    page = await service.list_tickets(_database(request), ticket_filter, limit=limit, offset=offset)
    return FastJSONResponse(
        [ticket_json(ticket) for ticket in page.tickets],
        headers={"X-Total-Count": str(page.total)},
    )


async def create_ticket(request: Request) -> Response:
    data = await read_json_object(request)
    try:
        ticket = await service.create_ticket(
            _database(request), data, request.app.state.classifier, client=_client(request)
        )
    except ValidationFailed as failure:
        return _field_errors(failure)
    return FastJSONResponse(ticket_json(ticket), status_code=201)


async def get_ticket(request: Request) -> Response:
    ticket = await service.get_ticket(_database(request), request.path_params["ticket_id"])
    if ticket is None:
        return detail(404, NOT_FOUND)
    return FastJSONResponse(ticket_json(ticket))


async def update_ticket(request: Request) -> Response:
    ticket_id = request.path_params["ticket_id"]
    if service.parse_ticket_id(ticket_id) is None:
        return detail(404, NOT_FOUND)
    data = await read_json_object(request)
    try:
        ticket = await service.update_ticket(_database(request), ticket_id, data)
    except ValidationFailed as failure:
        return _field_errors(failure)
    except service.TicketNotFound:
        return detail(404, NOT_FOUND)
    return FastJSONResponse(ticket_json(ticket))


async def get_stats(request: Request) -> Response:
    stats = await service.get_stats(_database(request))
    return FastJSONResponse(
        {
            "total_tickets": stats.total_tickets,
            "open_tickets": stats.open_tickets,
            "avg_tickets_per_day": stats.avg_tickets_per_day,
            "priority_breakdown": {key.value: n for key, n in stats.priority_breakdown.items()},
            "category_breakdown": {key.value: n for key, n in stats.category_breakdown.items()},
        }
    )


async def classify(request: Request) -> Response:
    data = await read_json_object(request)
    classifier: Classifier = request.app.state.classifier
    try:
        suggestion = await service.classify_description(
            classifier, data.get("description", MISSING), client=_client(request)
        )
    except ValidationFailed as failure:
        return _field_errors(failure)
    return FastJSONResponse(
        {
            "suggested_category": suggestion.category.value,
            "suggested_priority": suggestion.priority.value,
            # Beside the contract's two keys: llm, local (rules) or default.
            "source": suggestion.source.value,
        }
    )


def _with_and_without_slash(path: str, endpoint: MethodDispatch) -> list[BaseRoute]:
    return [Route(path, endpoint), Route(path + "/", endpoint)]


# Order matters: the fixed paths (stats, classify) come before the id pattern.
routes: list[BaseRoute] = [
    *_with_and_without_slash(
        "/api/tickets", MethodDispatch({"GET": list_tickets, "POST": create_ticket})
    ),
    *_with_and_without_slash("/api/tickets/stats", MethodDispatch({"GET": get_stats})),
    *_with_and_without_slash("/api/tickets/classify", MethodDispatch({"POST": classify})),
    *_with_and_without_slash(
        "/api/tickets/{ticket_id}", MethodDispatch({"GET": get_ticket, "PATCH": update_ticket})
    ),
]
