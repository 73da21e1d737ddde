"""A fake OpenAI-compatible Chat Completions server on loopback, for the classifier's tests.

Only the outside world is faked: the real `openai` client talks HTTP to this Starlette app, which
answers `POST /v1/chat/completions` the way the real API does, or misbehaves in one chosen way.
Every request it receives is recorded, so tests can check what the client sent.

Like the real API it honours `response_format`: a strict `json_schema` must be a valid strict
schema, `json_object` needs the word "JSON" in the messages, and anything else is a 400. A server
without Structured Outputs (Mode.NO_STRUCTURED_OUTPUTS) refuses `json_schema` with a 400.
"""

from __future__ import annotations

import asyncio
import collections
import itertools
import json
import re
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from enum import StrEnum
from types import TracebackType
from typing import Any, Final

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from tests.support.servers import ServerThread

GOOD_ANSWER: Final = {"category": "billing", "priority": "high"}

# Far past any deadline the tests set; the hang still ends at once when the server stops.
HANG_S: Final = 30.0
# Mode.SLOW's default delay: past the short deadlines the tests set, well short of HANG_S.
SLOW_S: Final = 3.0

# What a truncated completion (finish_reason "length") holds: JSON cut off mid-value.
TRUNCATED_CONTENT: Final = '{"category": "bill'

# The 400 a server without Structured Outputs answers to a json_schema response_format.
NO_JSON_SCHEMA_MESSAGE: Final = "response_format json_schema is not supported"
# The real API's 400 for JSON mode when no message mentions JSON.
JSON_WORD_MISSING_MESSAGE: Final = (
    "'messages' must contain the word 'json' in some form, to use 'response_format' of type "
    "'json_object'."
)

# A client that retries would come back after 1 ms instead of backing off for seconds.
_RETRY_SOON: Final = {"retry-after-ms": "1"}
_SCHEMA_NAME: Final = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")


class Mode(StrEnum):
    """How the fake answers the next chat completion requests."""

    ANSWER = "answer"
    """A well-formed completion whose message content is `FakeOpenAI.content`."""
    REFUSAL = "refusal"
    """A well-formed completion whose message is a refusal with null content."""
    NO_CHOICES = "no_choices"
    """A well-formed completion with an empty `choices` list."""
    TRUNCATED = "truncated"
    """A completion cut short by the token limit: finish_reason "length", content cut
    mid-JSON (`TRUNCATED_CONTENT`)."""
    SERVER_ERROR = "server_error"
    """HTTP 500 with the API's error body."""
    RATE_LIMITED = "rate_limited"
    """HTTP 429 with the API's error body."""
    NO_STRUCTURED_OUTPUTS = "no_structured_outputs"
    """A server without Structured Outputs: a `json_schema` response_format is refused with
    HTTP 400 (`NO_JSON_SCHEMA_MESSAGE`); anything else is answered as in ANSWER."""
    HANG = "hang"
    """No answer for `HANG_S` seconds (or until the server stops), then `content`."""
    SLOW = "slow"
    """`content`, after `FakeOpenAI.slow_s` seconds (sooner if the server stops)."""
    DISCONNECT = "disconnect"
    """The connection closes halfway through the response body: a connection error."""
    BROKEN_BODY = "broken_body"
    """HTTP 200, `application/json`, but the body is not JSON."""
    TEXT_BODY = "text_body"
    """HTTP 200 with a `text/plain` body."""
    NO_MESSAGE = "no_message"
    """HTTP 200 with a completion whose one choice has no `message`."""


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: Any
    """The request's JSON body, or its text when it is not JSON."""

    @property
    def messages(self) -> list[dict[str, Any]]:
        messages: list[dict[str, Any]] = self.body["messages"]
        return messages

    @property
    def response_format(self) -> dict[str, Any] | None:
        """The `response_format` the client asked for; None when it sent none."""
        value = self.body.get("response_format") if isinstance(self.body, dict) else None
        return value if isinstance(value, dict) else None

    @property
    def response_format_type(self) -> str | None:
        """ "json_schema", "json_object", "text" (or whatever was sent); None without one."""
        value = self.response_format
        return value.get("type") if value is not None else None


