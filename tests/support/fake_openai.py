"""A fake OpenAI-compatible Chat Completions server on loopback, for the classifier's tests.

Only the outside world is faked: the real `openai` client talks HTTP to this Starlette app, which
answers `POST /v1/chat/completions` the way the real API does, or misbehaves in one chosen way.
Every request it receives is recorded, so tests can check what the client sent.
"""

from __future__ import annotations

import asyncio
import itertools
import json
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

from tests.support.servers import ServerThread

GOOD_ANSWER: Final = {"category": "billing", "priority": "high"}

# Far past any deadline the tests set; the hang still ends at once when the server stops.
HANG_S: Final = 30.0

# A client that retries would come back after 1 ms instead of backing off for seconds.
_RETRY_SOON: Final = {"retry-after-ms": "1"}


class Mode(StrEnum):
    """How the fake answers the next chat completion requests."""

    ANSWER = "answer"
    """A well-formed completion whose message content is `FakeOpenAI.content`."""
    REFUSAL = "refusal"
    """A well-formed completion whose message is a refusal with null content."""
    NO_CHOICES = "no_choices"
    """A well-formed completion with an empty `choices` list."""
    SERVER_ERROR = "server_error"
    """HTTP 500 with the API's error body."""
    RATE_LIMITED = "rate_limited"
    """HTTP 429 with the API's error body."""
    HANG = "hang"
    """No answer for `HANG_S` seconds (or until the server stops), then a good answer."""
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


class FakeOpenAI:
    """The fake server: set `mode` (and `content` for `Mode.ANSWER`) before each call.

    Usable as a context manager; `base_url` has no `/v1`, as a real server's root would not.
    """

    def __init__(self) -> None:
        self.mode: Mode = Mode.ANSWER
        self.content: str = json.dumps(GOOD_ANSWER)
        self._requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._server = ServerThread(self._build_app())
        self.base_url = self._server.base_url

    def answer(self, content: str) -> None:
        """Answer well-formed completions whose message content is `content`."""
        self.mode = Mode.ANSWER
        self.content = content

    def answer_json(self, value: object) -> None:
        self.answer(json.dumps(value))

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, in order, whatever its path."""
        with self._lock:
            return list(self._requests)

    @property
    def completion_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path == "/v1/chat/completions"]

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

    async def _anything_else(self, request: Request) -> Response:
        await self._record(request)
        return _error(404, "Unknown request URL.", "invalid_request_error", "unknown_url")

    async def _chat_completions(self, request: Request) -> Response:
        recorded = await self._record(request)
        model = recorded.body.get("model", "") if isinstance(recorded.body, dict) else ""
        mode = self.mode
        if mode is Mode.HANG:
            await self._hang()
            return self._completion(model, _message(json.dumps(GOOD_ANSWER)))
        if mode is Mode.ANSWER:
            return self._completion(model, _message(self.content))
        if mode is Mode.REFUSAL:
            return self._completion(model, _message(None, refusal="I can't help with that."))
        if mode is Mode.NO_CHOICES:
            return self._completion(model, None)
        if mode is Mode.SERVER_ERROR:
            return _error(500, "The server had an error.", "server_error", None)
        if mode is Mode.RATE_LIMITED:
            return _error(429, "Rate limit reached.", "requests", "rate_limit_exceeded")
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

    async def _hang(self) -> None:
        assert self._stopping is not None
        with suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), timeout=HANG_S)

    def _completion(self, model: str, message: dict[str, Any] | None) -> Response:
        choices = (
            []
            if message is None
            else [{"index": 0, "message": message, "logprobs": None, "finish_reason": "stop"}]
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


def _message(content: str | None, refusal: str | None = None) -> dict[str, Any]:
    return {"role": "assistant", "content": content, "refusal": refusal, "annotations": []}


def _error(status: int, message: str, kind: str, code: str | None) -> Response:
    return JSONResponse(
        {"error": {"message": message, "type": kind, "param": None, "code": code}},
        status_code=status,
        headers=_RETRY_SOON,
    )
