"""The plain-fields fast path answers exactly what graphql-core's standard execution answers.

A small schema with every shape the fast path meets or must refuse (enums, nullable and non-null
leaves, lists, nested objects, a resolver, a union, an argument) is run with the fast path and
without it, over documents with aliases, fragments, __typename and @skip/@include, on good data
and on data that makes graphql-core report errors.
"""

from __future__ import annotations

import asyncio
import operator
from dataclasses import dataclass, field
from enum import Enum
from typing import Annotated, Any

import pytest
import strawberry
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import Path
from strawberry.scalars import JSON
from strawberry.schema.config import StrawberryConfig

from graphql_api.documents import CheckedDocuments, DocumentChecks
from graphql_api.execution import PlainFieldsExecutionContext


@strawberry.enum
class Colour(Enum):
    RED = "red"
    BLUE = "blue"


class Shade(Enum):
    """Not in the schema: its members are not Colour's, whatever their values."""

    RED = "red"


class Label(str):
    """Not str itself: graphql-core's coercion decides."""


@strawberry.type
class Part:
    name: str
    colour: Colour
    weight: float | None


@strawberry.type
class Gadget:
    id: strawberry.ID
    label: str
    parts: list[Part]
    spare: Part | None
    tags: list[str | None] | None
    # A scalar that serializes anything, even an exception object.
    extra: JSON | None = None

    @strawberry.field
    def shout(self, times: int = 1) -> str:
        return self.label.upper() * times


@strawberry.type
class Missing:
    reason: str


Lookup = Annotated[Gadget | Missing, strawberry.union("Lookup")]


@dataclass
class Store:
    gadgets: list[Any] = field(default_factory=list)


STORE = Store()


@strawberry.type
class Query:
    @strawberry.field
    async def gadgets(self) -> list[Gadget]:
        return list(STORE.gadgets)

    @strawberry.field
    async def lookup(self, index: int) -> Lookup:
        if index < len(STORE.gadgets):
            gadget: Gadget = STORE.gadgets[index]
            return gadget
        return Missing(reason="no such gadget")


class CountingContext(PlainFieldsExecutionContext):
    """Counts the fields graphql-core executes one by one, and the plans made."""

    fields_executed = 0
    plans_made = 0

    def _object_fields(self, parent_type: Any, grouped_field_set: Any) -> Any:
        CountingContext.plans_made += 1
        return super()._object_fields(parent_type, grouped_field_set)

    def execute_field(
        self,
        parent_type: Any,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> Any:
        CountingContext.fields_executed += 1
        return super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )


# With checked documents, as the app has them: the same text is the same parsed document, whose
# plans are shared between operations.
_CHECKS = DocumentChecks(extra_rules=[], max_tokens=10_000, size=64)
FAST = strawberry.Schema(
    query=Query,
    execution_context_class=CountingContext,
    extensions=[lambda: CheckedDocuments(_CHECKS)],
)
STANDARD = strawberry.Schema(query=Query)

GOOD = [
    Gadget(
        id=strawberry.ID("1"),
        label="kettle",
        parts=[Part(name="lid", colour=Colour.RED, weight=0.2)],
        spare=None,
        tags=["kitchen", None],
    ),
    Gadget(
        id=strawberry.ID("2"),
        label="lamp",
        parts=[],
        spare=Part(name="bulb", colour=Colour.BLUE, weight=None),
        tags=None,
    ),
]


def _bad(**changes: Any) -> list[Any]:
    gadget = Gadget(
        id=strawberry.ID("3"),
        label="radio",
        parts=[Part(name="knob", colour=Colour.BLUE, weight=1.0)],
        spare=None,
        tags=[],
    )
    for name, value in changes.items():
        setattr(gadget, name, value)
    return [GOOD[0], gadget]


DATA = {
    "good": GOOD,
    "null in a non-null leaf": _bad(label=None),
    "null in a non-null list": _bad(parts=None),
    "a value that is no enum member": _bad(parts=[Part(name="x", colour="green", weight=1.0)]),  # type: ignore[arg-type]
    "an enum's value instead of its member": _bad(parts=[Part(name="x", colour="red", weight=1.0)]),  # type: ignore[arg-type]
    "a member of another enum": _bad(parts=[Part(name="x", colour=Shade.RED, weight=1.0)]),  # type: ignore[arg-type]
    "numbers where strings and ids belong": _bad(label=7, id=3),
    "a subclass of str": _bad(label=Label("radio")),
    "a string where a float belongs": _bad(spare=Part(name="x", colour=Colour.RED, weight="heavy")),  # type: ignore[arg-type]
    "a list that is no list": _bad(tags="kitchen"),
    "an exception as a value": _bad(label=ValueError("broken")),
    "an exception as a JSON value": _bad(extra=ValueError("broken")),
}

