"""Concurrent writers keep the counters exact and never deadlock on them (PostgreSQL).

The update trigger once subtracted the old rows' counters, then added the new ones: two status
changes in opposite directions at the same moment locked the same counter rows in opposite
orders and deadlocked (the benchmark hit it). Migration 0006 writes netted counters in key order.

Whether two racing statements collide is up to the scheduler, so the race below can only catch
a deadlock, never prove there is none. The lock order itself is shown deterministically: one
transaction holds some counter rows, a status change queues behind it, and what the change has
locked by then tells which rows it takes first.
"""

from __future__ import annotations

import threading
import time
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


def _seed_one_ticket_per_status(database_url: str) -> None:
    """A ticket in each of the two statuses, and their counter rows in every shard, so that a
    status change has existing rows to lock whichever shard it picks."""
    execute(
        database_url,
        "INSERT INTO tickets (title, description, category, priority, status) VALUES "
        "('open', 'd', 'billing', 'high', 'open'), "
        "('in_progress', 'd', 'billing', 'high', 'in_progress')",
    )
    execute(
        database_url,
        "INSERT INTO ticket_counts (category, priority, status, shard, tickets, suggested, "
        "category_kept, priority_kept) "
        "SELECT 'billing', 'high', status, shard, 0, 0, 0, 0 "
        "FROM unnest(ARRAY['open', 'in_progress']) AS status, generate_series(0, 15) AS shard "
        "ON CONFLICT DO NOTHING",
    )


def _wait_until_blocked(connection: psycopg.Connection[tuple[object, ...]], pid: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        waiting = connection.execute(
            "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = %s", (pid,)
        ).fetchone()
        if waiting is not None and waiting[0]:
            return
        time.sleep(0.01)
    raise AssertionError("the status change never queued behind the held counter rows")


def _locked_before_in_progress(libpq_url: str, source: str, target: str) -> bool:
    """Whether a change from `source` to `target` locks the open counters before the
    in_progress ones: with the in_progress rows held elsewhere, does it hold the open rows
    while it waits?"""
    with (
        psycopg.connect(libpq_url) as holder,
        psycopg.connect(libpq_url) as prober,
        psycopg.connect(libpq_url, autocommit=True) as changer,
    ):
        holder.execute("SELECT 1 FROM ticket_counts WHERE status = 'in_progress' FOR UPDATE")
        change = threading.Thread(
            target=changer.execute,
            args=("UPDATE tickets SET status = %s WHERE title = %s", (target, source)),
        )
        change.start()
        try:
            _wait_until_blocked(prober, changer.info.backend_pid)
            try:
                prober.execute(
                    "SELECT 1 FROM ticket_counts WHERE status = 'open' FOR UPDATE NOWAIT"
                )
            except psycopg.errors.LockNotAvailable:
                return True
            finally:
                prober.rollback()
            return False
        finally:
            holder.rollback()
            change.join()


def _lock_orders(database_url: str) -> tuple[bool, bool]:
    _seed_one_ticket_per_status(database_url)
    libpq_url = _libpq_url(database_url)
    return (
        _locked_before_in_progress(libpq_url, "open", "in_progress"),
        _locked_before_in_progress(libpq_url, "in_progress", "open"),
    )


def test_a_status_change_locks_counters_in_one_order_whichever_way_it_goes(
    postgres_url: str,
) -> None:
    forwards, backwards = _lock_orders(postgres_url)
    assert forwards == backwards
    with connect(postgres_url) as connection:
        assert rows(connection, COUNTERS) == rows(connection, TABLE)


def test_the_old_two_pass_trigger_locked_them_in_the_change_s_order(postgres_url: str) -> None:
    """The same check against 0005's trigger: shows the test above can fail."""
    downgrade(settings_for(postgres_url), "0005", configure_logging=False)
    forwards, backwards = _lock_orders(postgres_url)
    # Old rows first: open -> in_progress takes the open rows first, the opposite change not.
    assert (forwards, backwards) == (True, False)
