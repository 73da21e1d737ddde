"""What every GraphQL resolver can reach: settings, the classifier and the request's session."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request

from graphql_api.classifier import Classifier
from graphql_api.db import Database
from graphql_api.http import client_address
from graphql_api.settings import Settings


@dataclass
class Context:
    request: Request
    settings: Settings
    database: Database
    classifier: Classifier
    _session: AsyncSession | None = field(default=None, init=False)
    # GraphQL resolves sibling fields concurrently, but a session serves one operation at a time.
    _session_lock: asyncio.Lock = field(default_factory=asyncio.Lock, init=False)

    @property
    def client(self) -> str:
        """The caller, for per-client limits."""
        return client_address(self.request, self.settings.trusted_proxies)

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """The request's one session, opened on first use; `DatabaseSession` ends it."""
        async with self._session_lock:
            if self._session is None:
                self._session = self.database.new_session()
            yield self._session

    async def end_session(self, *, commit: bool) -> None:
        if self._session is None:
            return
        session, self._session = self._session, None
        try:
            if commit:
                await session.commit()
            else:
                await session.rollback()
        finally:
            await session.close()
