"""GraphQL execution with a fast path for objects made only of plain attributes.

graphql-core resolves and completes every field on its own, at about 5 µs a field: a page of 50
tickets (some 650 fields) cost 2.9 ms of CPU in-process before any I/O, more than the database,
the network and the JSON together. Almost all of those fields are plain attributes (Strawberry
fields without a resolver or arguments) of a scalar, an enum, a list or another such object, for
which resolving is `getattr` and completing is `coerce_output_value`.

`PlainFieldsExecutionContext` completes such objects in one pass, with a plan made once per
selection. Plans of operations without directives are shared by every operation on the same
parsed document (Strawberry's parser cache hands out the same one for the same text); with
@skip/@include the selection depends on the variables, so such plans last one operation.
Anything else goes graphql-core's standard way, for the whole object:
a field with a resolver or arguments, an abstract type, `@defer`, a middleware, and any value
that does not fit (a null where the schema says non-null, a value that does not coerce, a list
that is not a list). Results and errors are therefore exactly graphql-core's own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from operator import attrgetter
from typing import Any
from weakref import WeakKeyDictionary

from graphql import (
    GraphQLField,
    GraphQLID,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    GraphQLString,
    Undefined,
    is_leaf_type,
)
from graphql.execution.collect_fields import (
    DeferUsage,
    FieldDetailsList,
    FragmentDetails,
    GroupedFieldSet,
)
from graphql.language import OperationDefinitionNode, SelectionSetNode
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import CustomGraphQLEnumType, GraphQLCoreConverter
from strawberry.types.field import StrawberryField

Complete = Callable[[Any], Any]

# Bounds the plans kept per schema: enough for every document real clients send, and a stream of
# unique documents cannot grow memory.
SHARED_PLANS_LIMIT = 1024


class NotPlain(Exception):
    """A value the fast path does not complete; the standard path takes the object over."""


class SharedPlans:
    """The plans of one schema, by parent type and field nodes, for operations whose selections
    do not depend on their variables. Entries hold the objects whose ids make their key, so that
    no id is reused while the entry lives."""

    def __init__(self) -> None:
        self.plans: dict[tuple[object, ...], tuple[object, Complete | None]] = {}
        self._fixed: dict[int, tuple[OperationDefinitionNode, bool]] = {}

    def fixed_selections(
        self, operation: OperationDefinitionNode, fragments: Mapping[str, FragmentDetails]
    ) -> bool:
        """Whether the operation selects the same fields whatever its variables: it uses no
        directive (@skip, @include, @defer) on any field, fragment spread or inline fragment."""
        known = self._fixed.get(id(operation))
        if known is not None and known[0] is operation:
            return known[1]
        sets = [
            operation.selection_set,
            *(fragment.definition.selection_set for fragment in fragments.values()),
        ]
        fixed = not any(_has_directives(selection_set) for selection_set in sets)
        if len(self._fixed) >= SHARED_PLANS_LIMIT:
            self._fixed.clear()
        self._fixed[id(operation)] = (operation, fixed)
        return fixed

    def put(self, key: tuple[object, ...], owners: object, complete: Complete | None) -> None:
        if len(self.plans) >= SHARED_PLANS_LIMIT:
            self.plans.clear()
        self.plans[key] = (owners, complete)


_SHARED_PLANS: WeakKeyDictionary[GraphQLSchema, SharedPlans] = WeakKeyDictionary()


def _has_directives(selection_set: SelectionSetNode | None) -> bool:
    if selection_set is None:
        return False
    return any(
        selection.directives or _has_directives(getattr(selection, "selection_set", None))
        for selection in selection_set.selections
    )


class PlainFieldsExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Plans by grouped field set; the set is kept alive with its plan so that its id is not
        # reused during the operation (graphql-core memoizes collected fields the same way).
        self._plans: dict[int, tuple[GroupedFieldSet, Complete | None]] = {}
        shared = _SHARED_PLANS.get(self.schema)
        if shared is None:
            shared = _SHARED_PLANS[self.schema] = SharedPlans()
        fixed = shared.fixed_selections(self.operation, self.fragments)
        self._shared = shared if fixed else None
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
        if self._shared is None:
            complete = self._object_fields(parent_type, grouped_field_set)
        else:
            key = (
                id(parent_type),
                *(
                    (name, *(id(details.node) for details in field_details_list))
                    for name, field_details_list in grouped_field_set.items()
                ),
            )
            shared = self._shared.plans.get(key)
            if shared is not None:
                complete = shared[1]
            else:
                complete = self._object_fields(parent_type, grouped_field_set)
                self._shared.put(key, (parent_type, grouped_field_set), complete)
        self._plans[id(grouped_field_set)] = (grouped_field_set, complete)
        return complete

    def _object_fields(
        self, parent_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet
    ) -> Complete | None:
        fields: list[tuple[str, Complete, Complete]] = []
        for response_name, field_details_list in grouped_field_set.items():
            node = field_details_list[0].node
            if node.name.value == "__typename":
                fields.append((response_name, _constant(parent_type.name), _identity))
                continue
            field_def = self.schema.get_field(parent_type, node.name.value)
            if field_def is None or field_def.args or node.arguments:
                return None
            read = _plain_reader(field_def)
            complete = self._value(field_def.type, field_details_list)
            if read is None or complete is None:
                return None
            fields.append((response_name, read, complete))

        def complete_object(source: Any) -> dict[str, Any]:
            return {name: complete(read(source)) for name, read, complete in fields}

        return complete_object

    def _value(
        self,
        return_type: GraphQLOutputType,
        field_details_list: FieldDetailsList,
        *,
        non_null: bool = False,
    ) -> Complete | None:
        """How to complete a value of `return_type`, null included: a null where the schema
        says non-null raises NotPlain, as does a value that completes to null."""
        if isinstance(return_type, GraphQLNonNull):
            return self._value(return_type.of_type, field_details_list, non_null=True)
        complete: Complete | None
        if is_leaf_type(return_type):
            return _leaf(return_type, non_null=non_null)
        if isinstance(return_type, GraphQLList):
            item = self._value(return_type.of_type, field_details_list)
            complete = _list_of(item) if item is not None else None
        elif isinstance(return_type, GraphQLObjectType) and return_type.is_type_of is None:
            grouped, new_defer_usages, _forbidden = self.collect_subfields(
                return_type, field_details_list
            )
            complete = None if new_defer_usages else self._plan(return_type, grouped)
        else:
            return None  # interfaces and unions: their concrete type is decided per value
        if complete is None:
            return None
        return _non_null(complete) if non_null else _nullable(complete)


def _plain_reader(field_def: GraphQLField) -> Complete | None:
    """How to read a field that only reads its source, or None when it does more."""
    resolve = field_def.resolve
    # Strawberry marks the resolver of a field without a resolver of its own.
    if resolve is None or not getattr(resolve, "_is_default", False):
        return None
    definition = field_def.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if isinstance(definition, StrawberryField) and definition.default_resolver is getattr:
        # What Strawberry's resolver does, without its three calls per field.
        return attrgetter(definition.python_name)

    def read(source: Any) -> Any:
        return resolve(source, None)

    return read


def _identity(value: Any) -> Any:
    return value


def _constant(value: str) -> Complete:
    def read(_source: Any) -> str:
        return value

    return read


def _leaf(leaf_type: GraphQLLeafType, *, non_null: bool) -> Complete:
    """A scalar or enum value, coerced as graphql-core does, in one call per value."""
    coerce = leaf_type.coerce_output_value

    def complete(value: Any) -> Any:
        if value is None:
            if non_null:
                raise NotPlain
            return None
        if isinstance(value, Exception):
            raise NotPlain
        coerced = coerce(value)
        if coerced is None or coerced is Undefined:
            raise NotPlain
        return coerced

    if leaf_type is GraphQLString or leaf_type is GraphQLID:
        # Both coerce a str to itself: most fields of most objects are strings.
        def complete_text(value: Any) -> Any:
            return value if value.__class__ is str else complete(value)

        return complete_text
    if isinstance(leaf_type, CustomGraphQLEnumType):
        return _enum_member(leaf_type, complete)
    return complete


def _enum_member(enum_type: CustomGraphQLEnumType, complete: Complete) -> Complete:
    """Strawberry's enum coercion, with its own enum's members looked up (its coercion compares
    the value with each of the enum's values in turn); anything else goes `complete`."""
    members: type[Any] = enum_type.wrapped_cls
    names: dict[Any, str] = {}
    for member in members:
        try:
            names[member] = complete(member)
        except Exception:  # noqa: S112 - a member without a GraphQL value: `complete` decides
            continue

    def complete_member(value: Any) -> Any:
        if value.__class__ is members:
            name = names.get(value)
            if name is not None:
                return name
        return complete(value)

    return complete_member


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
    # Lists and objects never complete to null; for those a null value is the only null.
    def complete_non_null(value: Any) -> Any:
        if value is None:
            raise NotPlain
        return complete(value)

    return complete_non_null
