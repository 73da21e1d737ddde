"""Concurrent writers keep the counters exact and never deadlock on them (PostgreSQL).

The update trigger once subtracted the old rows' counters, then added the new ones: two status
changes in opposite directions at the same moment locked the same counter rows in opposite
orders and deadlocked (the benchmark hit it). Migration 0006 writes netted counters in key order.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy.engine import make_url

from graphql_api.migrate import downgrade
from tests.db.test_counters import COUNTERS, TABLE, rows
from tests.support.databases import PostgresDatabases, settings_for
from tests.support.sql import connect, execute

ROUNDS = 100
# Every (category, priority) pair: each statement upserts 16 counter rows, a wide window.
PAIRS = [
    (category, priority)
    for category in ("account", "billing", "general", "technical")
    for priority in ("critical", "high", "low", "medium")
]


@pytest.fixture
def postgres_url(postgresql_databases: PostgresDatabases) -> Iterator[str]:
    url = postgresql_databases.create()
    yield url
    postgresql_databases.drop(url)


def _libpq_url(database_url: str) -> str:
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


def _seed_two_groups(database_url: str) -> None:
    """Group a (titled "a"): every pair, open. Group b: every pair, in progress."""
    values = ", ".join(
        f"('{group}', 'd', '{category}', '{priority}', '{status}')"
        for category, priority in PAIRS
        for group, status in (("a", "open"), ("b", "in_progress"))
        for _ in range(4)
    )
    execute(
        database_url,
        f"INSERT INTO tickets (title, description, category, priority, status) VALUES {values}",
    )


def _flip_group(libpq_url: str, group: str, barrier: threading.Barrier, errors: list[str]) -> None:
    """Each round, move the group's tickets to the other status, at the same instant as the
    other thread moves its group the opposite way."""
    statuses = ("open", "in_progress") if group == "a" else ("in_progress", "open")
    with psycopg.connect(libpq_url, autocommit=True) as connection:
        # Deadlocks are detected after deadlock_timeout (1 s by default); report them sooner.
        connection.execute("SET deadlock_timeout = '50ms'")
        for round_number in range(ROUNDS):
            source, target = statuses if round_number % 2 == 0 else statuses[::-1]
            # Both connections draw the same counter shard: their rows collide every time.
            connection.execute("SELECT setseed(0.5)")
            barrier.wait()
            try:
                connection.execute(
                    "UPDATE tickets SET status = %s WHERE title = %s AND status = %s",
                    (target, group, source),
                )
            except psycopg.errors.DeadlockDetected as error:
                errors.append(str(error).splitlines()[0])


def _run_opposite_flips(database_url: str) -> list[str]:
    libpq_url = _libpq_url(database_url)
    barrier = threading.Barrier(2, timeout=60)
    errors: list[str] = []
    threads = [
        threading.Thread(target=_flip_group, args=(libpq_url, group, barrier, errors))
        for group in ("a", "b")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_opposite_status_changes_at_once_neither_deadlock_nor_drift(postgres_url: str) -> None:
    _seed_two_groups(postgres_url)
    assert _run_opposite_flips(postgres_url) == []
    with connect(postgres_url) as connection:
        assert rows(connection, COUNTERS) == rows(connection, TABLE)


def test_the_old_two_pass_trigger_did_deadlock(postgres_url: str) -> None:
    """The same load against 0005's trigger: shows the test above can fail."""
    downgrade(settings_for(postgres_url), "0005", configure_logging=False)
    _seed_two_groups(postgres_url)
    assert _run_opposite_flips(postgres_url) != []
