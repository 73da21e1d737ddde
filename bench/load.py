"""Load with wrk (the scripts in bench/wrk/), and single-request latency with httpx."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.database import Log
from bench.scenarios import Call

WRK_DIR = Path(__file__).resolve().parent / "wrk"
_RESULT_PREFIX = "BENCH_RESULT "


@dataclass(frozen=True, slots=True)
class WrkResult:
    requests: int
    duration_s: float
    p50_ms: float
    p99_ms: float
    errors: int  # socket errors, timeouts and non-2xx/3xx answers
    timeouts: int

    @property
    def rps(self) -> float:
        return self.requests / self.duration_s if self.duration_s else 0.0


def ensure_wrk(log: Log) -> str:
    """wrk's path; installs Debian's package when it is missing and we may."""
    found = shutil.which("wrk")
    if found:
        return found
    apt_get = shutil.which("apt-get")
    if os.geteuid() == 0 and apt_get:
        log("wrk is missing: apt-get install -y wrk")
        subprocess.run([apt_get, "install", "-y", "wrk"], check=False, capture_output=True)  # noqa: S603
        found = shutil.which("wrk")
        if found:
            return found
    raise SystemExit("wrk is missing: install it (Debian/Ubuntu: sudo apt-get install -y wrk)")


@dataclass(frozen=True, slots=True)
class LoadSettings:
    wrk: str
    connections: int
    threads: int
    timeout_s: int = 30


def run_wrk(settings: LoadSettings, base_url: str, call: Call, duration_s: float) -> WrkResult:
    env = {**os.environ, "BENCH_WRK_DIR": str(WRK_DIR)}
    if call.patch is not None:
        script = WRK_DIR / "patch.lua"
        env["BENCH_PATCH_MODE"] = call.patch.mode
        env["BENCH_MIN_ID"] = str(call.patch.min_id)
        env["BENCH_MAX_ID"] = str(call.patch.max_id)
        env["BENCH_GRAPHQL_QUERY"] = json.dumps(call.patch.graphql_query)
    else:
        script = WRK_DIR / "fixed.lua"
        env["BENCH_METHOD"] = call.method
        env["BENCH_BODY"] = call.body.decode() if call.body is not None else ""
    command = [
        settings.wrk,
        f"--threads={settings.threads}",
        f"--connections={settings.connections}",
        f"--duration={max(1, round(duration_s))}s",
        f"--timeout={settings.timeout_s}s",
        "--latency",
        f"--script={script}",
        base_url + call.path,
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    for line in done.stdout.splitlines():
        if line.startswith(_RESULT_PREFIX):
            raw = json.loads(line.removeprefix(_RESULT_PREFIX))
            errors = sum(
                raw[key]
                for key in ("connect_errors", "read_errors", "write_errors", "status_errors")
            )
            return WrkResult(
                requests=raw["requests"],
                duration_s=raw["duration_us"] / 1e6,
                p50_ms=raw["p50_us"] / 1e3,
                p99_ms=raw["p99_us"] / 1e3,
                errors=errors + raw["timeouts"],
                timeouts=raw["timeouts"],
            )
    raise SystemExit(f"wrk gave no result ({done.returncode}):\n{done.stdout}\n{done.stderr}")


def single_request_ms(base_url: str, call: Call, *, warmup: int = 10, samples: int = 20) -> float:
    """Median latency of `samples` sequential requests on one keep-alive connection, after
    `warmup` others (the first ones pay for connections and prepared statements)."""
    timings: list[float] = []
    with httpx.Client(base_url=base_url, timeout=60.0) as client:
        for index in range(warmup + samples):
            started = time.perf_counter()
            response = client.request(
                call.method,
                call.path,
                content=call.body,
                headers={"Content-Type": "application/json"} if call.body else None,
            )
            elapsed = time.perf_counter() - started
            if response.status_code >= 300:
                raise SystemExit(f"{call.method} {call.path}: {response.status_code}")
            if index >= warmup:
                timings.append(elapsed * 1e3)
    return statistics.median(timings)
