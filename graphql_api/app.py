"""The ASGI application: GraphQL at /graphql, the REST shim at /api/tickets/, health checks."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import orjson
from cross_web import HTTPException as StrawberryHTTPException
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from graphql_api.classifier import Classifier
from graphql_api.classifier.factory import build_classifier
from graphql_api.context import Context
from graphql_api.db import Database
from graphql_api.http import (
    BadRequest,
    BodySizeLimit,
    BodyTooLarge,
    FastJSONResponse,
    UnexpectedErrors,
    on_bad_request,
    on_body_too_large,
    on_http_error,
)
from graphql_api.schema import build_schema
from graphql_api.settings import Settings, get_settings
from graphql_api.tickets import rest

logger = logging.getLogger(__name__)


class GraphQLApp(GraphQL[Context, None]):
    def decode_json(self, data: str | bytes) -> object:
        decoded = orjson.loads(data)
        # Strawberry reads fields off the body; a bare null or number would crash it with a 500.
        if not isinstance(decoded, dict | list):
            raise StrawberryHTTPException(400, "The request body must be a JSON object.")
        return decoded

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        state = request.app.state
        return Context(
            request=request,  # type: ignore[arg-type]
            settings=state.settings,
            database=state.database,
            classifier=state.classifier,
        )


async def healthz(_request: Request) -> Response:
    return FastJSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    database: Database = request.app.state.database
    try:
        await database.ping()
    except Exception:
        logger.exception("readiness check: the database does not answer")
        return FastJSONResponse({"status": "unavailable"}, status_code=503)
    return FastJSONResponse({"status": "ok"})


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        database = Database(settings)
        classifier: Classifier = build_classifier(settings, database.engine)
        app.state.settings = settings
        app.state.database = database
        app.state.classifier = classifier
        try:
            yield
        finally:
            await classifier.close()
            await database.dispose()

    graphql = GraphQLApp(build_schema(settings), graphql_ide="graphiql")
    routes = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        Route("/graphql/", graphql, methods=["GET", "POST"]),
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        *rest.routes,
    ]
    return Starlette(
        debug=settings.debug,
        routes=routes,
        lifespan=lifespan,
        middleware=[
            Middleware(UnexpectedErrors),
            Middleware(BodySizeLimit, max_bytes=settings.max_body_bytes),
        ],
        exception_handlers={
            BadRequest: on_bad_request,
            BodyTooLarge: on_body_too_large,
            HTTPException: on_http_error,
        },
    )
