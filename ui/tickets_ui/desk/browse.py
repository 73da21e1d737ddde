"""Browsing: the newest tickets first, filters and search kept in the URL, paged by "load more"."""

# mypy: disable-error-code="no-any-return"
# (Reflex's component constructors reach mypy as Any, through its lazy loader.)

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from urllib.parse import urlencode

import reflex as rx
from reflex.event import EventSpec
from reflex.vars import ObjectVar

from tickets_ui import api, vocab
from tickets_ui.components import (
    Handler,
    category_badge,
    priority_badge,
    section,
    status_badge,
    vocab_items,
)
from tickets_ui.models import Ticket

ANY = "ANY"
"""The select value for "no filter" (Radix selects cannot hold an empty value)."""


class BrowseState(rx.State):
    tickets: list[Ticket] = []  # noqa: RUF012 (copied per state)
    total: int = 0
    has_more: bool = False
    category: str = ""
    priority: str = ""
    status: str = ""
    search: str = ""
    loading: bool = False
    loading_more: bool = False
    loaded: bool = False
    error: str = ""
    _end_cursor: str | None = None

    # Reading and writing the URL.

    @rx.event
    async def load_from_url(self) -> None:
        """on_load: the filters come from the query string, so a reload keeps them."""
        params = self.router.url.query_parameters
        self.category = _known(params.get("category", ""), vocab.CATEGORIES)
        self.priority = _known(params.get("priority", ""), vocab.PRIORITIES)
        self.status = _known(params.get("status", ""), vocab.STATUSES)
        self.search = params.get("q", "")[:200]
        await self._load_first_page()

    def _url_update(self) -> EventSpec:
        query = {
            "category": self.category.lower(),
            "priority": self.priority.lower(),
            "status": self.status.lower(),
            "q": self.search.strip(),
        }
        encoded = urlencode({key: value for key, value in query.items() if value})
        path = self.router.url.path or "/"
        url = f"{path}?{encoded}" if encoded else path
        # history.state is React Router's own bookkeeping: keep it.
        return rx.call_script(
            f"window.history.replaceState(window.history.state, '', {json.dumps(url)})"
        )

    # Filters.

    @rx.event
    async def set_category(self, value: str) -> AsyncIterator[EventSpec | None]:
        self.category = _known(value, vocab.CATEGORIES)
        async for step in self._refilter():
            yield step

    @rx.event
    async def set_priority(self, value: str) -> AsyncIterator[EventSpec | None]:
        self.priority = _known(value, vocab.PRIORITIES)
        async for step in self._refilter():
            yield step

    @rx.event
    async def set_status(self, value: str) -> AsyncIterator[EventSpec | None]:
        self.status = _known(value, vocab.STATUSES)
        async for step in self._refilter():
            yield step

    @rx.event
    async def set_search(self, value: str) -> AsyncIterator[EventSpec | None]:
        self.search = value[:200]
        async for step in self._refilter():
            yield step

    @rx.event
    async def clear_filters(self) -> AsyncIterator[EventSpec | None]:
        self.category = self.priority = self.status = self.search = ""
        async for step in self._refilter():
            yield step

    async def _refilter(self) -> AsyncIterator[EventSpec | None]:
        self.loading = True
        yield self._url_update()
        await self._load_first_page()

    # Loading.

    @rx.event
    async def reload(self) -> None:
        await self._load_first_page()

    @rx.event
    async def load_more(self) -> AsyncIterator[None]:
        if not self.has_more or self.loading_more:
            return
        self.loading_more = True
        yield
        try:
            page = await self._fetch(after=self._end_cursor)
        except api.ApiError as error:
            self.error = str(error)
        else:
            known = {ticket.id for ticket in self.tickets}
            self.tickets = self.tickets + [t for t in page.tickets if t.id not in known]
            self.total = page.total
            self.has_more = page.has_next_page
            self._end_cursor = page.end_cursor
            self.error = ""
        finally:
            self.loading_more = False

    async def _load_first_page(self) -> None:
        self.loading = True
        try:
            page = await self._fetch(after=None)
        except api.ApiError as error:
            self.error = str(error)
        else:
            self.tickets = page.tickets
            self.total = page.total
            self.has_more = page.has_next_page
            self._end_cursor = page.end_cursor
            self.error = ""
            self.loaded = True
        finally:
            self.loading = False

    async def _fetch(self, *, after: str | None) -> api.TicketPage:
        return await api.list_tickets(
            category=self.category,
            priority=self.priority,
            status=self.status,
            search=self.search,
            after=after,
            client_ip=self.router.session.client_ip,
        )

    def show_changed(self, ticket: Ticket) -> None:
        """A ticket changed elsewhere on the page: show the new version where it is listed."""
        self.tickets = [ticket if row.id == ticket.id else row for row in self.tickets]

    # What the page shows.

    @rx.var
    def has_tickets(self) -> bool:
        return bool(self.tickets)

    @rx.var
    def filtered(self) -> bool:
        return bool(self.category or self.priority or self.status or self.search.strip())

    @rx.var
    def category_choice(self) -> str:
        return self.category or ANY

    @rx.var
    def priority_choice(self) -> str:
        return self.priority or ANY

    @rx.var
    def status_choice(self) -> str:
        return self.status or ANY

    @rx.var
    def count_label(self) -> str:
        noun = "ticket" if self.total == 1 else "tickets"
        if self.filtered:
            return f"{self.total} matching {noun}"
        return f"{self.total} {noun}"

    @rx.var
    def empty_reason(self) -> str:
        if not self.filtered:
            return "No tickets yet. Submit the first one with the form."
        parts = [
            f"{kind} {vocab.label(value)}"
            for kind, value in (
                ("category", self.category),
                ("priority", self.priority),
                ("status", self.status),
            )
            if value
        ]
        if self.search.strip():
            parts.append(f"the text “{self.search.strip()}”")
        return "No tickets match " + ", ".join(parts) + "."