DOCUMENTS = {
    "plain": "{ gadgets { id label parts { name colour weight } spare { name } tags extra } }",
    "aliases and typename": "{ gadgets { __typename key: id parts { kind: __typename n: name } } }",
    "fragments": """
        { gadgets { ...G spare { ...P } } }
        fragment G on Gadget { id parts { ...P } }
        fragment P on Part { name colour }
    """,
    "directives": """
        query ($with: Boolean!) {
          gadgets { id label @include(if: $with) parts @skip(if: $with) { name } }
        }
    """,
    "a field with a resolver and an argument": "{ gadgets { id shout(times: 2) } }",
    "a union": """
        { a: lookup(index: 0) { __typename ... on Gadget { id parts { name } } }
          b: lookup(index: 9) { __typename ... on Missing { reason } } }
    """,
}


def _run(schema: strawberry.Schema, document: str, *, include: bool = True) -> dict[str, Any]:
    result = asyncio.run(schema.execute(document, variable_values={"with": include}))
    errors = sorted((error.message, tuple(error.path or ())) for error in result.errors or [])
    return {"data": result.data, "errors": errors}


@pytest.mark.parametrize("data", DATA.values(), ids=DATA.keys())
@pytest.mark.parametrize("document", DOCUMENTS.values(), ids=DOCUMENTS.keys())
def test_same_answer_as_graphql_core(data: list[Any], document: str) -> None:
    STORE.gadgets = data
    assert _run(FAST, document) == _run(STANDARD, document)


def test_plain_objects_skip_field_by_field_execution() -> None:
    STORE.gadgets = GOOD
    CountingContext.fields_executed = 0
    result = _run(FAST, DOCUMENTS["plain"])
    assert result["errors"] == []
    # Only the root field goes the standard way; every gadget and part is completed at once.
    assert CountingContext.fields_executed == 1


def test_bad_values_fall_back_to_field_by_field_execution() -> None:
    STORE.gadgets = DATA["null in a non-null leaf"]
    CountingContext.fields_executed = 0
    result = _run(FAST, DOCUMENTS["plain"])
    assert result["errors"] != []
    assert CountingContext.fields_executed > 1


@strawberry.type
class Note:
    text: str
    colour: Colour


@strawberry.type
class NotesQuery:
    @strawberry.field
    async def notes(self) -> list[Note]:
        # Dicts, read by the schema's own default resolver below (Strawberry sets it on the
        # field definitions themselves, so these types are used by no other schema).
        return [{"text": "hello", "colour": Colour.RED}]  # type: ignore[list-item]


def test_a_default_resolver_other_than_getattr_is_used() -> None:
    config = StrawberryConfig(default_resolver=operator.getitem)
    fast = strawberry.Schema(
        query=NotesQuery, config=config, execution_context_class=CountingContext
    )
    standard = strawberry.Schema(query=NotesQuery, config=config)
    CountingContext.fields_executed = 0
    result = _run(fast, "{ notes { text colour } }")
    assert result == _run(standard, "{ notes { text colour } }")
    assert result["data"] == {"notes": [{"text": "hello", "colour": "RED"}]}
    assert CountingContext.fields_executed == 1


def test_a_document_s_plans_are_made_once_for_all_its_operations() -> None:
    document = "{ gadgets { id parts { name colour } spare { name } } }"
    STORE.gadgets = GOOD
    first = _run(FAST, document)
    CountingContext.plans_made = 0
    STORE.gadgets = DATA["a string where a float belongs"]
    again = _run(FAST, document)
    assert CountingContext.plans_made == 0
    assert again == _run(STANDARD, document) != first


@pytest.mark.parametrize("order", [(True, False), (False, True)])
def test_plans_of_a_document_with_directives_follow_its_variables(
    order: tuple[bool, bool],
) -> None:
    # The gadget's own fields are the same either way; only its parts' differ.
    document = (
        "query ($with: Boolean!) { gadgets { id parts { name colour @include(if: $with) } } }"
    )
    STORE.gadgets = GOOD
    for include in order:
        answer = _run(FAST, document, include=include)
        assert answer == _run(STANDARD, document, include=include)
        assert ("colour" in answer["data"]["gadgets"][0]["parts"][0]) is include
