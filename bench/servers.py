"""Starting the API and the baseline, finding their worker processes, sampling their memory."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx

from bench.database import PROJECT_ROOT

_READY_TIMEOUT_S = 60.0
_SAMPLE_EVERY_S = 0.2


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _children_by_parent() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as stat:
                # The command name is in parentheses and may hold spaces; fields follow it.
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def _cmdline(pid: int) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return cmdline.read()
    except OSError:
        return b""


def rss_kib(pid: int) -> int | None:
    """VmRSS of a process in KiB, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


@dataclass
class Memory:
    """The largest resident size seen for each worker process, and for the supervisor."""

    workers: dict[int, int] = field(default_factory=dict)  # pid -> max KiB
    supervisor_kib: int = 0

    @property
    def max_worker_mib(self) -> float:
        return max(self.workers.values(), default=0) / 1024

    def merge(self, other: Memory) -> Memory:
        workers = dict(self.workers)
        for pid, kib in other.workers.items():
            workers[pid] = max(kib, workers.get(pid, 0))
        return Memory(workers, max(self.supervisor_kib, other.supervisor_kib))


class Server:
    """A uvicorn server with N workers, in a process group of its own, and a memory sampler."""

    def __init__(
        self,
        name: str,
        command: list[str],
        env: dict[str, str],
        workers: int,
        log_path: Path,
        cwd: Path = PROJECT_ROOT,
    ) -> None:
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.expected_workers = workers
        self.memory = Memory()
        self._command = [part.replace("{port}", str(self.port)) for part in command]
        self._env = {**os.environ, **env}
        self._log_path = log_path
        self._cwd = cwd
        self._log: IO[bytes] | None = None
        self._log_start = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._stop_sampling = threading.Event()
        self._sampler: threading.Thread | None = None

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def start(self) -> None:
        self._log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = self._log_path.open("ab")
        self._log_start = self._log.tell()
        self._process = subprocess.Popen(  # noqa: S603 (our own commands)
            self._command,
            cwd=self._cwd,
            env=self._env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_ready()
        self._sampler = threading.Thread(target=self._sample, name=f"rss-{self.name}", daemon=True)
        self._sampler.start()

    def _wait_ready(self) -> None:
        assert self._process is not None
        deadline = time.monotonic() + _READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise SystemExit(f"{self.name} exited at start; see {self._log_path}")
            # A worker still importing or training the classifier leaves every connection wrk
            # opens to the others: wait until each has said it is serving.
            if self._workers_serving() >= self.expected_workers and self._answers():
                return
            time.sleep(0.2)
        self.stop()
        raise SystemExit(f"{self.name} did not become ready; see {self._log_path}")

    def _workers_serving(self) -> int:
        """Workers that logged uvicorn's "Application startup complete." since this start."""
        with self._log_path.open("rb") as log:
            log.seek(self._log_start)
            return log.read().count(b"Application startup complete.")

    def _answers(self) -> bool:
        try:
            return httpx.get(self.url + "/healthz", timeout=2.0).status_code == 200
        except httpx.HTTPError:
            return False

    def worker_pids(self) -> list[int]:
        """uvicorn's worker processes (spawned by multiprocessing), or the server itself when it
        runs a single process."""
        if self._process is None:
            return []
        children = _children_by_parent()
        found: list[int] = []
        pending = list(children.get(self._process.pid, []))
        while pending:
            pid = pending.pop()
            if b"spawn_main" in _cmdline(pid):
                found.append(pid)
            pending.extend(children.get(pid, []))
        if not found and self.expected_workers == 1:
            return [self._process.pid]
        return sorted(found)

    def _sample(self) -> None:
        assert self._process is not None
        supervisor = self._process.pid
        while not self._stop_sampling.is_set():
            for pid in self.worker_pids():
                kib = rss_kib(pid)
                if kib is not None:
                    self.memory.workers[pid] = max(kib, self.memory.workers.get(pid, 0))
            kib = rss_kib(supervisor)
            if kib is not None:
                self.memory.supervisor_kib = max(kib, self.memory.supervisor_kib)
            self._stop_sampling.wait(_SAMPLE_EVERY_S)

    def stop(self) -> None:
        self._stop_sampling.set()
        if self._sampler is not None:
            self._sampler.join()
            self._sampler = None
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            # The group is the one this server was started in (start_new_session).
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None


def api_server(
    database_url: str, workers: int, log_path: Path, root: Path = PROJECT_ROOT
) -> Server:
    """`python -m graphql_api serve` from `root`: this checkout, or another one (a worktree of
    a branch, say) to compare, with the same interpreter and the same datasets."""
    command = [sys.executable, "-m", "graphql_api", "serve"]
    command += ["--workers", str(workers), "--port", "{port}"]
    # No LLM: the benchmark's creates give a category and a priority, so none is asked.
    env = {"DATABASE_URL": database_url, "OPENAI_API_KEY": "", "DEBUG": "false"}
    return Server("api", command, env, workers, log_path, cwd=root)


def baseline_server(database_url: str, workers: int, log_path: Path) -> Server:
    from bench.baseline import DSN_VARIABLE

    command = [sys.executable, "-m", "bench.baseline", "--port", "{port}"]
    command += ["--workers", str(workers)]
    return Server("baseline", command, {DSN_VARIABLE: database_url}, workers, log_path)
