"""Submitting: a suggestion fills category and priority as the person types; a hand choice stays."""

# mypy: disable-error-code="no-any-return"
# (Reflex's component constructors reach mypy as Any, through its lazy loader.)

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import reflex as rx

from tickets_ui import api, vocab
from tickets_ui.components import Handler, field_error, field_label, section, vocab_items
from tickets_ui.desk.browse import BrowseState
from tickets_ui.desk.stats import StatsState
from tickets_ui.models import Suggestion

TITLE_MAX = 200
DESCRIPTION_MAX = 10_000
CLASSIFY_MIN_CHARS = 3
CLASSIFY_IDLE_S = 0.4
"""Quiet time after the last change before asking for a suggestion (on top of the input's own
300 ms debounce), so a typist costs one classification, not one per word."""


class SubmitState(rx.State):
    title: str = ""
    description: str = ""
    category: str = ""
    priority: str = ""
    category_by_hand: bool = False
    priority_by_hand: bool = False
    suggested_category: str = ""
    suggested_priority: str = ""
    suggestion_source: str = ""
    classifying: bool = False
    classify_error: str = ""
    submitting: bool = False
    errors: dict[str, str] = {}  # noqa: RUF012 (copied per state)
    form_error: str = ""
    created_id: str = ""
    _classify_round: int = 0
    _classified_text: str = ""
    _classifying_text: str = ""

    @rx.event
    def set_title(self, value: str) -> None:
        self.title = value[:TITLE_MAX]
        self.errors.pop("title", None)

    @rx.event
    def set_description(self, value: str) -> Any:
        self.description = value[:DESCRIPTION_MAX]
        self.errors.pop("description", None)
        self._classify_round += 1
        if len(self.description.strip()) >= CLASSIFY_MIN_CHARS:
            return SubmitState.classify
        self.classifying = False
        return None

    @rx.event
    def choose_category(self, value: str) -> None:
        if value in vocab.CATEGORIES:
            self.category = value
            self.category_by_hand = True
            self.errors.pop("category", None)

    @rx.event
    def choose_priority(self, value: str) -> None:
        if value in vocab.PRIORITIES:
            self.priority = value
            self.priority_by_hand = True
            self.errors.pop("priority", None)

    @rx.event(background=True)
    async def classify(self) -> None:
        """Ask for a suggestion once the text has been quiet; only the latest text counts."""
        async with self:
            round_ = self._classify_round
        await asyncio.sleep(CLASSIFY_IDLE_S)
        async with self:
            text = self.description.strip()
            if round_ != self._classify_round or text in (
                self._classified_text,
                self._classifying_text,
            ):
                return
            self._classifying_text = text
            self.classifying = True
            client_ip = self.router.session.client_ip
        try:
            suggestion: Suggestion | None = await api.classify(text, client_ip=client_ip)
            failure = ""
        except api.ApiError as error:
            suggestion, failure = None, str(error)
        async with self:
            if self._classifying_text == text:
                self._classifying_text = ""
            self.classifying = self._classifying_text != ""
            if text != self.description.strip():
                return  # the text changed meanwhile: this suggestion is not for it
            if suggestion is None:
                self.classify_error = f"No suggestion: {failure}"
                return
            self.classify_error = ""
            self._classified_text = text
            self.suggested_category = suggestion.category
            self.suggested_priority = suggestion.priority
            self.suggestion_source = suggestion.source
            if not self.category_by_hand:
                self.category = suggestion.category
            if not self.priority_by_hand:
                self.priority = suggestion.priority

    @rx.event
    async def submit(self, form_data: dict[str, Any]) -> AsyncIterator[Any]:
        if self.submitting:
            return
        # The form's own values: the inputs' debounce may not have reported the last keys yet.
        title = str(form_data.get("title", self.title))
        description = str(form_data.get("description", self.description))
        self.title, self.description = title[:TITLE_MAX], description[:DESCRIPTION_MAX]
        self.submitting = True
        self.form_error = ""
        self.errors = {}
        yield
        ticket_input: dict[str, Any] = {"title": self.title, "description": self.description}
        if self.category:
            ticket_input["category"] = self.category
        if self.priority:
            ticket_input["priority"] = self.priority
        if self.suggestion_source:
            ticket_input["suggestion"] = {
                "category": self.suggested_category,
                "priority": self.suggested_priority,
                "source": self.suggestion_source,
            }
        try:
            created = await api.create_ticket(ticket_input, client_ip=self.router.session.client_ip)
        except api.ApiError as error:
            self.form_error = str(error)
            self.submitting = False
            return
        self.submitting = False
        if created.ticket is None:
            self.errors = created.errors
            unplaced = {k: v for k, v in created.errors.items() if k not in _PLACED_FIELDS}
            if unplaced:
                self.form_error = " ".join(f"{k}: {v}" for k, v in unplaced.items())
            return
        self._reset_form()
        self.created_id = created.ticket.id
        yield [BrowseState.reload, StatsState.refresh]
        yield rx.toast.success(f"Ticket #{created.ticket.id} created", duration=4000)

    def _reset_form(self) -> None:
        self._classify_round += 1
        self._classified_text = self._classifying_text = ""
        self.title = self.description = ""
        self.category = self.priority = ""
        self.category_by_hand = self.priority_by_hand = False
        self.suggested_category = self.suggested_priority = self.suggestion_source = ""
        self.classifying = False
        self.classify_error = ""
        self.errors = {}
        self.form_error = ""

    @rx.event
    def clear(self) -> None:
        self._reset_form()

    # What the form shows.

    @rx.var
    def title_count(self) -> str:
        return f"{len(self.title)}/{TITLE_MAX}"

    @rx.var
    def title_error(self) -> str:
        return self.errors.get("title", "")

    @rx.var
    def description_error(self) -> str:
        return self.errors.get("description", "")

    @rx.var
    def category_error(self) -> str:
        return self.errors.get("category", "")

    @rx.var
    def priority_error(self) -> str:
        return self.errors.get("priority", "")

    @rx.var
    def suggestion_hint(self) -> str:
        if not self.suggestion_source:
            return "Describe the issue and a category and priority will be suggested."
        return vocab.SOURCE_HINTS.get(self.suggestion_source, "Suggested")

    @rx.var
    def category_hint(self) -> str:
        return _hint(self.category, self.suggested_category, self.category_by_hand)

    @rx.var
    def priority_hint(self) -> str:
        return _hint(self.priority, self.suggested_priority, self.priority_by_hand)


