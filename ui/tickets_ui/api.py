"""The UI's only way to the data: GraphQL over HTTP from Reflex's backend, with short deadlines.

Every call names the browser's address in X-Forwarded-For, so the API's per-client limits see
the person rather than this server.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import httpx

from tickets_ui import documents
from tickets_ui.models import Suggestion, Ticket
from tickets_ui.settings import get_settings

logger = logging.getLogger(__name__)

PAGE_SIZE = 20


class ApiError(Exception):
    """The API could not be reached or did not answer usefully; the message is for people."""


@dataclass(frozen=True, slots=True)
class TicketPage:
    tickets: list[Ticket]
    total: int
    has_next_page: bool
    end_cursor: str | None


@dataclass(frozen=True, slots=True)
class Created:
    ticket: Ticket | None
    """The new ticket, or None when the input was refused."""
    errors: dict[str, str]
    """Field name (as the API names it) to message, when refused."""


@dataclass(frozen=True, slots=True)
class Updated:
    ticket: Ticket | None
    errors: dict[str, str]
    not_found: bool = False


async def execute(
    document: str,
    variables: dict[str, Any] | None = None,
    *,
    client_ip: str = "",
    timeout_s: float | None = None,
) -> dict[str, Any]:
    """Send one document and return its `data`, or raise ApiError with a readable message."""
    settings = get_settings()
    timeout = httpx.Timeout(timeout_s or settings.timeout_s, connect=2.0)
    headers = {"X-Forwarded-For": client_ip} if client_ip else {}
    try:
        async with httpx.AsyncClient(timeout=timeout) as http:
            response = await http.post(
                settings.graphql_url,
                json={"query": document, "variables": variables or {}},
                headers=headers,
            )
    except httpx.TimeoutException:
        raise ApiError(
            f"The ticket service at {settings.api_url} did not answer in time."
        ) from None
    except httpx.HTTPError as error:
        logger.warning("API call failed: %r", error)
        raise ApiError(f"The ticket service at {settings.api_url} cannot be reached.") from None
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise ApiError(f"The ticket service answered HTTP {response.status_code} without data.")
    errors = body.get("errors")
    if errors:
        message = "; ".join(str(error.get("message", error)) for error in errors)
        logger.warning("GraphQL errors: %s", message)
        raise ApiError(f"The ticket service refused the request: {message}")
    data = body.get("data")
    if not isinstance(data, dict):
        raise ApiError(f"The ticket service answered HTTP {response.status_code} without data.")
    return data


async def list_tickets(
    *,
    category: str = "",
    priority: str = "",
    status: str = "",
    search: str = "",
    after: str | None = None,
    first: int = PAGE_SIZE,
    client_ip: str = "",
) -> TicketPage:
    ticket_filter: dict[str, str] = {}
    if category:
        ticket_filter["category"] = category
    if priority:
        ticket_filter["priority"] = priority
    if status:
        ticket_filter["status"] = status
    if search.strip():
        ticket_filter["search"] = search.strip()
    data = await execute(
        documents.TICKETS,
        {"filter": ticket_filter or None, "first": first, "after": after},
        client_ip=client_ip,
    )
    connection = data["tickets"]
    return TicketPage(
        tickets=[Ticket.from_api(edge["node"]) for edge in connection["edges"]],
        total=int(connection["totalCount"]),
        has_next_page=bool(connection["pageInfo"]["hasNextPage"]),
        end_cursor=connection["pageInfo"]["endCursor"],
    )


async def get_ticket(ticket_id: str, *, client_ip: str = "") -> Ticket | None:
    data = await execute(documents.TICKET, {"id": ticket_id}, client_ip=client_ip)
    node = data["ticket"]
    return Ticket.from_api(node) if node else None


async def get_stats(*, client_ip: str = "") -> dict[str, Any]:
    data = await execute(documents.STATS, client_ip=client_ip)
    stats: dict[str, Any] = data["stats"]
    return stats


async def classify(description: str, *, client_ip: str = "") -> Suggestion:
    data = await execute(
        documents.CLASSIFY,
        {"description": description},
        client_ip=client_ip,
        timeout_s=get_settings().classify_timeout_s,
    )
    answer = data["classifyTicket"]
    return Suggestion(
        category=str(answer["category"]),
        priority=str(answer["priority"]),
        source=str(answer["source"]),
    )


async def create_ticket(ticket_input: dict[str, Any], *, client_ip: str = "") -> Created:
    data = await execute(
        documents.CREATE_TICKET,
        {"input": ticket_input},
        client_ip=client_ip,
        # Without a category or priority the server classifies, under the LLM's deadline.
        timeout_s=get_settings().classify_timeout_s,
    )
    result = data["createTicket"]
    if result["__typename"] == "Ticket":
        return Created(ticket=Ticket.from_api(result), errors={})
    return Created(ticket=None, errors=_field_errors(result))


async def update_ticket(ticket_id: str, changes: dict[str, Any], *, client_ip: str = "") -> Updated:
    data = await execute(
        documents.UPDATE_TICKET, {"id": ticket_id, "input": changes}, client_ip=client_ip
    )
    result = data["updateTicket"]
    kind = result["__typename"]
    if kind == "Ticket":
        return Updated(ticket=Ticket.from_api(result), errors={})
    if kind == "NotFoundError":
        return Updated(ticket=None, errors={"id": str(result["message"])}, not_found=True)
    return Updated(ticket=None, errors=_field_errors(result))


def _field_errors(result: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for item in result.get("fields", []):
        field = str(item["field"])
        errors[field] = f"{errors[field]} {item['message']}" if field in errors else item["message"]
    return errors
