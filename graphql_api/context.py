"""What every GraphQL resolver can reach: settings, the database and the classifier."""

from __future__ import annotations

from dataclasses import dataclass

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

    @property
    def client(self) -> str:
        """The caller, for per-client limits."""
        return client_address(self.request, self.settings.trusted_proxies)