_PLACED_FIELDS = {"title", "description", "category", "priority"}

SUBMIT_ON_CTRL_ENTER: rx.Var[Any] = rx.Var(
    "((event) => { if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {"
    " event.preventDefault(); event.currentTarget.form?.requestSubmit(); } })"
)
"""In the description, Enter is a new line: Ctrl+Enter (⌘+Enter) submits, in the browser alone."""


def _hint(value: str, suggested: str, by_hand: bool) -> str:
    if by_hand and suggested and value != suggested:
        return f"Your choice (suggested: {vocab.label(suggested)})"
    if by_hand:
        return "Your choice"
    if suggested and value == suggested:
        return "Suggested"
    return ""


def _choice(
    field_id: str,
    label: str,
    value: rx.Var[str] | str,
    values: tuple[str, ...],
    on_change: Handler,
    hint: rx.Var[str] | str,
    error: rx.Var[str] | str,
) -> rx.Component:
    return rx.vstack(
        field_label(
            label,
            field_id,
            rx.cond(SubmitState.classifying, rx.spinner(size="1")),
        ),
        rx.select.root(
            rx.select.trigger(
                id=field_id,
                placeholder="Not chosen",
                width="100%",
                aria_describedby=f"{field_id}-hint",
            ),
            rx.select.content(*vocab_items(values), position="popper"),
            value=value,
            on_change=on_change,
            name=field_id,
        ),
        rx.text(hint, id=f"{field_id}-hint", size="1", color_scheme="gray", min_height="1.25em"),
        field_error(error, field_id),
        spacing="1",
        width="100%",
    )


