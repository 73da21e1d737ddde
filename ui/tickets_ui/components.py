"""Small components shared by the sections of the desk."""

# mypy: disable-error-code="no-any-return"
# (Reflex's component constructors reach mypy as Any, through its lazy loader.)

from __future__ import annotations

from typing import Any

import reflex as rx

from tickets_ui import vocab

Handler = Any
"""An event handler of a state, as a component prop (mypy sees Reflex's handlers as Any)."""


def coloured_badge(
    value: rx.Var[str] | str,
    colors: dict[str, str],
    *,
    variant: str = "soft",
    dot: bool = False,
    **props: Any,
) -> rx.Component:
    """A badge whose words and colour follow one vocabulary value."""
    cases = [
        (
            key,
            rx.badge(
                *([rx.box(class_name="dot")] if dot else []),
                vocab.label(key),
                color_scheme=color,
                variant=variant,
                **props,
            ),
        )
        for key, color in colors.items()
    ]
    return rx.match(value, *cases, rx.badge(value, color_scheme="gray", variant=variant, **props))


def priority_badge(value: rx.Var[str] | str, **props: Any) -> rx.Component:
    return coloured_badge(
        value,
        vocab.PRIORITY_COLORS,
        variant="surface",
        dot=True,
        data_kind="priority",
        **props,
    )


def status_badge(value: rx.Var[str] | str, **props: Any) -> rx.Component:
    return coloured_badge(value, vocab.STATUS_COLORS, variant="soft", data_kind="status", **props)


def category_badge(value: rx.Var[str] | str, **props: Any) -> rx.Component:
    return coloured_badge(
        value, vocab.CATEGORY_COLORS, variant="outline", data_kind="category", **props
    )


def field_label(text: str, html_for: str, *extra: rx.Component) -> rx.Component:
    return rx.hstack(
        rx.el.label(text, html_for=html_for, class_name="field-label"),
        *extra,
        align="center",
        spacing="2",
        width="100%",
    )


def field_error(message: rx.Var[str] | str, field_id: str) -> rx.Component:
    return rx.cond(
        message != "",
        rx.text(
            rx.icon("circle-alert", size=14),
            message,
            id=f"{field_id}-error",
            size="1",
            color_scheme="red",
            role="alert",
            class_name="field-error",
        ),
    )


def section(
    title: str, *children: rx.Component, actions: rx.Component | None = None, **props: Any
) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(title, size="3", as_="h2", weight="bold"),
                rx.spacer(),
                actions if actions is not None else rx.fragment(),
                align="center",
                width="100%",
            ),
            *children,
            spacing="3",
            width="100%",
        ),
        size="2",
        width="100%",
        **props,
    )


def vocab_items(values: tuple[str, ...]) -> list[rx.Component]:
    return [rx.select.item(vocab.label(value), value=value) for value in values]
