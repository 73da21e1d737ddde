"""The results: one table (markdown), memory, and the issue's goals checked against them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bench import original
from bench.cpu import CpuUse
from bench.load import WrkResult
from bench.scenarios import Door, Scenario
from bench.servers import Memory

MEMORY_GOAL_MIB = 200

# What a goal checked: a name, the figure, whether it meets the goal, and maybe a note.
Check = tuple[str, float, bool] | tuple[str, float, bool, str]


@dataclass(frozen=True, slots=True)
class Measurement:
    tickets: int
    scenario: Scenario
    door: Door
    load: WrkResult
    single_ms: float | None
    loadavg: float  # 1-minute load average when the run started
    cpu: CpuUse


@dataclass(frozen=True, slots=True)
class MemoryRow:
    tickets: int
    server: str  # "api" or "baseline"
    memory: Memory


def size_label(tickets: int) -> str:
    if tickets % 1_000_000 == 0:
        return f"{tickets // 1_000_000}M"
    if tickets % 1_000 == 0:
        return f"{tickets // 1_000}k"
    return f"{tickets:,}"


def _rps(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _ms(value: float) -> str:
    if value < 1:
        return f"{value:.2f}"
    return f"{value:.1f}" if value < 100 else f"{value:,.0f}"


def _times(ratio: float) -> str:
    return f"x{ratio:.1f}" if ratio < 10 else f"x{ratio:,.0f}"


def _cpu_ms(m: Measurement) -> float | None:
    """Server and PostgreSQL CPU milliseconds per request: the cost of one request."""
    if not m.load.requests:
        return None
    return (m.cpu.server_s + m.cpu.postgres_s) * 1e3 / m.load.requests


def _cpu(m: Measurement) -> str:
    if not m.load.requests:
        return ""
    per_request = 1e3 / m.load.requests
    return f"{m.cpu.server_s * per_request:.1f}+{m.cpu.postgres_s * per_request:.1f}"


class Results:
    def __init__(self, measurements: Sequence[Measurement], memory: Sequence[MemoryRow]) -> None:
        self.measurements = list(measurements)
        self.memory = list(memory)
        self._by_key = {(m.tickets, m.scenario.key, m.door): m for m in self.measurements}

    def find(self, tickets: int, scenario: str, door: Door) -> Measurement | None:
        return self._by_key.get((tickets, scenario, door))

    def vs_baseline(self, m: Measurement) -> float | None:
        reference = m.scenario.reference(m.door)
        base = self.find(m.tickets, m.scenario.key, reference) if reference else None
        if base is None or not base.load.rps:
            return None
        return m.load.rps / base.load.rps

    @staticmethod
    def vs_original_load(m: Measurement) -> float | None:
        figure = original.load_rps(m.scenario.key, m.tickets)
        return m.load.rps / figure if figure else None

    @staticmethod
    def vs_original_single(m: Measurement) -> float | None:
        figure = original.single_ms(m.scenario.key, m.tickets)
        return figure / m.single_ms if figure and m.single_ms else None

    def table(self) -> str:
        header = (
            "| size | scenario | door | req/s | p50 ms | p99 ms | vs baseline | vs original "
            "| 1 req ms | 1 req vs original | CPU ms/req server+PG | others | errors |"
        )
        lines = [header, "|" + "---|" * header.count(" | ") + "---|"]
        for m in self.measurements:
            base = self.vs_baseline(m)
            load_ratio = self.vs_original_load(m)
            single_ratio = self.vs_original_single(m)
            cells = [
                size_label(m.tickets),
                m.scenario.label,
                m.door,
                _rps(m.load.rps),
                _ms(m.load.p50_ms),
                _ms(m.load.p99_ms),
                f"{base:.0%}" if base is not None else "",
                _times(load_ratio) if load_ratio is not None else "",
                _ms(m.single_ms) if m.single_ms is not None else "",
                _times(single_ratio) if single_ratio is not None else "",
                _cpu(m),
                f"{m.cpu.others_share:.0%}",
                f"{m.load.errors:,}" if m.load.errors else "",
            ]
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)

    def memory_lines(self) -> list[str]:
        lines = []
        for row in self.memory:
            workers = sorted(row.memory.workers.values())
            each = ", ".join(f"{kib / 1024:.0f}" for kib in workers) or "none seen"
            lines.append(
                f"- {size_label(row.tickets)}, {row.server}: max resident per worker "
                f"{each} MiB ({len(workers)} worker processes over the read and write phases; "
                f"supervisor {row.memory.supervisor_kib / 1024:.0f} MiB)"
            )
        return lines

    def goal_lines(self) -> list[str]:
        return [
            *self._single_goals(),
            *self._load_goals(),
            *self._baseline_goals(),
            *self._flat_goals(),
            *self._memory_goals(),
        ]

    def _single_goals(self) -> Iterable[str]:
        checked = [
            (m, ratio)
            for m in self.measurements
            if m.tickets == 1_000_000
            and m.door in ("rest", "graphql")
            and (ratio := self.vs_original_single(m)) is not None
        ]
        if checked:
            yield _goal(
                "single requests at 1M at least x20 faster than the original",
                [(f"{m.scenario.key} {m.door}", ratio, ratio >= 20) for m, ratio in checked],
            )

    def _load_goals(self) -> Iterable[str]:
        for door, target in (("rest", 4.0), ("graphql", 2.5)):
            checked = [
                (m, ratio)
                for m in self.measurements
                if m.tickets == 10_000
                and m.door == door
                and m.scenario.key in ("create", "filter", "patch", "stats")
                and (ratio := self.vs_original_load(m)) is not None
            ]
            if checked:
                yield _goal(
                    f"{door} under load at 10k at least x{target:g} the original's req/s",
                    [(m.scenario.key, ratio, ratio >= target) for m, ratio in checked],
                )

    def _baseline_goals(self) -> Iterable[str]:
        for door, target in (("rest", 0.6), ("graphql", 0.4)):
            checked = [
                (m, ratio)
                for m in self.measurements
                if m.door == door and (ratio := self.vs_baseline(m)) is not None
            ]
            if checked:
                yield _goal(
                    f"{door} at least {target:.0%} of the baseline's req/s",
                    [
                        (f"{m.scenario.key}@{size_label(m.tickets)}", ratio, ratio >= target)
                        for m, ratio in checked
                    ],
                    percent=True,
                )

    def _flat_goals(self) -> Iterable[str]:
        sizes = sorted({m.tickets for m in self.measurements})
        if len(sizes) < 2:
            return
        small, large = sizes[0], sizes[-1]
        checked: list[Check] = []
        for m in self.measurements:
            if m.tickets != small or m.scenario.writes or m.door not in ("rest", "graphql"):
                continue
            big = self.find(large, m.scenario.key, m.door)
            if big is None:
                continue
            # The same SQL on the baseline grows too when the page fills up (a rare word
            # matches 1 row at 10k, 100 at 1M): its growth is shown beside ours.
            reference = m.scenario.reference(m.door)
            base_small = self.find(small, m.scenario.key, reference) if reference else None
            base_large = self.find(large, m.scenario.key, reference) if reference else None
            for what, ours_small, ours_large, base_s, base_l in (
                (
                    "CPU/req",
                    _cpu_ms(m),
                    _cpu_ms(big),
                    _cpu_ms(base_small) if base_small else None,
                    _cpu_ms(base_large) if base_large else None,
                ),
                (
                    "1 req",
                    m.single_ms,
                    big.single_ms,
                    base_small.single_ms if base_small else None,
                    base_large.single_ms if base_large else None,
                ),
            ):
                if not ours_small or not ours_large:
                    continue
                costlier = ours_large / ours_small
                note = f" (baseline {_times(base_l / base_s)})" if base_s and base_l else ""
                name = f"{m.scenario.key} {m.door} {what}"
                checked.append((name, costlier, costlier <= 2, note))
        if checked:
            yield _goal(
                f"flat cost: at {size_label(large)} at most x2 the cost at {size_label(small)} "
                "(server+PostgreSQL CPU per request under load, and 1 request's latency)",
                checked,
            )

    def _memory_goals(self) -> Iterable[str]:
        rows = [row for row in self.memory if row.server == "api"]
        if rows:
            yield _goal(
                f"API resident memory under {MEMORY_GOAL_MIB} MB a worker",
                [
                    (
                        size_label(row.tickets),
                        row.memory.max_worker_mib,
                        row.memory.max_worker_mib < MEMORY_GOAL_MIB,
                    )
                    for row in rows
                ],
                unit=" MiB",
            )


def _goal(
    title: str,
    checks: Sequence[Check],
    *,
    percent: bool = False,
    unit: str = "",
) -> str:
    met = all(check[2] for check in checks)

    def show(check: Check) -> str:
        name, value = check[0], check[1]
        note = check[3] if len(check) > 3 else ""
        if percent:
            return f"{name} {value:.0%}{note}"
        return f"{name} {f'{value:.0f}{unit}' if unit else _times(value)}{note}"

    missed = [show(check) for check in checks if not check[2]]
    detail = "; ".join(show(check) for check in checks)
    if met:
        return f"- met: {title} ({detail})"
    return f"- NOT met: {title}: missed by {'; '.join(missed)} (all: {detail})"
