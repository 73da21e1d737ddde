"""HTTP plumbing shared by the routes: JSON in and out, errors in DRF's shape, size limits."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

import orjson
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

Endpoint = Callable[[Request], Awaitable[Response]]

logger = logging.getLogger(__name__)


class FastJSONResponse(JSONResponse):
    """JSON by orjson, which writes enums by value and UTC datetimes with "Z", as DRF does."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_UTC_Z)


def detail(status_code: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    """DRF's shape for errors that are not about one field: {"detail": "..."}."""
    return FastJSONResponse({"detail": message}, status_code=status_code, headers=headers)


def client_address(request: Request, trusted_proxies: Sequence[str]) -> str:
    """Who is calling: the peer, or the client a trusted proxy (the UI's server) names."""
    peer = request.client.host if request.client else ""
    forwarded = request.headers.get("x-forwarded-for")
    if forwarded and peer in trusted_proxies:
        # The right-most entry was added by the trusted proxy itself.
        return forwarded.rsplit(",", 1)[-1].strip() or peer
    return peer


class BadRequest(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BodyTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"Request body is larger than {limit} bytes.")
        self.limit = limit


async def read_json_object(request: Request) -> dict[str, Any]:
    """The request body as a JSON object; an empty body is an empty object, as in DRF."""
    body = await request.body()
    if not body.strip():
        return {}
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as error:
        raise BadRequest(f"JSON parse error - {error}") from None
    if not isinstance(data, dict):
        raise BadRequest(f"Expected a JSON object, but got {_json_type_name(data)}.")
    return data


def _json_type_name(value: object) -> str:
    names = {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


class MethodDispatch:
    """One ASGI endpoint for a path: dispatches on the method; 405 with Allow otherwise.

    A plain ASGI app rather than a function route, so that Starlette's router lets every method
    through and the 405 comes in DRF's shape.
    """

    def __init__(self, handlers: Mapping[str, Endpoint]) -> None:
        self.handlers = dict(handlers)
        if "GET" in self.handlers:
            self.handlers.setdefault("HEAD", self.handlers["GET"])
        self.allow = ", ".join([*self.handlers, "OPTIONS"])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        response = await self.respond(request)
        await response(scope, receive, send)

    async def respond(self, request: Request) -> Response:
        handler = self.handlers.get(request.method)
        if handler is not None:
            return await handler(request)
        if request.method == "OPTIONS":
            return Response(status_code=200, headers={"Allow": self.allow})
        return detail(405, f'Method "{request.method}" not allowed.', headers={"Allow": self.allow})


async def on_bad_request(_request: Request, error: Exception) -> Response:
    assert isinstance(error, BadRequest)
    return detail(400, error.message)


async def on_body_too_large(_request: Request, error: Exception) -> Response:
    assert isinstance(error, BodyTooLarge)
    return detail(413, str(error))


async def on_http_error(_request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    message = {404: "Not found."}.get(error.status_code, error.detail)
    return detail(error.status_code, message, headers=error.headers)


class UnexpectedErrors:
    """Answers a bug with a logged traceback and a JSON 500, not a dropped connection.

    (Starlette's own catch-all re-raises after answering, and uvicorn then resets the
    connection before the client reads the answer.)
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        response_started = False

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            response_started = response_started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            logger.exception("unexpected error in %s %s", scope["method"], scope["path"])
            if response_started:
                raise
            await detail(500, "Internal server error.")(scope, receive, send)


class BodySizeLimit:
    """Refuses request bodies over `max_bytes` with 413, by header or by counting the stream."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope["headers"]:
            if name == b"content-length" and _exceeds(value, self.max_bytes):
                await detail(413, str(BodyTooLarge(self.max_bytes)))(scope, receive, send)
                return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        await self.app(scope, counting_receive, send)


def _exceeds(content_length: bytes, limit: int) -> bool:
    try:
        return int(content_length) > limit
    except ValueError:
        return False
