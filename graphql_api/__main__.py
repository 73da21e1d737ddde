"""Command line: `python -m graphql_api COMMAND --help` (serve, migrate, seed, ...)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from graphql_api.settings import Settings, get_settings

if TYPE_CHECKING:
    from graphql_api.classifier import PartialAnswer
    from graphql_api.classifier.evaluation import Evaluation
    from graphql_api.classifier.local import LocalClassifier


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from graphql_api.serving import serve

    serve(
        "graphql_api.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="info",
        access_log=False,
        proxy_headers=False,
    )
    return 0


def _migrate(args: argparse.Namespace, settings: Settings) -> int:
    from graphql_api.migrate import upgrade

    upgrade(settings, args.revision)
    return 0


def _export_schema(args: argparse.Namespace, settings: Settings) -> int:
    from graphql_api.schema import export_schema

    sdl = export_schema(settings)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != sdl:
            print(f"{args.output} differs from the code; run export-schema", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(sdl, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


def _eval_classifier(args: argparse.Namespace, settings: Settings) -> int:
    import asyncio

    from graphql_api.classifier.evaluation import evaluate, load_labelled
    from graphql_api.classifier.local import LocalClassifier

    try:
        tickets = [ticket for path in args.files for ticket in load_labelled(path)]
    except (OSError, ValueError) as error:
        print(f"cannot read the labelled tickets: {error}", file=sys.stderr)
        return 2
    local = LocalClassifier()
    if args.classifier == "local":
        print(_render(asyncio.run(evaluate(tickets, _local_predict(local))), args, "local rules"))
        return 0

    from graphql_api.classifier.llm import LlmClassifier

    llm = LlmClassifier.from_settings(settings)
    if llm is None:
        print("no OPENAI_API_KEY: the LLM cannot be evaluated", file=sys.stderr)
        return 2

    async def run() -> str:
        async def predict(text: str) -> PartialAnswer:
            # As the service does: a field the LLM leaves unusable is filled by the local rules.
            return (await llm.classify(text)).completed_by(local.classify(text))

        try:
            evaluation = await evaluate(tickets, predict)
        finally:
            await llm.close()
        return _render(evaluation, args, f"LLM {settings.openai_model} ({llm.output_mode})")

    print(asyncio.run(run()))
    return 0


def _seed(args: argparse.Namespace, settings: Settings) -> int:
    import asyncio
    import time

    from graphql_api.seed import seed

    started = time.perf_counter()
    inserted = asyncio.run(seed(settings, args.tickets, days=args.days, seed=args.seed))
    print(f"inserted {inserted} tickets in {time.perf_counter() - started:.1f} s")
    return 0


def _local_predict(local: LocalClassifier) -> Callable[[str], Awaitable[PartialAnswer]]:
    async def predict(text: str) -> PartialAnswer:
        return local.classify(text)

    return predict


def _render(evaluation: Evaluation, args: argparse.Namespace, name: str) -> str:
    return evaluation.render(f"{name} on {' + '.join(str(path) for path in args.files)}")


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m graphql_api",
        description="Support ticket service. Settings come from the environment and .env.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="serve the API (GraphQL and REST) over HTTP")
    serve.add_argument("--host", default="127.0.0.1", help="interface (default %(default)s)")
    serve.add_argument("--port", type=int, default=8000, help="port (default %(default)s)")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes, on Linux each listening on a socket of its own (default "
        "%(default)s)",
    )
    serve.set_defaults(run=_serve)

    migrate = commands.add_parser("migrate", help="upgrade DATABASE_URL to the latest schema")
    migrate.add_argument("--revision", default="head", help="target (default %(default)s)")
    migrate.set_defaults(run=_migrate)

    export = commands.add_parser("export-schema", help="write the GraphQL SDL to a file")
    export.add_argument(
        "--output", type=Path, default=Path("schema.graphql"), help="(default %(default)s)"
    )
    export.add_argument(
        "--check", action="store_true", help="exit 1 if the file differs, without writing"
    )
    export.set_defaults(run=_export_schema)

    evaluate = commands.add_parser(
        "eval-classifier", help="measure a classifier on labelled JSONL files, pooled"
    )
    evaluate.add_argument(
        "files",
        metavar="FILE",
        nargs="*",
        type=Path,
        default=[Path("data/triage/holdout.jsonl")],
        help="labelled tickets, measured together (default data/triage/holdout.jsonl; "
        "data/triage/holdout*.jsonl: every set never used for tuning)",
    )
    evaluate.add_argument(
        "--classifier",
        choices=["local", "llm"],
        default="local",
        help="local rules, or the configured LLM (OPENAI_*) completed by them "
        "(default %(default)s)",
    )
    evaluate.set_defaults(run=_eval_classifier)

    seed = commands.add_parser(
        "seed", help="add realistic demo tickets (deterministic for a seed) in bulk"
    )
    seed.add_argument("--tickets", type=_positive, required=True, help="how many to add")
    seed.add_argument(
        "--days",
        type=_positive,
        default=365,
        help="spread over the last D days (default %(default)s)",
    )
    seed.add_argument("--seed", type=int, default=1, help="random seed (default %(default)s)")
    seed.set_defaults(run=_seed)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = get_settings()
    except ValidationError as error:
        for problem in error.errors():
            name = ".".join(str(part) for part in problem["loc"]).upper()
            print(f"invalid setting {name}: {problem['msg']}", file=sys.stderr)
        return 2
    result: int = args.run(args, settings)
    return result


if __name__ == "__main__":
    sys.exit(main())
