"""Every GraphQL document the UI sends, in one place.

tests/ui/test_documents.py validates each of them against schema.graphql, so a change of the API
that would break the UI fails the build instead of a page.
"""

from __future__ import annotations

from typing import Final

TICKET_FIELDS: Final = """
fragment TicketFields on Ticket {
  id
  title
  description
  category
  priority
  status
  createdAt
  suggestion { category priority source }
}
"""

VALIDATION_FIELDS: Final = """
fragment ValidationFields on ValidationError {
  fields { field message }
}
"""

TICKETS: Final = (
    """
query Tickets($filter: TicketFilter, $first: Int!, $after: String) {
  tickets(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { node { ...TicketFields } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
    + TICKET_FIELDS
)

TICKET: Final = (
    """
query Ticket($id: ID!) {
  ticket(id: $id) { ...TicketFields }
}
"""
    + TICKET_FIELDS
)

STATS: Final = """
query Stats {
  stats {
    totalTickets
    openTickets
    avgTicketsPerDay
    priorityBreakdown { priority count }
    categoryBreakdown { category count }
    suggestionAcceptance {
      ticketsWithSuggestion
      categoryKept
      priorityKept
      categoryKeptRate
      priorityKeptRate
    }
  }
}
"""

CLASSIFY: Final = """
mutation Classify($description: String!) {
  classifyTicket(description: $description) { category priority source }
}
"""

CREATE_TICKET: Final = (
    """
mutation CreateTicket($input: CreateTicketInput!) {
  createTicket(input: $input) {
    __typename
    ...TicketFields
    ...ValidationFields
  }
}
"""
    + TICKET_FIELDS
    + VALIDATION_FIELDS
)

UPDATE_TICKET: Final = (
    """
mutation UpdateTicket($id: ID!, $input: UpdateTicketInput!) {
  updateTicket(id: $id, input: $input) {
    __typename
    ...TicketFields
    ...ValidationFields
    ... on NotFoundError { message }
  }
}
"""
    + TICKET_FIELDS
    + VALIDATION_FIELDS
)

ALL: Final[dict[str, str]] = {
    "Tickets": TICKETS,
    "Ticket": TICKET,
    "Stats": STATS,
    "Classify": CLASSIFY,
    "CreateTicket": CREATE_TICKET,
    "UpdateTicket": UPDATE_TICKET,
}
