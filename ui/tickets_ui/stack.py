"""Start the API and the UI together: `make run`, the browser tests and the UI's container use it.

    python -m tickets_ui.stack [--api-port 8000] [--ui-port 3000] [--host 127.0.0.1]

The API (`python -m graphql_api migrate`, then `serve`) and Reflex's production server
(`reflex run --env prod`: the built frontend and Reflex's backend on one port) each run in a
process group of their own; Ctrl-C or SIGTERM stops both. This module imports nothing from
Reflex or from graphql_api, so it is cheap to import from tests.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import FrameType, TracebackType
from typing import NoReturn

UI_DIR = Path(__file__).resolve().parent.parent
ROOT = UI_DIR.parent
TOOLS = ROOT / ".tools"

BUN_VERSION = "1.4.4"
"""Reflex 0.10.1's minimum; the Makefile installs this version from the npm registry."""

_BUN_PACKAGES = {
    "x86_64": "bun-linux-x64",
    "amd64": "bun-linux-x64",
    "aarch64": "bun-linux-aarch64",
    "arm64": "bun-linux-aarch64",
}


def bun_package(machine: str | None = None) -> str:
    """The npm package holding bun's binary for this machine, e.g. `@oven/bun-linux-x64`."""
    machine = (machine or platform.machine()).lower()
    try:
        return f"@oven/{_BUN_PACKAGES[machine]}"
    except KeyError:
        raise SystemExit(f"no bun package known for machine {machine!r}") from None


def bun_path() -> Path:
    """REFLEX_BUN_PATH when set (the UI's image puts bun elsewhere), else the Makefile's."""
    configured = os.environ.get("REFLEX_BUN_PATH", "").strip()
    if configured:
        return Path(configured)
    return TOOLS / "bun" / "node_modules" / bun_package() / "bin" / "bun"


def reflex_env(api_url: str, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment Reflex runs in: bun from the project, caches in the project, no phoning
    home (telemetry and the version check off)."""
    env = dict(os.environ if base is None else base)
    env.update(
        API_URL=api_url,
        REFLEX_BUN_PATH=str(bun_path()),
        REFLEX_TELEMETRY_ENABLED="false",
        REFLEX_CHECK_LATEST_VERSION="false",
        PYTHONUNBUFFERED="1",
    )
    env.setdefault("REFLEX_DIR", str(TOOLS / "reflex"))
    env.setdefault("BUN_INSTALL_CACHE_DIR", str(TOOLS / "bun-cache"))
    # Reflex's own API_URL setting is the address of its backend, which in production is the
    # page's own port; never let the API's address leak into it.
    env.pop("REFLEX_API_URL", None)
    return env


def ui_command(port: int, host: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "reflex",
        "run",
        "--env",
        "prod",
        "--frontend-port",
        str(port),
        "--backend-port",
        str(port),
        "--backend-host",
        host,
    ]


def api_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "graphql_api", *args]


class Service:
    """A child process in a process group of its own, stopped with the whole group."""

    def __init__(
        self,
        name: str,
        argv: Sequence[str],
        *,
        cwd: Path,
        env: Mapping[str, str],
        log: Path | None = None,
    ) -> None:
        self.name = name
        self._log = log.open("ab") if log is not None else None
        self.process = subprocess.Popen(  # noqa: S603 (argv built here, no shell)
            list(argv),
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT if self._log is not None else None,
            start_new_session=True,
        )

    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self, grace_s: float = 10.0) -> None:
        if self.running():
            self._signal(signal.SIGTERM)
            try:
                self.process.wait(grace_s)
            except subprocess.TimeoutExpired:
                self._signal(signal.SIGKILL)
                self.process.wait(grace_s)
        else:
            # The leader is gone; make sure no worker of its group outlives it.
            self._signal(signal.SIGKILL)
        if self._log is not None:
            self._log.close()
            self._log = None

    def _signal(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signum)

    def __enter__(self) -> Service:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self.stop()


def wait_for_http(url: str, service: Service, timeout_s: float) -> None:
    """Return once `url` answers 200; fail at once if the service exits first."""
    deadline = time.monotonic() + timeout_s
    while True:
        if not service.running():
            raise RuntimeError(f"{service.name} exited with code {service.process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (our own URL)
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{service.name} did not answer {url} within {timeout_s:.0f} s")
        time.sleep(0.25)


@contextlib.contextmanager
def running_stack(
    *, api_port: int, ui_port: int, host: str, log_dir: Path | None = None
) -> Iterator[tuple[Service, Service]]:
    """Migrate, then start the API and the UI; both stop when the block ends."""
    api_env = dict(os.environ)
    subprocess.run(api_command("migrate"), cwd=ROOT, env=api_env, check=True)  # noqa: S603
    api_url = f"http://127.0.0.1:{api_port}"
    log = (lambda name: log_dir / f"{name}.log") if log_dir is not None else (lambda _name: None)
    with (
        Service(
            "API",
            api_command("serve", "--host", host, "--port", str(api_port)),
            cwd=ROOT,
            env=api_env,
            log=log("api"),
        ) as api,
        Service(
            "UI", ui_command(ui_port, host), cwd=UI_DIR, env=reflex_env(api_url), log=log("ui")
        ) as ui,
    ):
        wait_for_http(f"{api_url}/healthz", api, timeout_s=60)
        wait_for_http(f"http://127.0.0.1:{ui_port}/", ui, timeout_s=600)
        yield api, ui


def _interrupt(_signum: int, _frame: FrameType | None) -> NoReturn:
    raise KeyboardInterrupt


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tickets_ui.stack",
        description="Start the API and the UI together; Ctrl-C stops both.",
    )
    parser.add_argument("--api-port", type=int, default=8000)
    parser.add_argument("--ui-port", type=int, default=3000)
    parser.add_argument("--host", default="127.0.0.1", help="interface the servers listen on")
    parser.add_argument(
        "--ui-only",
        action="store_true",
        help="start only the UI, for an API that runs elsewhere (at API_URL)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not bun_path().exists():
        print(f"bun is missing at {bun_path()}: run `make install`", file=sys.stderr)
        return 1
    # Ctrl-C, and SIGTERM (docker stop, kill), stop both servers; SIGINT is set explicitly since
    # a shell starts background jobs with it ignored.
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    shown = "127.0.0.1" if args.host in {"0.0.0.0", "::"} else args.host  # noqa: S104
    try:
        if args.ui_only:
            api_url = os.environ.get("API_URL", "").strip() or "http://127.0.0.1:8000"
            with Service(
                "UI", ui_command(args.ui_port, args.host), cwd=UI_DIR, env=reflex_env(api_url)
            ) as ui:
                wait_for_http(f"http://127.0.0.1:{args.ui_port}/", ui, timeout_s=600)
                print(f"\n  UI: http://{shown}:{args.ui_port}/ (API at {api_url})\n", flush=True)
                return ui.process.wait()
        with running_stack(api_port=args.api_port, ui_port=args.ui_port, host=args.host) as (
            api,
            ui,
        ):
            print(
                f"\n  UI:  http://{shown}:{args.ui_port}/\n"
                f"  API: http://{shown}:{args.api_port}/graphql\n\n"
                "  Ctrl-C stops both.\n",
                flush=True,
            )
            while api.running() and ui.running():
                time.sleep(0.5)
            stopped = api if not api.running() else ui
            print(
                f"{stopped.name} stopped (exit code {stopped.process.returncode})", file=sys.stderr
            )
            return 1
    except KeyboardInterrupt:
        print("\nstopped", file=sys.stderr)
        return 0
    except (RuntimeError, TimeoutError) as error:
        print(f"could not start: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
