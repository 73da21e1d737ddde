"""`serve --workers 2` as users run it: each worker listens on a socket of its own (Linux).

With one shared socket, the worker that wakes first takes a whole burst of new connections and
keeps them (see graphql_api/serving.py); with a socket each, the kernel spreads them. What the
kernel shows is checked: one listening socket per worker on the port, each answering.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from graphql_api.serving import own_sockets_supported, reuse_port_socket
from tests.support.servers import free_port
from tests.test_cli import ROOT, cli

pytestmark = pytest.mark.skipif(not own_sockets_supported(), reason="SO_REUSEPORT: Linux only")
STARTUP_S = 60  # a guard against a hang, not a measurement


def listening_sockets(port: int) -> int:
    """How many IPv4 sockets listen on the port (state 0A in /proc/net/tcp)."""
    lines = Path("/proc/net/tcp").read_text().splitlines()[1:]
    fields = (line.split() for line in lines)
    return sum(1 for f in fields if int(f[1].split(":")[1], 16) == port and f[3] == "0A")


def serve(tmp_path: Path, port: int, workers: int) -> subprocess.Popen[str]:
    migrated = cli("migrate", cwd=tmp_path)
    assert migrated.returncode == 0, migrated.stderr
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'cli.db'}"
    environment["OPENAI_API_KEY"] = ""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "graphql_api",
            "serve",
            "--port",
            str(port),
            "--workers",
            f"{workers}",
        ],
        cwd=tmp_path,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def stop(server: subprocess.Popen[str]) -> str:
    server.send_signal(signal.SIGTERM)
    output, _ = server.communicate(timeout=STARTUP_S)
    return output


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[tuple[int, subprocess.Popen[str]]]:
    port = free_port()
    server = serve(tmp_path, port, workers=2)
    try:
        deadline = time.monotonic() + STARTUP_S
        while listening_sockets(port) < 2 and server.poll() is None:
            assert time.monotonic() < deadline, "the workers did not start listening"
            time.sleep(0.1)
        yield port, server
    finally:
        if server.poll() is None:
            stop(server)


def test_each_worker_listens_on_a_socket_of_its_own(
    two_workers: tuple[int, subprocess.Popen[str]],
) -> None:
    port, server = two_workers
    assert server.poll() is None
    assert listening_sockets(port) == 2
    # Fresh connections, each answered, whichever socket the kernel chose.
    for _ in range(20):
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            assert client.get("/healthz").status_code == 200


def test_stops_on_sigterm_with_its_workers(
    two_workers: tuple[int, subprocess.Popen[str]],
) -> None:
    port, server = two_workers
    output = stop(server)
    assert server.returncode == 0, output
    assert listening_sockets(port) == 0


def test_an_address_in_use_fails_at_once_naming_it(tmp_path: Path) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        server = serve(tmp_path, port, workers=2)
        output, _ = server.communicate(timeout=STARTUP_S)
    finally:
        taken.close()
    assert server.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}: Address already in use" in output
    assert "Traceback" not in output


def test_reuse_port_sockets_share_an_address() -> None:
    first = reuse_port_socket("127.0.0.1", 0)
    port = first.getsockname()[1]
    second = reuse_port_socket("127.0.0.1", port)
    try:
        assert second.getsockname()[1] == port
    finally:
        first.close()
        second.close()
