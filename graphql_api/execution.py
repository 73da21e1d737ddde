"""GraphQL execution with a fast path for objects made only of plain attributes.

graphql-core resolves and completes every field on its own, at about 5 µs a field: a page of 50
tickets (some 650 fields) cost 2.9 ms of CPU in-process before any I/O, more than the database,
the network and the JSON together. Almost all of those fields are plain attributes (Strawberry
fields without a resolver or arguments) of a scalar, an enum, a list or another such object, for
which resolving is `getattr` and completing is `coerce_output_value`.

`PlainFieldsExecutionContext` completes such objects in one pass, with a plan made once per
operation and selection. Anything else goes graphql-core's standard way, for the whole object:
a field with a resolver or arguments, an abstract type, `@defer`, a middleware, and any value
that does not fit (a null where the schema says non-null, a value that does not coerce, a list
that is not a list). Results and errors are therefore exactly graphql-core's own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from graphql import (
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    Undefined,
    is_leaf_type,
)
from graphql.execution.collect_fields import DeferUsage, FieldDetailsList, GroupedFieldSet
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

Complete = Callable[[Any], Any]


class NotPlain(Exception):
    """A value the fast path does not complete; the standard path takes the object over."""


class PlainFieldsExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Plans by grouped field set; the set is kept alive with its plan so that its id is not
        # reused during the operation (graphql-core memoizes collected fields the same way).
        self._plans: dict[int, tuple[GroupedFieldSet, Complete | None]] = {}
        # Strawberry always passes a middleware manager; it may hold no middleware at all.
        manager = self.middleware_manager
        self._has_middleware = (
            manager is not None and manager.get_field_resolver(_identity) is not _identity
        )

    def execute_collected_subfields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path,
        grouped_field_set: GroupedFieldSet,
        new_defer_usages: Sequence[DeferUsage],
        delivery_group_map: Any,
    ) -> Any:
        if delivery_group_map is None and not new_defer_usages and not self._has_middleware:
            complete = self._plan(parent_type, grouped_field_set)
            if complete is not None:
                try:
                    return complete(source_value)
                except Exception:  # noqa: S110 - the standard path reports it properly
                    pass
        return super().execute_collected_subfields(
            parent_type,
            source_value,
            path,
            grouped_field_set,
            new_defer_usages,
            delivery_group_map,
        )

    def _plan(
        self, parent_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet
    ) -> Complete | None:
        """How to complete an object of `parent_type` with these fields, or None when some
        field is not plain."""
        cached = self._plans.get(id(grouped_field_set))
        if cached is not None:
            return cached[1]
        complete = self._object_fields(parent_type, grouped_field_set)
        self._plans[id(grouped_field_set)] = (grouped_field_set, complete)
        return complete

    def _object_fields(
        self, parent_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet
    ) -> Complete | None:
        fields: list[tuple[str, Callable[..., Any], Complete]] = []
        for response_name, field_details_list in grouped_field_set.items():
            node = field_details_list[0].node
            if node.name.value == "__typename":
                type_name = parent_type.name
                fields.append((response_name, _constant(type_name), _identity))
                continue
            field_def = self.schema.get_field(parent_type, node.name.value)
            resolve = field_def.resolve if field_def is not None else None
            # Strawberry marks the resolver of a field that only reads an attribute.
            if field_def is None or not getattr(resolve, "_is_default", False):
                return None
            if field_def.args or node.arguments:
                return None
            complete = self._value(field_def.type, field_details_list)
            if complete is None or resolve is None:
                return None
            fields.append((response_name, resolve, complete))

        def complete_object(source: Any) -> dict[str, Any]:
            return {name: complete(resolve(source, None)) for name, resolve, complete in fields}

        return complete_object

    def _value(
        self, return_type: GraphQLOutputType, field_details_list: FieldDetailsList
    ) -> Complete | None:
        if isinstance(return_type, GraphQLNonNull):
            inner = self._value(return_type.of_type, field_details_list)
            return _non_null(inner) if inner is not None else None
        if isinstance(return_type, GraphQLList):
            item = self._value(return_type.of_type, field_details_list)
            return _nullable(_list_of(item)) if item is not None else None
        if is_leaf_type(return_type):
            return _nullable(_leaf(return_type.coerce_output_value))
        if isinstance(return_type, GraphQLObjectType) and return_type.is_type_of is None:
            grouped, new_defer_usages, _forbidden = self.collect_subfields(
                return_type, field_details_list
            )
            if new_defer_usages:
                return None
            complete = self._plan(return_type, grouped)
            return _nullable(complete) if complete is not None else None
        return None  # interfaces and unions: their concrete type is decided per value


def _identity(value: Any) -> Any:
    return value


def _constant(value: str) -> Callable[..., str]:
    def resolve(_source: Any, _info: Any) -> str:
        return value

    return resolve


def _leaf(coerce: Callable[[Any], Any]) -> Complete:
    def complete(value: Any) -> Any:
        if isinstance(value, Exception):
            raise NotPlain
        coerced = coerce(value)
        if coerced is None or coerced is Undefined:
            raise NotPlain
        return coerced

    return complete


def _list_of(complete_item: Complete) -> Complete:
    def complete(value: Any) -> list[Any]:
        if not isinstance(value, list | tuple):
            raise NotPlain
        return [complete_item(item) for item in value]

    return complete


def _nullable(complete: Complete) -> Complete:
    def complete_or_null(value: Any) -> Any:
        return None if value is None else complete(value)

    return complete_or_null


def _non_null(complete: Complete) -> Complete:
    def complete_non_null(value: Any) -> Any:
        completed = complete(value)
        if completed is None:
            raise NotPlain
        return completed

    return complete_non_null
