"""The original (Django/DRF) implementation's figures, from the performance issue.

Measured on the same kind of machine (2 cores, PostgreSQL 15, gunicorn with 2 workers, wrk with
32 connections on the same machine). Only 10k and 1M tickets were measured.
"""

from __future__ import annotations

from typing import Final

# One request at a time, in milliseconds: {scenario: {tickets: ms}}.
SINGLE_MS: Final[dict[str, dict[int, float]]] = {
    "stats": {10_000: 21.0, 1_000_000: 630.0},
    "search": {10_000: 25.0, 1_000_000: 880.0},
    "filter": {10_000: 9.0, 1_000_000: 110.0},
}

# Under load (32 connections), requests per second: {scenario: {tickets: req/s}}.
LOAD_RPS: Final[dict[str, dict[int, float]]] = {
    "stats": {10_000: 113.0, 1_000_000: 1.7},
    "search": {10_000: 78.0, 1_000_000: 1.1},
    "filter": {10_000: 223.0, 1_000_000: 7.5},
    "create": {10_000: 254.0, 1_000_000: 237.0},
    "patch": {10_000: 232.0, 1_000_000: 219.0},
}


def single_ms(scenario: str, tickets: int) -> float | None:
    return SINGLE_MS.get(scenario, {}).get(tickets)


def load_rps(scenario: str, tickets: int) -> float | None:
    return LOAD_RPS.get(scenario, {}).get(tickets)