class FakeOpenAI:
    """The fake server: set `mode` (and `content` for `Mode.ANSWER`) before each call.

    `script(...)` queues modes for the next requests, one each, before `mode` applies again.
    Usable as a context manager; `base_url` has no `/v1`, as a real server's root would not.
    """

    def __init__(self) -> None:
        self.mode: Mode = Mode.ANSWER
        self.content: str = json.dumps(GOOD_ANSWER)
        self.slow_s: float = SLOW_S
        self._script: collections.deque[Mode] = collections.deque()
        self._requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._server = ServerThread(self._build_app())
        self.base_url = self._server.base_url

    def reset(self) -> None:
        """Back to a fresh server's state: answering GOOD_ANSWER, nothing recorded or queued.

        Handlers still waiting (HANG, SLOW) from before are left to finish on their own.
        """
        with self._lock:
            self.mode = Mode.ANSWER
            self.content = json.dumps(GOOD_ANSWER)
            self.slow_s = SLOW_S
            self._script.clear()
            self._requests.clear()

    def answer(self, content: str) -> None:
        """Answer well-formed completions whose message content is `content`."""
        self.mode = Mode.ANSWER
        self.content = content

    def answer_json(self, value: object) -> None:
        self.answer(json.dumps(value))

    def script(self, *modes: Mode) -> None:
        """The next requests are answered in these modes, one each; then `mode` again."""
        with self._lock:
            self._script.extend(modes)

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, in order, whatever its path."""
        with self._lock:
            return list(self._requests)

    @property
    def completion_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path == "/v1/chat/completions"]

    @property
    def response_format_types(self) -> list[str | None]:
        """The response_format type of each chat completion request, in order."""
        return [r.response_format_type for r in self.completion_requests]

    def start(self) -> FakeOpenAI:
        self._server.start()
        return self

    def stop(self) -> None:
        # Let hanging handlers finish first, or uvicorn would wait for them on shutdown.
        if self._loop is not None and self._stopping is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._stopping.set)
        self._server.stop()

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _build_app(self) -> Starlette:
        @asynccontextmanager
        async def lifespan(_app: Starlette) -> AsyncIterator[None]:
            self._loop = asyncio.get_running_loop()
            self._stopping = asyncio.Event()
            yield

        return Starlette(
            routes=[
                Route("/v1/chat/completions", self._chat_completions, methods=["POST"]),
                Route("/{path:path}", self._anything_else, methods=["GET", "POST", "PUT"]),
            ],
            lifespan=lifespan,
        )

    async def _record(self, request: Request) -> RecordedRequest:
        raw = await request.body()
        try:
            body: Any = json.loads(raw)
        except ValueError:
            body = raw.decode("utf-8", errors="replace")
        recorded = RecordedRequest(
            method=request.method,
            path=request.url.path,
            headers=dict(request.headers),
            body=body,
        )
        with self._lock:
            self._requests.append(recorded)
        return recorded

    def _next_mode(self) -> Mode:
        with self._lock:
            return self._script.popleft() if self._script else self.mode

    async def _anything_else(self, request: Request) -> Response:
        await self._record(request)
        return _error(404, "Unknown request URL.", None, code="unknown_url")

    async def _chat_completions(self, request: Request) -> Response:
        recorded = await self._record(request)
        mode = self._next_mode()
        if not isinstance(recorded.body, dict):
            return _error(400, "We could not parse the JSON body of your request.", None)
        model = str(recorded.body.get("model", ""))
        if mode is Mode.NO_STRUCTURED_OUTPUTS and recorded.response_format_type == "json_schema":
            return _error(400, NO_JSON_SCHEMA_MESSAGE, "response_format")
        problem = _response_format_problem(recorded)
        if problem is not None:
            return _error(400, problem, "response_format")
        if mode in (Mode.ANSWER, Mode.NO_STRUCTURED_OUTPUTS):
            return self._completion(model, _message(self.content))
        if mode is Mode.HANG:
            await self._wait_or_stop(HANG_S)
            return self._completion(model, _message(self.content))
        if mode is Mode.SLOW:
            await self._wait_or_stop(self.slow_s)
            return self._completion(model, _message(self.content))
        if mode is Mode.REFUSAL:
            return self._completion(model, _message(None, refusal="I can't help with that."))
        if mode is Mode.NO_CHOICES:
            return self._completion(model, None)
        if mode is Mode.TRUNCATED:
            return self._completion(model, _message(TRUNCATED_CONTENT), finish_reason="length")
        if mode is Mode.SERVER_ERROR:
            return _error(500, "The server had an error.", None, kind="server_error")
        if mode is Mode.RATE_LIMITED:
            return _error(
                429, "Rate limit reached.", None, kind="requests", code="rate_limit_exceeded"
            )
        if mode is Mode.DISCONNECT:
            return _HalfResponse()
        if mode is Mode.BROKEN_BODY:
            return Response('{"id": "chatcmpl-', media_type="application/json")
        if mode is Mode.TEXT_BODY:
            return Response("upstream says hello", media_type="text/plain")
        if mode is Mode.NO_MESSAGE:
            return JSONResponse(
                {
                    "id": f"chatcmpl-fake{next(self._ids)}",
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": model,
                    "choices": [{"index": 0, "finish_reason": "stop"}],
                }
            )
        raise AssertionError(f"unknown mode {mode!r}")

    async def _wait_or_stop(self, seconds: float) -> None:
        assert self._stopping is not None
        with suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), timeout=seconds)

    def _completion(
        self, model: str, message: dict[str, Any] | None, finish_reason: str = "stop"
    ) -> Response:
        choices = (
            []
            if message is None
            else [
                {"index": 0, "message": message, "logprobs": None, "finish_reason": finish_reason}
            ]
        )
        return JSONResponse(
            {
                "id": f"chatcmpl-fake{next(self._ids)}",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": model,
                "choices": choices,
                "usage": {"prompt_tokens": 120, "completion_tokens": 12, "total_tokens": 132},
                "service_tier": "default",
                "system_fingerprint": "fp_fake",
            }
        )


def _response_format_problem(request: RecordedRequest) -> str | None:
    """Why the real API would refuse this request's response_format; None when it would not."""
    if "response_format" not in request.body:
        return None
    value = request.response_format
    kind = value.get("type") if value is not None else None
    if kind == "text":
        return None
    if kind == "json_object":
        mentions_json = any(
            "json" in str(message.get("content", "")).lower() for message in request.messages
        )
        return None if mentions_json else JSON_WORD_MISSING_MESSAGE
    if kind == "json_schema":
        assert value is not None
        return _json_schema_problem(value.get("json_schema"))
    return f"Invalid value: {kind!r}. Supported values are: 'text', 'json_object', 'json_schema'."


