"""Single requests on SQLite, the embedded default: is it pleasant at this size?

`python -m bench sqlite --tickets 100000` loads a SQLite file with the project's own commands
(`migrate`, `seed`), serves the API with one worker, and prints the median latency of each read
scenario through REST and GraphQL (sequential requests on one keep-alive connection).
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.database import run_cli
from bench.load import single_request_ms
from bench.run import log
from bench.scenarios import read_scenarios
from bench.servers import api_server

RESULTS = Path(__file__).resolve().parent / "results"


def run_sqlite(tickets: int, *, days: int, seed: int, reload: bool) -> int:
    (RESULTS / "logs").mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"sqlite_{tickets}.db"
    url = f"sqlite+aiosqlite:///{path}"
    if reload or not path.exists():
        for stale in RESULTS.glob(f"sqlite_{tickets}.db*"):
            stale.unlink()
        started = time.perf_counter()
        run_cli(["migrate"], url)
        run_cli(["seed", "--tickets", str(tickets), "--days", str(days), "--seed", str(seed)], url)
        log(f"{path.name}: loaded {tickets:,} tickets in {time.perf_counter() - started:.0f} s")
    size_mb = sum(part.stat().st_size for part in RESULTS.glob(f"sqlite_{tickets}.db*")) / 1e6
    rows = [
        f"SQLite, {tickets:,} tickets ({size_mb:,.0f} MB), one worker, median of 20 sequential "
        "requests after 10:",
        "",
        "| scenario | REST ms | GraphQL ms |",
        "|---|---|---|",
    ]
    with api_server(url, 1, RESULTS / "logs" / f"sqlite_{tickets}.log") as api:
        # The deep page's cursor is not needed: the scenarios below only read pages by filter.
        for scenario in read_scenarios(deep_cursor=""):
            if "rest" not in scenario.calls:
                continue
            rest = single_request_ms(api.url, scenario.calls["rest"])
            graphql = single_request_ms(api.url, scenario.calls["graphql"])
            rows.append(f"| {scenario.label} | {rest:.1f} | {graphql:.1f} |")
    print("\n".join(rows))
    return 0
