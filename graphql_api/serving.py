"""`serve --workers N`: every worker listens on a socket of its own, so the kernel spreads the
connections between them.

uvicorn's supervisor binds one socket and hands it to every worker. The worker whose event loop
wakes first accepts a whole burst of new connections, and keep-alive connections stay with the
worker that accepted them: in one benchmark run in ten, one worker served all 32 connections while
the other sat idle, at 60 % of the throughput (see README, Performance). Here each worker binds
the address itself with SO_REUSEPORT (Linux), and the kernel hands each new connection to one of
the sockets by a hash of its addresses. uvicorn's supervisor still starts, watches, restarts and
stops the workers; only the server that each worker runs is ours. Elsewhere, or with one worker,
`uvicorn.run` as it is.
"""

from __future__ import annotations

import logging
import socket
import sys
from typing import Any

import uvicorn
from uvicorn.supervisors import multiprocess

logger = logging.getLogger("uvicorn.error")


def own_sockets_supported() -> bool:
    return sys.platform == "linux" and hasattr(socket, "SO_REUSEPORT")


def reuse_port_socket(host: str, port: int) -> socket.socket:
    """A socket bound to the address in its SO_REUSEPORT group (not yet listening)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


class OwnSocketServer(uvicorn.Server):
    """A worker's server that listens on a socket of its own instead of the one it was given."""

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=[reuse_port_socket(self.config.host, self.config.port)])


class OwnSocketProcess(multiprocess.Process):
    """uvicorn's worker process, running `OwnSocketServer`."""

    @property
    def server(self) -> uvicorn.Server:
        if self._server is None:
            self._server = OwnSocketServer(config=self.config)
        return self._server


def serve(app: str, *, host: str, port: int, workers: int, **options: Any) -> None:
    """`uvicorn.run(app, ...)`, but with several workers on Linux each on a socket of its own."""
    if workers <= 1 or not own_sockets_supported():
        uvicorn.run(app, host=host, port=port, workers=workers, **options)
        return
    config = uvicorn.Config(app, host=host, port=port, workers=workers, **options)
    # Fail here, once, if the address is taken, rather than in every worker, which uvicorn would
    # restart without end.
    try:
        reuse_port_socket(host, port).close()
    except OSError as error:
        raise SystemExit(f"cannot listen on {host}:{port}: {error.strerror}") from None
    # uvicorn's supervisor builds its workers from this name: the one change made to it.
    multiprocess.Process = OwnSocketProcess  # type: ignore[misc]
    logger.info(
        "Uvicorn running on http://%s:%d, %d workers on their own sockets", host, port, workers
    )
    multiprocess.Multiprocess(config, sockets=[]).run()