def _json_schema_problem(spec: object) -> str | None:
    if not isinstance(spec, dict):
        return "Missing required parameter: 'response_format.json_schema'."
    name = spec.get("name")
    if not isinstance(name, str) or not _SCHEMA_NAME.match(name):
        return "Invalid 'response_format.json_schema.name': must match ^[a-zA-Z0-9_-]{1,64}$."
    schema = spec.get("schema")
    if not isinstance(schema, dict):
        return f"Invalid schema for response_format '{name}': the schema must be an object."
    if spec.get("strict") is True:
        problem = _strict_problem(schema)
        if problem is not None:
            return f"Invalid schema for response_format '{name}': {problem}"
    return None


def _strict_problem(schema: dict[str, Any]) -> str | None:
    """The rules Structured Outputs puts on a strict schema, for the object level we send."""
    if schema.get("type") != "object":
        return "the root must be an object."
    if schema.get("additionalProperties") is not False:
        return "'additionalProperties' is required to be supplied and to be false."
    properties = schema.get("properties")
    if not isinstance(properties, dict):
        return "'properties' must be an object."
    if sorted(schema.get("required") or []) != sorted(properties):
        return "'required' is required to be supplied and to be an array including every key."
    return None


def _message(content: str | None, refusal: str | None = None) -> dict[str, Any]:
    return {"role": "assistant", "content": content, "refusal": refusal, "annotations": []}


def _error(
    status: int,
    message: str,
    param: str | None,
    *,
    kind: str = "invalid_request_error",
    code: str | None = None,
) -> Response:
    return JSONResponse(
        {"error": {"message": message, "type": kind, "param": param, "code": code}},
        status_code=status,
        headers=_RETRY_SOON,
    )


class _HalfResponse(Response):
    """Promises a body, sends part of it and ends: the server then drops the connection."""

    def __init__(self) -> None:
        super().__init__()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"500")],
            }
        )
        await send({"type": "http.response.body", "body": b'{"id": "chatcmpl-', "more_body": True})
