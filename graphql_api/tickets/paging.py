"""Opaque cursors for keyset paging over the newest-first order (created_at DESC, id DESC)."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime

from graphql_api.tickets.models import TicketRecord
from graphql_api.tickets.validation import ValidationFailed

INVALID_CURSOR = "Not a valid cursor; pass an endCursor from a previous page."


@dataclass(frozen=True, slots=True)
class TicketCursor:
    created_at: datetime
    id: int

    @classmethod
    def decode(cls, cursor: str, *, field: str = "after") -> TicketCursor:
        """Parse a cursor from a client; anything malformed is a ValidationFailed on `field`."""
        try:
            raw = base64.urlsafe_b64decode(cursor.encode("ascii")).decode("utf-8")
            stamp, _, ticket_id = raw.partition("|")
            created_at = datetime.fromisoformat(stamp)
            parsed = cls(created_at, int(ticket_id))
        except (ValueError, UnicodeError, binascii.Error):
            raise ValidationFailed({field: [INVALID_CURSOR]}) from None
        if created_at.tzinfo is None or parsed.id < 1:
            raise ValidationFailed({field: [INVALID_CURSOR]})
        return parsed


def cursor_of(ticket: TicketRecord) -> str:
    """The cursor a client passes to get the tickets after this one (what TicketCursor.decode
    reads); written directly, as a page writes 50 of them."""
    raw = f"{ticket.created_at.isoformat()}|{ticket.id}".encode()
    return base64.urlsafe_b64encode(raw).decode("ascii")
