"""The numbers: totals and the priority and category breakdowns, refreshed after every change."""

# mypy: disable-error-code="no-any-return"
# (Reflex's component constructors reach mypy as Any, through its lazy loader.)

from __future__ import annotations

from typing import Any

import reflex as rx

from tickets_ui import api, vocab
from tickets_ui.components import section


class StatsState(rx.State):
    total: int = 0
    open: int = 0
    avg_per_day: float = 0.0
    priority_points: list[dict[str, Any]] = []  # noqa: RUF012 (copied per state)
    category_points: list[dict[str, Any]] = []  # noqa: RUF012 (copied per state)
    with_suggestion: int = 0
    category_kept_rate: float = -1.0
    priority_kept_rate: float = -1.0
    loaded: bool = False
    error: str = ""

    @rx.event
    async def refresh(self) -> None:
        try:
            stats = await api.get_stats(client_ip=self.router.session.client_ip)
        except api.ApiError as error:
            self.error = str(error)
            return
        self.error = ""
        self.loaded = True
        self.total = int(stats["totalTickets"])
        self.open = int(stats["openTickets"])
        self.avg_per_day = float(stats["avgTicketsPerDay"])
        self.priority_points = _points(
            stats["priorityBreakdown"], "priority", vocab.PRIORITIES, vocab.PRIORITY_COLORS
        )
        self.category_points = _points(
            stats["categoryBreakdown"], "category", vocab.CATEGORIES, vocab.CATEGORY_COLORS
        )
        acceptance = stats["suggestionAcceptance"]
        self.with_suggestion = int(acceptance["ticketsWithSuggestion"])
        self.category_kept_rate = _rate(acceptance["categoryKeptRate"])
        self.priority_kept_rate = _rate(acceptance["priorityKeptRate"])

    @rx.var
    def avg_label(self) -> str:
        return f"{self.avg_per_day:.2f}"

    @rx.var
    def acceptance_label(self) -> str:
        if self.with_suggestion == 0 or self.category_kept_rate < 0:
            return "—"
        both = (self.category_kept_rate + self.priority_kept_rate) / 2
        return f"{both:.0%}"

    @rx.var
    def acceptance_detail(self) -> str:
        if self.with_suggestion == 0 or self.category_kept_rate < 0:
            return "No suggested tickets yet"
        noun = "ticket" if self.with_suggestion == 1 else "tickets"
        return (
            f"Category {self.category_kept_rate:.0%} · priority {self.priority_kept_rate:.0%}"
            f" · {self.with_suggestion} {noun}"
        )


def _points(
    rows: list[dict[str, Any]], key: str, order: tuple[str, ...], colors: dict[str, str]
) -> list[dict[str, Any]]:
    """One bar per value, in the vocabulary's order, zeros included."""
    counts = {str(row[key]): int(row["count"]) for row in rows}
    return [
        {
            "key": value,
            "name": vocab.label(value),
            "count": counts.get(value, 0),
            "fill": f"var(--{colors[value]}-9)",
        }
        for value in order
    ]


def _rate(value: object) -> float:
    return float(value) if isinstance(value, int | float) else -1.0


def stat_card(
    label: str, value: rx.Var[Any] | float | str, hint: rx.Var[str] | str, test_id: str
) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(label, size="1", weight="medium", color_scheme="gray", class_name="caps"),
            rx.text(value, size="7", weight="bold", data_testid=test_id, class_name="stat-value"),
            rx.text(hint, size="1", color_scheme="gray"),
            spacing="1",
        ),
        size="2",
        width="100%",
    )


def stat_cards() -> rx.Component:
    return rx.grid(
        stat_card("Total tickets", StatsState.total, "All time", "stat-total"),
        stat_card("Open", StatsState.open, "Waiting for an agent", "stat-open"),
        stat_card("Per day", StatsState.avg_label, "Average on days with tickets", "stat-avg"),
        stat_card(
            "Suggestions kept",
            StatsState.acceptance_label,
            StatsState.acceptance_detail,
            "stat-acceptance",
        ),
        columns=rx.breakpoints(initial="2", md="4"),
        spacing="3",
        width="100%",
    )


def _bar_chart(
    points: rx.Var[list[dict[str, Any]]] | list[dict[str, Any]], label: str, layout_id: str
) -> rx.Component:
    return rx.box(
        rx.recharts.bar_chart(
            rx.recharts.cartesian_grid(stroke_dasharray="3 3", vertical=False),
            rx.recharts.x_axis(data_key="name", tick_line=False, font_size=11, interval=0),
            rx.recharts.y_axis(allow_decimals=False, width=32, tick_line=False, font_size=12),
            rx.recharts.graphing_tooltip(cursor={"fill": "var(--gray-a3)"}),
            rx.recharts.bar(
                rx.foreach(points, lambda point: rx.recharts.cell(fill=point["fill"])),
                data_key="count",
                name="Tickets",
                radius=[4, 4, 0, 0],
                is_animation_active=False,
            ),
            data=points,
            width="100%",
            height=180,
            margin={"top": 8, "right": 8, "left": 0, "bottom": 0},
        ),
        role="img",
        aria_label=label,
        id=layout_id,
        width="100%",
    )


def breakdown_charts() -> rx.Component:
    return rx.vstack(
        section(
            "By priority",
            _bar_chart(StatsState.priority_points, "Tickets by priority", "chart-priority"),
        ),
        section(
            "By category",
            _bar_chart(StatsState.category_points, "Tickets by category", "chart-category"),
        ),
        spacing="3",
        width="100%",
    )
