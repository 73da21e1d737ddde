"""The desk page: numbers on top, the form and charts beside the ticket list."""

# mypy: disable-error-code="no-any-return"
# (Reflex's component constructors reach mypy as Any, through its lazy loader.)

from __future__ import annotations

import reflex as rx

from tickets_ui.desk.browse import BrowseState, browse_section
from tickets_ui.desk.detail import DetailState, ticket_dialog
from tickets_ui.desk.stats import StatsState, breakdown_charts, stat_cards
from tickets_ui.desk.submit import submit_section


def header() -> rx.Component:
    return rx.el.header(
        rx.hstack(
            rx.hstack(
                rx.center(rx.icon("life-buoy", size=20), class_name="logo"),
                rx.vstack(
                    rx.heading("Support desk", size="4", as_="h1"),
                    rx.text(
                        "Tickets, triage and the numbers",
                        size="1",
                        color_scheme="gray",
                        display=rx.breakpoints(initial="none", sm="block"),
                    ),
                    spacing="0",
                ),
                align="center",
                spacing="3",
            ),
            rx.spacer(),
            rx.cond(
                StatsState.error != "",
                rx.badge(
                    rx.icon("unplug", size=14), "API unreachable", color_scheme="red", size="2"
                ),
                rx.badge(rx.icon("plug", size=14), "Connected", color_scheme="grass", size="2"),
            ),
            align="center",
            width="100%",
            class_name="page-width",
        ),
        class_name="app-header",
    )


def api_banner() -> rx.Component:
    return rx.cond(
        StatsState.error != "",
        rx.callout(
            rx.hstack(
                rx.text(StatsState.error),
                rx.button(
                    "Retry",
                    size="1",
                    variant="soft",
                    color_scheme="red",
                    on_click=[StatsState.refresh, BrowseState.reload],
                ),
                align="center",
                spacing="3",
                wrap="wrap",
            ),
            icon="triangle-alert",
            color_scheme="red",
            role="alert",
            width="100%",
            data_testid="api-banner",
        ),
    )


def index() -> rx.Component:
    return rx.box(
        header(),
        rx.el.main(
            rx.vstack(
                api_banner(),
                stat_cards(),
                rx.grid(
                    rx.box(submit_section(), grid_area="form"),
                    rx.box(browse_section(DetailState.show), grid_area="list"),
                    rx.box(breakdown_charts(), grid_area="charts"),
                    # On a phone: the form, the list, then the charts.
                    grid_template_areas=rx.breakpoints(
                        initial="'form' 'list' 'charts'", md="'form list' 'charts list'"
                    ),
                    grid_template_columns=rx.breakpoints(
                        initial="minmax(0, 1fr)", md="minmax(300px, 380px) minmax(0, 1fr)"
                    ),
                    grid_template_rows=rx.breakpoints(initial="auto", md="auto 1fr"),
                    spacing="3",
                    width="100%",
                    align_items="start",
                ),
                spacing="3",
                width="100%",
            ),
            class_name="page-width page-main",
        ),
        ticket_dialog(),
        class_name="app",
    )


ON_LOAD = [BrowseState.load_from_url, StatsState.refresh]