def submit_section() -> rx.Component:
    return section(
        "New ticket",
        rx.form(
            rx.vstack(
                rx.vstack(
                    field_label(
                        "Title",
                        "title",
                        rx.spacer(),
                        rx.text(
                            SubmitState.title_count,
                            size="1",
                            color_scheme="gray",
                            data_testid="title-count",
                            aria_live="polite",
                        ),
                    ),
                    rx.input(
                        id="title",
                        name="title",
                        value=SubmitState.title,
                        on_change=SubmitState.set_title,
                        placeholder="Short summary, e.g. “Charged twice for March”",
                        max_length=TITLE_MAX,
                        required=True,
                        auto_complete="off",
                        aria_invalid=SubmitState.title_error != "",
                        aria_describedby="title-error",
                        width="100%",
                    ),
                    field_error(SubmitState.title_error, "title"),
                    spacing="1",
                    width="100%",
                ),
                rx.vstack(
                    field_label(
                        "Description",
                        "description",
                        rx.spacer(),
                        rx.text(
                            rx.el.kbd("Ctrl"),
                            "+",
                            rx.el.kbd("Enter"),
                            " submits",
                            size="1",
                            color_scheme="gray",
                            class_name="keys",
                        ),
                    ),
                    rx.text_area(
                        id="description",
                        name="description",
                        value=SubmitState.description,
                        on_change=SubmitState.set_description,
                        placeholder="What happened, what you expected, order or account numbers",
                        max_length=DESCRIPTION_MAX,
                        required=True,
                        rows="5",
                        resize="vertical",
                        custom_attrs={"onKeyDown": SUBMIT_ON_CTRL_ENTER},
                        aria_invalid=SubmitState.description_error != "",
                        aria_describedby="description-error",
                        width="100%",
                    ),
                    field_error(SubmitState.description_error, "description"),
                    spacing="1",
                    width="100%",
                ),
                rx.box(
                    rx.cond(
                        SubmitState.classifying,
                        rx.hstack(
                            rx.spinner(size="1"),
                            rx.text("Classifying…", size="1", weight="medium"),
                            align="center",
                            spacing="2",
                            data_testid="classifying",
                            role="status",
                        ),
                        rx.hstack(
                            rx.icon("sparkles", size=14),
                            rx.text(SubmitState.suggestion_hint, size="1"),
                            align="center",
                            spacing="2",
                            data_testid="suggestion-hint",
                            data_source=SubmitState.suggestion_source,
                        ),
                    ),
                    rx.cond(
                        SubmitState.classify_error != "",
                        rx.text(SubmitState.classify_error, size="1", color_scheme="amber"),
                    ),
                    class_name="suggestion-box",
                    aria_live="polite",
                    width="100%",
                ),
                rx.grid(
                    _choice(
                        "category",
                        "Category",
                        SubmitState.category,
                        vocab.CATEGORIES,
                        SubmitState.choose_category,
                        SubmitState.category_hint,
                        SubmitState.category_error,
                    ),
                    _choice(
                        "priority",
                        "Priority",
                        SubmitState.priority,
                        vocab.PRIORITIES,
                        SubmitState.choose_priority,
                        SubmitState.priority_hint,
                        SubmitState.priority_error,
                    ),
                    columns="2",
                    spacing="3",
                    width="100%",
                ),
                rx.cond(
                    SubmitState.form_error != "",
                    rx.callout(
                        SubmitState.form_error,
                        icon="triangle-alert",
                        color_scheme="red",
                        role="alert",
                        width="100%",
                        data_testid="form-error",
                    ),
                ),
                rx.hstack(
                    rx.button(
                        "Clear",
                        type="button",
                        variant="soft",
                        color_scheme="gray",
                        on_click=SubmitState.clear,
                    ),
                    rx.button(
                        rx.cond(
                            SubmitState.submitting, rx.spinner(size="1"), rx.icon("send", size=16)
                        ),
                        "Submit ticket",
                        type="submit",
                        disabled=SubmitState.submitting,
                    ),
                    justify="end",
                    spacing="3",
                    width="100%",
                ),
                spacing="3",
                width="100%",
            ),
            on_submit=SubmitState.submit,
            reset_on_submit=False,
            id="new-ticket",
            aria_label="New ticket",
        ),
    )
