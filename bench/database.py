"""One PostgreSQL database per dataset size: created, migrated and seeded once, then reused.

`bench_<size>` is loaded by the project's own commands (`python -m graphql_api migrate` and
`seed`) and never written to by a benchmark: write scenarios run on a throwaway copy
(`bench_<size>_writes`, CREATE DATABASE ... TEMPLATE), so every run reads the same data and a
rerun reuses the loaded database when its marker and row count match.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
Log = Callable[[str], None]
# Bump when the way datasets are prepared changes, so old ones are reloaded.
_PREPARATION = "v1"


def admin_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL") or DEFAULT_ADMIN_URL


def url_for(admin: str, name: str) -> str:
    """The admin URL pointed at another database of the same server."""
    parts = urlsplit(admin)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


@dataclass(frozen=True, slots=True)
class Dataset:
    name: str
    url: str
    tickets: int
    min_id: int
    max_id: int
    loaded_s: float | None  # None: an existing load was reused


def _marker(tickets: int, days: int, seed: int) -> str:
    return f"bench dataset {_PREPARATION}: seed --tickets {tickets} --days {days} --seed {seed}"


def run_cli(args: list[str], database_url: str) -> str:
    """`python -m graphql_api ARGS` on a database; its output, or SystemExit with it."""
    env = {**os.environ, "DATABASE_URL": database_url, "OPENAI_API_KEY": ""}
    done = subprocess.run(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-m", "graphql_api", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"python -m graphql_api {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout.strip()


def _exists(admin: psycopg.Connection, name: str) -> bool:
    found = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
    return found is not None


def _comment(admin: psycopg.Connection, name: str) -> str | None:
    row = admin.execute(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
        (name,),
    ).fetchone()
    return row[0] if row else None


def _id_range(url: str) -> tuple[int, int, int]:
    with psycopg.connect(url) as connection:
        row = connection.execute("SELECT count(*), min(id), max(id) FROM tickets").fetchone()
    assert row is not None
    return int(row[0]), int(row[1] or 0), int(row[2] or 0)


def drop(admin: psycopg.Connection, name: str) -> None:
    admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def prepare(tickets: int, *, days: int, seed: int, reload: bool, log: Log) -> Dataset:
    """`bench_<tickets>`, loaded with the demo tickets of `seed`; reused when already loaded."""
    name = f"bench_{tickets}"
    admin_dsn = admin_url()
    url = url_for(admin_dsn, name)
    marker = _marker(tickets, days, seed)
    with psycopg.connect(admin_dsn, autocommit=True) as admin:
        reusable = not reload and _exists(admin, name) and _comment(admin, name) == marker
        if reusable:
            run_cli(["migrate"], url)  # a no-op unless a migration was added since
            count, min_id, max_id = _id_range(url)
            if count == tickets:
                log(f"{name}: reusing the loaded database ({count:,} tickets)")
                return Dataset(name, url, tickets, min_id, max_id, loaded_s=None)
            log(f"{name}: holds {count:,} tickets, not {tickets:,}: reloading")
        started = time.perf_counter()
        drop(admin, name)
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        log(f"{name}: migrating")
        run_cli(["migrate"], url)
        log(f"{name}: seeding {tickets:,} tickets (days {days}, seed {seed})")
        seeded = run_cli(
            ["seed", "--tickets", str(tickets), "--days", str(days), "--seed", str(seed)], url
        )
        log(f"{name}: {seeded}")
        with psycopg.connect(url, autocommit=True) as connection:
            # Visibility map and hint bits set once, as autovacuum would in production, so
            # that the first benchmark does not pay for them.
            connection.execute("VACUUM (ANALYZE) tickets, ticket_counts, ticket_days")
        admin.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(name), sql.Literal(marker)
            )
        )
        elapsed = time.perf_counter() - started
        count, min_id, max_id = _id_range(url)
        log(f"{name}: loaded {count:,} tickets in {elapsed:.0f} s")
        return Dataset(name, url, tickets, min_id, max_id, loaded_s=elapsed)


def writable_copy(dataset: Dataset, log: Log) -> str:
    """A fresh copy of a dataset for the write scenarios; returns its URL. No one may be
    connected to the dataset meanwhile."""
    name = f"{dataset.name}_writes"
    admin_dsn = admin_url()
    started = time.perf_counter()
    with psycopg.connect(admin_dsn, autocommit=True) as admin:
        drop(admin, name)
        version = admin.info.server_version
        # FILE_COPY (PostgreSQL 15's choice) copies files instead of logging every block.
        strategy = sql.SQL(" STRATEGY FILE_COPY") if version >= 150000 else sql.SQL("")
        admin.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}{}").format(
                sql.Identifier(name), sql.Identifier(dataset.name), strategy
            )
        )
    log(f"{name}: copied from {dataset.name} in {time.perf_counter() - started:.1f} s")
    return url_for(admin_dsn, name)


def drop_copy(dataset: Dataset) -> None:
    with psycopg.connect(admin_url(), autocommit=True) as admin:
        drop(admin, f"{dataset.name}_writes")


def server_version() -> str:
    with psycopg.connect(admin_url()) as connection:
        row = connection.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "?"


def settle(log: Log, *, patience_s: float = 120.0) -> None:
    """Let the server finish the work a bulk load or a previous run left behind before the next
    run starts: dirty buffers written now (CHECKPOINT) and no autovacuum worker busy. Without
    it, the checkpoint after loading 1M tickets or autovacuum after a write run lands on
    whichever door happens to run next (PostgreSQL CPU per request tripled for that door)."""
    with psycopg.connect(admin_url(), autocommit=True) as admin:
        admin.execute("CHECKPOINT")
        started = time.monotonic()
        deadline = started + patience_s
        waited = False
        while time.monotonic() < deadline:
            row = admin.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'"
            ).fetchone()
            if not row or row[0] == 0:
                break
            waited = True
            time.sleep(0.5)
        else:
            log(f"autovacuum still busy after {patience_s:.0f} s: measuring anyway")
        if waited:
            log(f"waited {time.monotonic() - started:.0f} s for autovacuum to finish")
            admin.execute("CHECKPOINT")  # what autovacuum wrote, too
