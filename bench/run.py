"""`python -m bench run`: every size, every scenario, every door, one table."""

from __future__ import annotations

import os
import platform
import shlex
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from bench import cpu, database
from bench.database import PROJECT_ROOT, Dataset
from bench.load import LoadSettings, WrkResult, ensure_wrk, run_wrk, single_request_ms
from bench.report import Measurement, MemoryRow, Results, size_label
from bench.scenarios import (
    API_DOORS,
    DEEP_ROWS,
    UPDATE_QUERY,
    Call,
    Door,
    Scenario,
    graphql,
    read_scenarios,
    write_scenarios,
)
from bench.servers import Memory, Server, api_server, baseline_server

RESULTS_DIR = PROJECT_ROOT / "bench" / "results"


@dataclass(frozen=True, slots=True)
class Options:
    sizes: list[int]
    duration_s: float
    warmup_s: float
    workers: int
    connections: int
    threads: int
    days: int
    seed: int
    reload: bool
    scenarios: frozenset[str] | None
    output: Path | None
    quick: bool
    api_root: Path = PROJECT_ROOT


def log(message: str) -> None:
    """Progress on stderr: stdout carries the results only."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _door_server(door: Door, api: Server, baseline: Server) -> Server:
    return api if door in API_DOORS else baseline


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _check(door: Door, call: Call, response: httpx.Response) -> Any:
    """The answer's JSON when it is a success; SystemExit naming the problem otherwise."""
    what = f"{door} {call.method} {call.path}"
    if response.status_code not in (200, 201):
        raise SystemExit(f"{what}: HTTP {response.status_code}: {response.text[:500]}")
    body = _json(response)
    if door == "graphql":
        if not isinstance(body, dict) or body.get("errors") or not body.get("data"):
            raise SystemExit(f"{what}: GraphQL errors: {response.text[:500]}")
        for value in body["data"].values():
            typename = value.get("__typename") if isinstance(value, dict) else None
            if typename not in (None, "Ticket"):
                raise SystemExit(f"{what}: answered a {typename}: {response.text[:500]}")
    return body


def _send(client: httpx.Client, call: Call) -> httpx.Response:
    headers = {"Content-Type": "application/json"} if call.body else None
    return client.request(call.method, call.path, content=call.body, headers=headers)


def check_reads(scenario: Scenario, api: Server, baseline: Server) -> list[str]:
    """Every door answers the scenario successfully, and the API and the baseline answer the
    same thing (so the baseline does the same work). Returns the differences found."""
    answers: dict[Door, Any] = {}
    for door, call in scenario.calls.items():
        with httpx.Client(base_url=_door_server(door, api, baseline).url, timeout=60) as client:
            response = _send(client, call)
        body = _check(door, call, response)
        answers[door] = (body, response.headers.get("x-total-count"))
    problems = []
    for door in API_DOORS:
        reference = scenario.reference(door)
        if door not in answers or reference is None or reference not in answers:
            continue
        ours, theirs = answers[door], answers[reference]
        if door == "graphql" and reference == "baseline":
            # Same SQL, other shapes (stats): compare what both say.
            same = ours[0]["data"]["stats"]["totalTickets"] == theirs[0]["total_tickets"]
        else:
            same = ours == theirs
        if not same:
            problems.append(f"{scenario.key}: {door} and {reference} answer differently")
    return problems


def check_writes(scenario: Scenario, api: Server, baseline: Server) -> None:
    for door, call in scenario.calls.items():
        if call.patch is not None:
            ticket = call.patch.min_id
            if call.patch.mode == "graphql":
                call = graphql(UPDATE_QUERY, {"id": str(ticket), "status": "OPEN"})
            else:
                call = Call("PATCH", f"/api/tickets/{ticket}/", b'{"status": "open"}')
        with httpx.Client(base_url=_door_server(door, api, baseline).url, timeout=60) as client:
            _check(door, call, _send(client, call))


