"""`python -m bench profile`: where an API worker's time goes under one scenario's load.

Serves the API on a loaded dataset, loads it with wrk and samples every worker with py-spy
(not a project dependency: install it into a throwaway venv, e.g.
`python3 -m venv /tmp/py-spy && /tmp/py-spy/bin/pip install py-spy`, and pass --py-spy or put it
on PATH). Writes the collapsed stacks (for speedscope.app or flamegraph.pl) to bench/results/
and prints the functions with the largest share of samples, inclusive and self.
"""

from __future__ import annotations

import collections
import re
import shutil
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bench import database
from bench.load import LoadSettings, ensure_wrk, run_wrk
from bench.run import RESULTS_DIR, deep_cursor, log
from bench.scenarios import Door, read_scenarios, write_scenarios
from bench.servers import Server, api_server, baseline_server

_FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^()]*?)(?::\d+)?\)$")


@dataclass(frozen=True, slots=True)
class ProfileOptions:
    tickets: int
    scenario: str
    door: Door
    duration_s: float
    workers: int
    connections: int
    threads: int
    rate: int
    py_spy: str | None
    top: int
    api_root: Path = database.PROJECT_ROOT


def _short(frame: str) -> str:
    match = _FRAME.match(frame)
    if match is None:
        return frame
    path = match["file"].split("site-packages/")[-1].replace(str(database.PROJECT_ROOT) + "/", "")
    return f"{match['function']} ({path})"


def summarise(paths: Iterable[Path], top: int) -> str:
    """Inclusive and self shares of the samples in py-spy's collapsed (raw) stacks."""
    inclusive: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    total = 0
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            stack, _, count = line.rpartition(" ")
            if not stack or not count.isdigit():
                continue
            samples = int(count)
            total += samples
            frames = [_short(frame) for frame in stack.split(";")]
            for frame in set(frames):
                inclusive[frame] += samples
            own[frames[-1]] += samples
    if not total:
        return "no samples"
    lines = [f"{total} samples", "", "inclusive:"]
    lines += [f"{100 * n / total:5.1f} %  {name}" for name, n in inclusive.most_common(top)]
    lines += ["", "self:"]
    lines += [f"{100 * n / total:5.1f} %  {name}" for name, n in own.most_common(top)]
    return "\n".join(lines)


def profile(options: ProfileOptions) -> int:
    py_spy = options.py_spy or shutil.which("py-spy")
    if py_spy is None:
        raise SystemExit(
            "py-spy not found: python3 -m venv /tmp/py-spy && /tmp/py-spy/bin/pip install "
            "py-spy, then pass --py-spy /tmp/py-spy/bin/py-spy"
        )
    load = LoadSettings(ensure_wrk(log), options.connections, options.threads)
    dataset = database.prepare(options.tickets, days=365, seed=1, reload=False, log=log)
    writes = options.scenario in ("create", "patch")
    url = database.writable_copy(dataset, log) if writes else dataset.url
    stamp = time.strftime("%Y%m%d-%H%M%S")
    logs = RESULTS_DIR / "logs"
    try:
        server: Server
        if options.door in ("rest", "graphql"):
            log_path = logs / f"{stamp}-profile-api.log"
            server = api_server(url, options.workers, log_path, options.api_root)
        else:
            server = baseline_server(url, options.workers, logs / f"{stamp}-profile-base.log")
        with server:
            if writes:
                scenarios = write_scenarios(dataset.min_id, dataset.max_id)
            else:
                cursor_source = server
                if options.door not in ("rest", "graphql"):
                    cursor_source = api_server(url, 1, logs / f"{stamp}-profile-cursor.log")
                    cursor_source.start()
                try:
                    scenarios = read_scenarios(deep_cursor(cursor_source))
                finally:
                    if cursor_source is not server:
                        cursor_source.stop()
            scenario = next(s for s in scenarios if s.key == options.scenario)
            call = scenario.calls.get(options.door)
            if call is None:
                raise SystemExit(f"{options.scenario} has no {options.door} door")
            run_wrk(load, server.url, call, 2)  # warm-up
            outputs = [
                RESULTS_DIR / f"profile-{stamp}-{options.scenario}-{options.door}-{pid}.txt"
                for pid in server.worker_pids()
            ]
            samplers = [
                subprocess.Popen(  # noqa: S603 (py-spy, chosen by the user)
                    [
                        py_spy,
                        "record",
                        "--pid",
                        str(pid),
                        "--duration",
                        str(round(options.duration_s)),
                        "--rate",
                        str(options.rate),
                        "--format",
                        "raw",
                        "--nonblocking",
                        "--output",
                        str(output),
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                )
                for pid, output in zip(server.worker_pids(), outputs, strict=True)
            ]
            result = run_wrk(load, server.url, call, options.duration_s + 1)
            for sampler in samplers:
                _, errors = sampler.communicate()
                if sampler.returncode != 0:
                    raise SystemExit(f"py-spy failed: {errors.decode(errors='replace')}")
    finally:
        if writes:
            database.drop_copy(dataset)
    print(
        f"{options.scenario} {options.door} at {options.tickets:,} tickets: "
        f"{result.rps:,.1f} req/s, p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms "
        "(slowed a little by the sampling)"
    )
    print(summarise(outputs, options.top))
    print("collapsed stacks: " + ", ".join(str(path) for path in outputs))
    return 0
