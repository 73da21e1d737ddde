"""CPU time spent during a run, by whom: the server under test, PostgreSQL, wrk, everyone else.

On a shared 2-core machine req/s depends on what else runs; CPU time per request much less so.
PostgreSQL's share counts every PostgreSQL process of the machine (backends that exit during the
run are counted through the postmaster's reaped-children times), so it includes other clients
of the same server, if any.
"""

from __future__ import annotations

import os
import resource
from collections.abc import Sequence
from dataclasses import dataclass

_TICK = float(os.sysconf("SC_CLK_TCK"))


def _stat_fields(pid: int | str) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            # Fields after the command name (in parentheses, may hold spaces): state is [0].
            return stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None


def process_seconds(pid: int) -> float:
    fields = _stat_fields(pid)
    return (int(fields[11]) + int(fields[12])) / _TICK if fields else 0.0


def _comm(pid: str) -> str:
    try:
        with open(f"/proc/{pid}/comm", encoding="utf-8", errors="replace") as comm:
            return comm.read().strip()
    except OSError:
        return ""


def _postgres_seconds() -> float:
    """Every PostgreSQL process's CPU time, plus the children the postmaster has reaped."""
    total = 0.0
    pids = {entry.name for entry in os.scandir("/proc") if entry.name.isdigit()}
    postgres = {pid for pid in pids if _comm(pid) == "postgres"}
    for pid in postgres:
        fields = _stat_fields(pid)
        if fields is None:
            continue
        total += (int(fields[11]) + int(fields[12])) / _TICK
        if fields[1] not in postgres:  # the postmaster: add its reaped backends
            total += (int(fields[13]) + int(fields[14])) / _TICK
    return total


def _machine_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot."""
    with open("/proc/stat", encoding="ascii") as stat:
        values = [int(value) for value in stat.readline().split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    total = sum(values[:8])  # guest time is already counted in user
    return (total - idle) / _TICK, total / _TICK


@dataclass(frozen=True, slots=True)
class Snapshot:
    busy_s: float
    total_s: float
    server_s: float
    postgres_s: float
    children_s: float


def snapshot(server_pids: Sequence[int]) -> Snapshot:
    busy, total = _machine_seconds()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Snapshot(
        busy_s=busy,
        total_s=total,
        server_s=sum(process_seconds(pid) for pid in server_pids),
        postgres_s=_postgres_seconds(),
        children_s=children.ru_utime + children.ru_stime,
    )


@dataclass(frozen=True, slots=True)
class CpuUse:
    """CPU seconds over a run."""

    capacity_s: float  # every core, the whole run
    server_s: float
    postgres_s: float
    wrk_s: float
    others_s: float

    @classmethod
    def between(cls, start: Snapshot, end: Snapshot) -> CpuUse:
        server = end.server_s - start.server_s
        postgres = end.postgres_s - start.postgres_s
        wrk = end.children_s - start.children_s
        busy = end.busy_s - start.busy_s
        return cls(
            capacity_s=end.total_s - start.total_s,
            server_s=server,
            postgres_s=postgres,
            wrk_s=wrk,
            others_s=max(0.0, busy - server - postgres - wrk),
        )

    @property
    def others_share(self) -> float:
        return self.others_s / self.capacity_s if self.capacity_s else 0.0