def deep_cursor(api: Server) -> str:
    """The endCursor after DEEP_ROWS tickets, paged through GraphQL as a client would."""
    query = (
        "query Deep($after: String) { tickets(first: 100, after: $after) "
        "{ pageInfo { endCursor hasNextPage } } }"
    )
    after: str | None = None
    with httpx.Client(base_url=api.url, timeout=60) as client:
        for _ in range(DEEP_ROWS // 100):
            call = graphql(query, {"after": after} if after else None)
            body = _check("graphql", call, _send(client, call))
            after = body["data"]["tickets"]["pageInfo"]["endCursor"]
    if after is None:
        raise SystemExit("the list is empty: no deep page")
    return after


class Runner:
    def __init__(self, options: Options, load: LoadSettings) -> None:
        self.options = options
        self.load = load
        self.measurements: list[Measurement] = []
        self.memory: list[MemoryRow] = []
        self.notes: list[str] = []
        self.logs = RESULTS_DIR / "logs"

    def _servers(self, url: str, tag: str) -> tuple[Server, Server]:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        workers = self.options.workers
        return (
            api_server(url, workers, self.logs / f"{stamp}-{tag}-api.log", self.options.api_root),
            baseline_server(url, workers, self.logs / f"{stamp}-{tag}-baseline.log"),
        )

    def _wanted(self, scenarios: Sequence[Scenario]) -> list[Scenario]:
        chosen = self.options.scenarios
        return [s for s in scenarios if chosen is None or s.key in chosen]

    def measure(self, tickets: int, scenario: Scenario, api: Server, baseline: Server) -> None:
        runs: list[tuple[Door, WrkResult, cpu.CpuUse, float]] = []
        # Doors take turns within a scenario, so a burst of other work on the machine hits
        # one scenario's doors alike rather than one door's scenarios.
        for door, call in scenario.calls.items():
            server = _door_server(door, api, baseline)
            database.settle(log)
            loadavg = os.getloadavg()[0]
            if self.options.warmup_s > 0:
                run_wrk(self.load, server.url, call, self.options.warmup_s)
            workers = server.worker_pids()
            before = cpu.snapshot(workers)
            result = run_wrk(self.load, server.url, call, self.options.duration_s)
            runs.append((door, result, cpu.CpuUse.between(before, cpu.snapshot(workers)), loadavg))
        # One request at a time after the load, when every pooled connection of every worker
        # has prepared the scenario's statements: the steady state, not the first requests.
        singles: dict[Door, float] = {}
        if scenario.single:
            for door, call in scenario.calls.items():
                singles[door] = single_request_ms(_door_server(door, api, baseline).url, call)
        for door, result, used, loadavg in runs:
            single = singles.get(door)
            self.measurements.append(
                Measurement(tickets, scenario, door, result, single, loadavg, used)
            )
            errors = f", {result.errors} errors" if result.errors else ""
            one = f", 1 req {single:.1f} ms" if single is not None else ""
            per_request = 1e3 / result.requests if result.requests else 0.0
            log(
                f"{size_label(tickets)} {scenario.key} {door}: {result.rps:,.1f} req/s, "
                f"p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms{one}{errors}; "
                f"CPU/req server {used.server_s * per_request:.1f} ms, "
                f"PG {used.postgres_s * per_request:.1f} ms; "
                f"others {used.others_share:.0%} of the machine (load {loadavg:.1f})"
            )

    def size(self, tickets: int) -> None:
        options = self.options
        dataset = database.prepare(
            tickets, days=options.days, seed=options.seed, reload=options.reload, log=log
        )
        memory = {"api": Memory(), "baseline": Memory()}
        reads = self._wanted(read_scenarios("?"))
        if reads:
            api, baseline = self._servers(dataset.url, f"{dataset.name}-reads")
            with api, baseline:
                scenarios = self._wanted(read_scenarios(deep_cursor(api)))
                for scenario in scenarios:
                    self.notes += check_reads(scenario, api, baseline)
                for scenario in scenarios:
                    self.measure(tickets, scenario, api, baseline)
            memory = {"api": api.memory, "baseline": baseline.memory}
        writes = self._wanted(write_scenarios(dataset.min_id, dataset.max_id))
        if writes:
            self._writes(dataset, writes, memory)
        for server in ("api", "baseline"):
            self.memory.append(MemoryRow(tickets, server, memory[server]))

    def _writes(
        self, dataset: Dataset, scenarios: list[Scenario], memory: dict[str, Memory]
    ) -> None:
        copy_url = database.writable_copy(dataset, log)
        try:
            api, baseline = self._servers(copy_url, f"{dataset.name}-writes")
            with api, baseline:
                for scenario in scenarios:
                    check_writes(scenario, api, baseline)
                for scenario in scenarios:
                    self.measure(dataset.tickets, scenario, api, baseline)
            memory["api"] = memory["api"].merge(api.memory)
            memory["baseline"] = memory["baseline"].merge(baseline.memory)
        finally:
            database.drop_copy(dataset)


def _command_output(command: Sequence[str]) -> str:
    try:
        done = subprocess.run(  # noqa: S603 (our own commands)
            command, cwd=PROJECT_ROOT, capture_output=True, text=True, check=False
        )
    except OSError:
        return ""
    return (done.stdout or done.stderr).strip()


def code_version() -> str:
    commit = _command_output(["git", "rev-parse", "--short", "HEAD"]) or "?"
    changed = _command_output(["git", "status", "--porcelain", "--", "graphql_api", "migrations"])
    if changed:
        commit += f" + uncommitted changes in {len(changed.splitlines())} files of graphql_api/"
        commit += ", migrations/"
    return commit


def _machine(code_at_start: str) -> Mapping[str, str]:
    model = "?"
    memory = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            model = next(
                (
                    line.split(":", 1)[1].strip()
                    for line in cpuinfo
                    if line.startswith("model name")
                ),
                "?",
            )
        with open("/proc/meminfo", encoding="utf-8") as meminfo:
            kib = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
            memory = f"{kib / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    code = code_version()
    if code != code_at_start:
        code = (
            f"{code_at_start} at the start, {code} at the end (servers restart per size and phase)"
        )
    return {
        "machine": f"{model}, {os.cpu_count()} CPUs, {memory} RAM, {platform.platform()}",
        "PostgreSQL": database.server_version(),
        "Python": platform.python_version(),
        "wrk": (_command_output(["wrk", "-v"]).splitlines() or ["?"])[0],
        "code": code,
    }


def render(
    options: Options, runner: Runner, started: datetime, code: str, argv: Sequence[str]
) -> str:
    results = Results(runner.measurements, runner.memory)
    loads = [m.loadavg for m in runner.measurements]
    created = {
        m.tickets: m.load.requests
        for m in runner.measurements
        if m.scenario.key == "create" and m.door == "rest"
    }
    lines = [f"# Benchmark {started:%Y-%m-%d %H:%M}", ""]
    lines += [f"- {key}: {value}" for key, value in _machine(code).items()]
    lines += [
        f"- command: `python -m bench {' '.join(shlex.quote(arg) for arg in argv)}`",
        f"- API: `python -m graphql_api serve --workers {options.workers}`"
        + (f" from {options.api_root}" if options.api_root != PROJECT_ROOT else "")
        + "; baseline: "
        f"bench/baseline.py on uvicorn with {options.workers} workers (same SQL through a "
        "psycopg pool, no ORM, no GraphQL)",
        f"- wrk: {options.threads} threads, {options.connections} connections, "
        f"{options.duration_s:g} s per run after {options.warmup_s:g} s of warm-up, on the "
        "same machine, each run after a CHECKPOINT with no autovacuum busy; 1 req: median "
        "of 20 sequential requests (httpx, keep-alive) after 10, "
        "measured after the load runs of the scenario (warm connections and statements)",
        "- CPU ms/req: CPU time of the server's workers, and of PostgreSQL (every process of "
        "the server), per request over the run; others: CPU used by every other process "
        "(other engineers' tests...) as a share of the whole machine during the run"
        + (f"; 1-minute load average {min(loads):.1f} to {max(loads):.1f}" if loads else ""),
        "- vs baseline: req/s over the baseline's for the same SQL (GraphQL lists: the "
        "keyset SQL, `baseline-gql`); vs original: req/s over the original's, or its latency "
        "over ours (1 req); the original was measured at 10k and 1M only",
        "- writes: create and patch run after the reads, on a copy of the dataset "
        "(`bench_<size>_writes`), so every read sees the loaded size"
        + (
            "; creates added "
            + ", ".join(f"{n:,} rows at {size_label(t)} (rest)" for t, n in created.items())
            + " and as many again per other door"
            if created
            else ""
        ),
        "",
        results.table(),
        "",
        "Memory (VmRSS, maximum over the run, sampled every 0.2 s):",
        "",
        *results.memory_lines(),
        "",
        "Goals of the performance issue:",
        "",
        *results.goal_lines(),
    ]
    if runner.notes:
        lines += ["", "Checks:", "", *(f"- {note}" for note in runner.notes)]
    return "\n".join(lines) + "\n"


def run(options: Options, argv: Sequence[str]) -> int:
    started = datetime.now()
    code = code_version()
    load = LoadSettings(
        wrk=ensure_wrk(log), connections=options.connections, threads=options.threads
    )
    runner = Runner(options, load)
    for tickets in options.sizes:
        runner.size(tickets)
    report = render(options, runner, started, code, argv)
    output = options.output or RESULTS_DIR / (
        f"{started:%Y-%m-%d-%H%M}{'-quick' if options.quick else ''}.md"
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report, encoding="utf-8")
    print(report)
    print(f"written to {output}")
    return 0