def _known(value: str, allowed: tuple[str, ...]) -> str:
    candidate = value.strip().upper()
    return candidate if candidate in allowed else ""


# Components.


def _filter_select(
    field_id: str,
    label: str,
    value: rx.Var[str] | str,
    values: tuple[str, ...],
    on_change: Handler,
) -> rx.Component:
    return rx.vstack(
        rx.el.label(label, html_for=field_id, class_name="field-label"),
        rx.select.root(
            rx.select.trigger(id=field_id, width="100%"),
            rx.select.content(
                rx.select.item("All", value=ANY),
                rx.select.separator(),
                *vocab_items(values),
                position="popper",
            ),
            value=value,
            on_change=on_change,
        ),
        spacing="1",
        width="100%",
    )


def filters_bar() -> rx.Component:
    return rx.grid(
        rx.vstack(
            rx.el.label("Search", html_for="filter-search", class_name="field-label"),
            rx.input(
                rx.input.slot(rx.icon("search", size=16)),
                id="filter-search",
                type="search",
                placeholder="Title or description",
                value=BrowseState.search,
                on_change=BrowseState.set_search,
                max_length=200,
                width="100%",
            ),
            spacing="1",
            width="100%",
            grid_column=rx.breakpoints(initial="1 / -1", lg="auto"),
        ),
        _filter_select(
            "filter-category",
            "Category",
            BrowseState.category_choice,
            vocab.CATEGORIES,
            BrowseState.set_category,
        ),
        _filter_select(
            "filter-priority",
            "Priority",
            BrowseState.priority_choice,
            vocab.PRIORITIES,
            BrowseState.set_priority,
        ),
        _filter_select(
            "filter-status",
            "Status",
            BrowseState.status_choice,
            vocab.STATUSES,
            BrowseState.set_status,
        ),
        columns=rx.breakpoints(initial="3", lg="4"),
        grid_template_columns=rx.breakpoints(
            initial="repeat(3, minmax(0, 1fr))", lg="minmax(0, 2fr) repeat(3, minmax(0, 1fr))"
        ),
        spacing="3",
        width="100%",
        role="search",
        aria_label="Filter tickets",
    )


def ticket_row(ticket: ObjectVar[Ticket], on_open: Handler) -> rx.Component:
    return rx.el.li(
        rx.el.button(
            rx.hstack(
                rx.text(ticket.title, weight="bold", size="3", class_name="ticket-title"),
                rx.spacer(),
                rx.el.span(
                    rx.moment(ticket.created_at, from_now=True, interval=60_000),
                    title=ticket.created_exact,
                    class_name="ticket-time",
                ),
                align="baseline",
                spacing="3",
                width="100%",
            ),
            rx.text(ticket.preview, size="2", color_scheme="gray", class_name="ticket-preview"),
            rx.hstack(
                priority_badge(ticket.priority),
                category_badge(ticket.category),
                status_badge(ticket.status),
                spacing="2",
                wrap="wrap",
            ),
            type="button",
            on_click=on_open(ticket.id),
            class_name="ticket-row",
            data_testid="ticket-row",
            data_ticket_id=ticket.id,
        ),
    )


def ticket_list(on_open: Handler) -> rx.Component:
    return rx.cond(
        BrowseState.has_tickets,
        rx.vstack(
            rx.el.ul(
                rx.foreach(BrowseState.tickets, lambda ticket: ticket_row(ticket, on_open)),
                class_name="ticket-list",
                aria_label="Tickets",
            ),
            rx.cond(
                BrowseState.has_more,
                rx.button(
                    rx.cond(BrowseState.loading_more, rx.spinner(size="1"), rx.fragment()),
                    "Load more",
                    on_click=BrowseState.load_more,
                    disabled=BrowseState.loading_more,
                    variant="soft",
                    width="100%",
                ),
            ),
            spacing="3",
            width="100%",
        ),
        rx.cond(
            BrowseState.loaded,
            rx.center(
                rx.vstack(
                    rx.icon("inbox", size=32, color=rx.color("gray", 8)),
                    rx.text(
                        BrowseState.empty_reason, color_scheme="gray", data_testid="empty-state"
                    ),
                    rx.cond(
                        BrowseState.filtered,
                        rx.button(
                            "Clear filters", on_click=BrowseState.clear_filters, variant="soft"
                        ),
                    ),
                    align="center",
                    spacing="2",
                ),
                padding_y="2.5em",
                width="100%",
            ),
            rx.center(rx.spinner(size="3"), padding_y="2.5em", width="100%"),
        ),
    )


def browse_section(on_open: Handler) -> rx.Component:
    return section(
        "Tickets",
        filters_bar(),
        rx.cond(
            BrowseState.error != "",
            rx.callout(
                BrowseState.error,
                icon="triangle-alert",
                color_scheme="red",
                role="alert",
                width="100%",
            ),
        ),
        ticket_list(on_open),
        actions=rx.hstack(
            rx.cond(BrowseState.loading, rx.spinner(size="2")),
            rx.text(
                BrowseState.count_label, size="2", color_scheme="gray", data_testid="ticket-count"
            ),
            rx.cond(
                BrowseState.filtered,
                rx.button("Clear", on_click=BrowseState.clear_filters, variant="ghost", size="1"),
            ),
            align="center",
            spacing="2",
        ),
        id="tickets",
    )
