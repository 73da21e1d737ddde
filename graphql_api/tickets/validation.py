"""The rules a ticket's fields obey, checked before the database sees them.

Both front doors hand raw field values to these functions, so REST and GraphQL refuse the same
input with the same words. Messages follow Django REST framework's, which the REST shim's
clients already know. The database enforces the same rules again as constraints.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final

from graphql_api.tickets.enums import (
    DESCRIPTION_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Category,
    Priority,
    Status,
    SuggestionSource,
)

FieldErrors = dict[str, list[str]]

REQUIRED: Final = "This field is required."
NOT_NULL: Final = "This field may not be null."
NOT_BLANK: Final = "This field may not be blank."
NOT_A_STRING: Final = "Not a valid string."
NULL_CHARACTER: Final = "Null characters are not allowed."
NOT_UNICODE: Final = "Contains characters that are not valid Unicode text."
NOT_AN_INTEGER: Final = "A valid integer is required."


def too_long(limit: int) -> str:
    return f"Ensure this field has no more than {limit} characters."


def not_a_choice(value: object) -> str:
    return f'"{value}" is not a valid choice.'


class ValidationFailed(Exception):
    """Input that breaks the rules, with every bad field and what is wrong with it."""

    def __init__(self, errors: FieldErrors) -> None:
        super().__init__(errors)
        self.errors = errors


class TextField:
    def __init__(self, max_length: int) -> None:
        self.max_length = max_length

    def clean(self, value: object) -> str:
        """Return the trimmed text or raise ValueError with the message for the client."""
        if value is None:
            raise ValueError(NOT_NULL)
        if not isinstance(value, str):
            raise ValueError(NOT_A_STRING)
        text = value.strip()
        if not text:
            raise ValueError(NOT_BLANK)
        if len(text) > self.max_length:
            raise ValueError(too_long(self.max_length))
        check_storable(text)
        return text


class ChoiceField:
    def __init__(self, choices: type[StrEnum]) -> None:
        self.choices = choices

    def clean(self, value: object) -> StrEnum:
        if value is None:
            raise ValueError(NOT_NULL)
        # Case-sensitive on purpose: the wire values are the lower-case enum values.
        for member in self.choices:
            if value == member.value:
                return member
        raise ValueError(not_a_choice(value))


def check_storable(text: str) -> None:
    """Refuse text that PostgreSQL cannot store (NUL) or UTF-8 cannot encode (lone surrogates)."""
    if "\x00" in text:
        raise ValueError(NULL_CHARACTER)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(NOT_UNICODE) from None


DESCRIPTION_FIELD: Final = TextField(DESCRIPTION_MAX_LENGTH)
SEARCH_MAX_LENGTH: Final = 500

# Fields a client may write, in the order errors are reported.
TICKET_FIELDS: Final[Mapping[str, TextField | ChoiceField]] = {
    "title": TextField(TITLE_MAX_LENGTH),
    "description": DESCRIPTION_FIELD,
    "category": ChoiceField(Category),
    "priority": ChoiceField(Priority),
    "status": ChoiceField(Status),
}
# Category and priority may be left out: the server then suggests them.
REQUIRED_ON_CREATE: Final = ("title", "description")

# What a client was shown by classify, sent back on create so the ticket keeps it.
SUGGESTION_FIELDS: Final[Mapping[str, ChoiceField]] = {
    "suggested_category": ChoiceField(Category),
    "suggested_priority": ChoiceField(Priority),
    "suggestion_source": ChoiceField(SuggestionSource),
}
SUGGESTION_INCOMPLETE: Final = (
    "Give suggested_category, suggested_priority and suggestion_source together."
)


def clean_ticket_fields(data: Mapping[str, object], *, partial: bool) -> dict[str, object]:
    """Clean the writable fields in `data`; other keys (id, created_at, unknown) are ignored.

    `partial` is for updates: absent fields stay as they are, and the suggestion a ticket was
    created with cannot change. Raises ValidationFailed listing every bad field at once.
    """
    fields = dict(TICKET_FIELDS) if partial else {**TICKET_FIELDS, **SUGGESTION_FIELDS}
    cleaned: dict[str, object] = {}
    errors: FieldErrors = {}
    for name, field in fields.items():
        if name not in data:
            if not partial and name in REQUIRED_ON_CREATE:
                errors[name] = [REQUIRED]
            continue
        try:
            cleaned[name] = field.clean(data[name])
        except ValueError as error:
            errors[name] = [str(error)]
    given = [name for name in SUGGESTION_FIELDS if name in data]
    if given and len(given) < len(SUGGESTION_FIELDS):
        for name in SUGGESTION_FIELDS:
            errors.setdefault(name, [SUGGESTION_INCOMPLETE])
    if errors:
        raise ValidationFailed(errors)
    return cleaned


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()


def clean_description(value: object) -> str:
    """The one input of a classification: a description as a new ticket would accept it.

    `MISSING` stands for a request that did not send the field at all.
    """
    try:
        if value is MISSING:
            raise ValueError(REQUIRED)
        return DESCRIPTION_FIELD.clean(value)
    except ValueError as error:
        raise ValidationFailed({"description": [str(error)]}) from None


def clean_page_size(raw: object, *, field: str, maximum: int, minimum: int = 1) -> int:
    """A page size from a client: an integer within [minimum, maximum]."""
    try:
        value = _integer(raw)
        if value < minimum:
            raise ValueError(f"Ensure this value is greater than or equal to {minimum}.")
        if value > maximum:
            raise ValueError(f"Ensure this value is less than or equal to {maximum}.")
    except ValueError as error:
        raise ValidationFailed({field: [str(error)]}) from None
    return value


def _integer(raw: object) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        text = raw.strip()
        digits = text.removeprefix("-")
        if digits.isascii() and digits.isdecimal():
            # Any bound we check is far below 10**18; longer numbers only need to compare as huge
            # (and Python refuses to convert strings of more than 4300 digits).
            magnitude = int(digits) if len(digits) <= 18 else 10**18
            return -magnitude if text.startswith("-") else magnitude
    raise ValueError(NOT_AN_INTEGER)


def clean_search(value: str | None) -> str | None:
    """A search term, trimmed; blank means no search."""
    if value is None or not value.strip():
        return None
    term = value.strip()
    try:
        if len(term) > SEARCH_MAX_LENGTH:
            raise ValueError(too_long(SEARCH_MAX_LENGTH))
        check_storable(term)
    except ValueError as error:
        raise ValidationFailed({"search": [str(error)]}) from None
    return term
