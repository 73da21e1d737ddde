"""Working a ticket: it opens whole in a dialog; status, category and priority change at once."""

# mypy: disable-error-code="no-any-return"
# (Reflex's component constructors reach mypy as Any, through its lazy loader.)

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import reflex as rx

from tickets_ui import api, vocab
from tickets_ui.components import (
    Handler,
    category_badge,
    priority_badge,
    status_badge,
    vocab_items,
)
from tickets_ui.desk.browse import BrowseState
from tickets_ui.desk.stats import StatsState
from tickets_ui.models import Ticket

_EMPTY = Ticket(
    id="",
    title="",
    description="",
    category="",
    priority="",
    status="",
    created_at="",
    created_exact="",
    preview="",
)


class DetailState(rx.State):
    open: bool = False
    ticket: Ticket = _EMPTY
    saving: str = ""
    """The field being saved, if any."""
    error: str = ""

    @rx.event
    async def show(self, ticket_id: str) -> AsyncIterator[None]:
        browse = await self.get_state(BrowseState)
        listed = next((t for t in browse.tickets if t.id == ticket_id), None)
        self.error = ""
        self.saving = ""
        if listed is not None:
            self.ticket = listed
            self.open = True
            yield
        # The list may be minutes old: show the ticket as it is now.
        try:
            current = await api.get_ticket(ticket_id, client_ip=self.router.session.client_ip)
        except api.ApiError as error:
            if listed is None:
                browse.error = str(error)
            self.error = str(error)
            return
        if current is None:
            self.error = "This ticket no longer exists."
            return
        self.ticket = current
        self.open = True
        browse.show_changed(current)

    @rx.event
    def set_open(self, value: bool) -> None:
        self.open = value

    @rx.event
    async def set_status(self, value: str) -> AsyncIterator[Any]:
        async for step in self._change("status", value, vocab.STATUSES):
            yield step

    @rx.event
    async def advance(self) -> AsyncIterator[Any]:
        following = vocab.NEXT_STATUS.get(self.ticket.status, "")
        async for step in self._change("status", following, vocab.STATUSES):
            yield step

    @rx.event
    async def set_category(self, value: str) -> AsyncIterator[Any]:
        async for step in self._change("category", value, vocab.CATEGORIES):
            yield step

    @rx.event
    async def set_priority(self, value: str) -> AsyncIterator[Any]:
        async for step in self._change("priority", value, vocab.PRIORITIES):
            yield step

    async def _change(self, field: str, value: str, allowed: tuple[str, ...]) -> AsyncIterator[Any]:
        if value not in allowed or not self.ticket.id or getattr(self.ticket, field) == value:
            return
        self.saving = field
        self.error = ""
        yield
        try:
            result = await api.update_ticket(
                self.ticket.id, {field: value}, client_ip=self.router.session.client_ip
            )
        except api.ApiError as error:
            self.error = str(error)
            self.saving = ""
            return
        self.saving = ""
        if result.ticket is None:
            self.error = " ".join(result.errors.values()) or "The change was refused."
            return
        self.ticket = result.ticket
        browse = await self.get_state(BrowseState)
        browse.show_changed(result.ticket)
        yield StatsState.refresh

    @rx.var
    def next_status(self) -> str:
        return vocab.NEXT_STATUS.get(self.ticket.status, "")

    @rx.var
    def next_status_label(self) -> str:
        following = vocab.NEXT_STATUS.get(self.ticket.status, "")
        return f"Move to {vocab.label(following)}" if following else ""

    @rx.var
    def suggestion_label(self) -> str:
        ticket = self.ticket
        if not ticket.suggestion_source:
            return ""
        source = {"LLM": "the AI model", "LOCAL": "keyword rules", "DEFAULT": "defaults"}.get(
            ticket.suggestion_source, ticket.suggestion_source
        )
        return (
            f"Suggested at submission: {vocab.label(ticket.suggested_category)} · "
            f"{vocab.label(ticket.suggested_priority)} (by {source})"
        )


def _detail_select(
    field_id: str,
    label: str,
    value: rx.Var[str] | str,
    values: tuple[str, ...],
    on_change: Handler,
) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.el.label(label, html_for=field_id, class_name="field-label"),
            rx.cond(DetailState.saving == label.lower(), rx.spinner(size="1")),
            align="center",
            spacing="2",
        ),
        rx.select.root(
            rx.select.trigger(id=field_id, width="100%"),
            rx.select.content(*vocab_items(values), position="popper"),
            value=value,
            on_change=on_change,
            disabled=DetailState.saving != "",
        ),
        spacing="1",
        width="100%",
    )


def ticket_dialog() -> rx.Component:
    ticket = DetailState.ticket
    return rx.dialog.root(
        rx.dialog.content(
            rx.vstack(
                rx.hstack(
                    rx.text("#", ticket.id, size="2", color_scheme="gray", weight="medium"),
                    priority_badge(ticket.priority),
                    category_badge(ticket.category),
                    status_badge(ticket.status),
                    rx.spacer(),
                    rx.dialog.close(
                        rx.icon_button(
                            rx.icon("x", size=18),
                            variant="ghost",
                            color_scheme="gray",
                            aria_label="Close",
                        )
                    ),
                    align="center",
                    spacing="2",
                    wrap="wrap",
                    width="100%",
                ),
                rx.dialog.title(
                    ticket.title, size="5", class_name="ticket-detail-title", margin="0"
                ),
                rx.text(
                    "Submitted ",
                    rx.moment(ticket.created_at, from_now=True),
                    " · ",
                    ticket.created_exact,
                    size="1",
                    color_scheme="gray",
                ),
                rx.dialog.description(
                    ticket.description, size="2", class_name="ticket-detail-description"
                ),
                rx.cond(
                    DetailState.suggestion_label != "",
                    rx.text(
                        rx.icon("sparkles", size=14),
                        DetailState.suggestion_label,
                        size="1",
                        color_scheme="gray",
                        class_name="hint",
                    ),
                ),
                rx.separator(),
                rx.grid(
                    _detail_select(
                        "detail-status",
                        "Status",
                        ticket.status,
                        vocab.STATUSES,
                        DetailState.set_status,
                    ),
                    _detail_select(
                        "detail-category",
                        "Category",
                        ticket.category,
                        vocab.CATEGORIES,
                        DetailState.set_category,
                    ),
                    _detail_select(
                        "detail-priority",
                        "Priority",
                        ticket.priority,
                        vocab.PRIORITIES,
                        DetailState.set_priority,
                    ),
                    columns=rx.breakpoints(initial="1", sm="3"),
                    spacing="3",
                    width="100%",
                ),
                rx.cond(
                    DetailState.error != "",
                    rx.callout(
                        DetailState.error,
                        icon="triangle-alert",
                        color_scheme="red",
                        role="alert",
                        width="100%",
                    ),
                ),
                rx.hstack(
                    rx.dialog.close(rx.button("Close", variant="soft", color_scheme="gray")),
                    rx.cond(
                        DetailState.next_status != "",
                        rx.button(
                            DetailState.next_status_label,
                            rx.icon("arrow-right", size=16),
                            on_click=DetailState.advance,
                            disabled=DetailState.saving != "",
                        ),
                    ),
                    justify="end",
                    spacing="3",
                    width="100%",
                ),
                spacing="3",
                width="100%",
            ),
            max_width="640px",
            aria_describedby=None,
        ),
        open=DetailState.open,
        on_open_change=DetailState.set_open,
    )
