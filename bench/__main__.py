"""Command line: `python -m bench run`, `profile` and `sqlite`; see `python -m bench --help`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from bench.database import DEFAULT_ADMIN_URL, PROJECT_ROOT

FULL_SIZES = "10000,100000,1000000"
SCENARIOS = ("stats", "search", "filter", "first", "deep", "create", "patch")


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError("a comma-separated list of ticket counts") from None
    if not sizes or min(sizes) < 1000:
        raise argparse.ArgumentTypeError("at least one size, each of 1000 tickets or more")
    return sizes


def _scenarios(text: str) -> frozenset[str]:
    chosen = frozenset(part.strip() for part in text.split(",") if part.strip())
    unknown = chosen - set(SCENARIOS)
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"choose among {', '.join(SCENARIOS)}")
    return chosen


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmarks of the API (REST and GraphQL) against a raw baseline and the "
        "original implementation's figures, on PostgreSQL, loaded with wrk.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser(
        "run",
        help="load the datasets, run every scenario, print and save the table",
        description="For each size: create (or reuse) the database bench_<size> on the "
        f"server of BENCH_DATABASE_URL (default {DEFAULT_ADMIN_URL}, an admin connection), "
        "migrate and seed it with python -m graphql_api, serve the API and the baseline, run "
        "the read scenarios, then the write scenarios on a copy. Prints one markdown table "
        "and writes it to bench/results/.",
    )
    run.add_argument(
        "--sizes",
        type=_sizes,
        default=None,
        help=f"ticket counts, comma-separated (default {FULL_SIZES}; --quick: 10000)",
    )
    run.add_argument(
        "--duration",
        type=float,
        default=None,
        help="seconds of wrk per scenario and door (default 10; --quick: 3)",
    )
    run.add_argument(
        "--warmup",
        type=float,
        default=None,
        help="seconds of wrk before each measured run, not counted (default 2; --quick: 1)",
    )
    run.add_argument(
        "--workers", type=_positive, default=2, help="server workers (default %(default)s)"
    )
    run.add_argument(
        "--connections", type=_positive, default=32, help="wrk connections (default %(default)s)"
    )
    run.add_argument(
        "--threads", type=_positive, default=2, help="wrk threads (default %(default)s)"
    )
    run.add_argument(
        "--scenarios",
        type=_scenarios,
        default=None,
        help=f"only these, comma-separated, among {','.join(SCENARIOS)} (default all)",
    )
    run.add_argument(
        "--days", type=_positive, default=365, help="seed: spread over D days (default 365)"
    )
    run.add_argument("--seed", type=int, default=1, help="seed: random seed (default 1)")
    run.add_argument(
        "--reload", action="store_true", help="reload the datasets even when already loaded"
    )
    run.add_argument(
        "--output", type=Path, default=None, help="markdown file (default bench/results/...)"
    )
    run.add_argument(
        "--api-root",
        type=Path,
        default=None,
        help="serve the API from another checkout (e.g. a git worktree of a branch) with the "
        "same interpreter and datasets, to measure a change before and after (default: this "
        "one)",
    )
    run.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: 10k tickets only, 3 s per scenario (options given still win)",
    )
    profile = commands.add_parser(
        "profile",
        help="sample the API's workers with py-spy under one scenario's load",
        description="Serve on a loaded dataset (as run does), load one scenario through one "
        "door with wrk, sample every worker with py-spy, and print where the time goes.",
    )
    profile.add_argument("scenario", choices=SCENARIOS)
    profile.add_argument("door", choices=("rest", "graphql", "baseline", "baseline-gql"))
    profile.add_argument(
        "--size", type=_positive, default=10_000, help="tickets (default %(default)s)"
    )
    profile.add_argument(
        "--duration", type=float, default=10.0, help="seconds sampled (default %(default)s)"
    )
    profile.add_argument("--workers", type=_positive, default=2, help="(default %(default)s)")
    profile.add_argument("--connections", type=_positive, default=32, help="(default %(default)s)")
    profile.add_argument("--threads", type=_positive, default=2, help="(default %(default)s)")
    profile.add_argument(
        "--rate", type=_positive, default=200, help="samples a second (default %(default)s)"
    )
    profile.add_argument("--top", type=_positive, default=30, help="lines (default %(default)s)")
    profile.add_argument("--py-spy", default=None, help="py-spy's path (default: the one on PATH)")
    profile.add_argument(
        "--api-root", type=Path, default=None, help="serve the API from another checkout"
    )
    sqlite = commands.add_parser(
        "sqlite",
        help="single requests on SQLite, the embedded default",
        description="Load a SQLite file in bench/results/ with migrate and seed (once), serve "
        "the API with one worker and print each read scenario's median latency through REST "
        "and GraphQL.",
    )
    sqlite.add_argument("--tickets", type=_positive, default=100_000, help="(default %(default)s)")
    sqlite.add_argument("--days", type=_positive, default=365, help="(default %(default)s)")
    sqlite.add_argument("--seed", type=int, default=1, help="(default %(default)s)")
    sqlite.add_argument("--reload", action="store_true", help="load the file again")
    return parser


def _profile(args: argparse.Namespace) -> int:
    from bench.profile import ProfileOptions, profile

    return profile(
        ProfileOptions(
            tickets=args.size,
            scenario=args.scenario,
            door=args.door,
            duration_s=args.duration,
            workers=args.workers,
            connections=args.connections,
            threads=args.threads,
            rate=args.rate,
            py_spy=args.py_spy,
            top=args.top,
            api_root=(args.api_root or PROJECT_ROOT).resolve(),
        )
    )


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(arguments)
    if args.command == "profile":
        return _profile(args)
    if args.command == "sqlite":
        from bench.sqlite import run_sqlite

        return run_sqlite(args.tickets, days=args.days, seed=args.seed, reload=args.reload)
    from bench.run import Options, run

    quick: bool = args.quick
    options = Options(
        sizes=args.sizes or _sizes("10000" if quick else FULL_SIZES),
        duration_s=args.duration if args.duration is not None else (3.0 if quick else 10.0),
        warmup_s=args.warmup if args.warmup is not None else (1.0 if quick else 2.0),
        workers=args.workers,
        connections=args.connections,
        threads=args.threads,
        days=args.days,
        seed=args.seed,
        reload=args.reload,
        scenarios=args.scenarios,
        output=args.output,
        quick=quick,
        api_root=(args.api_root or PROJECT_ROOT).resolve(),
    )
    return run(options, arguments)


if __name__ == "__main__":
    sys.exit(main())
