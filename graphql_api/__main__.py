"""Command line: `python -m graphql_api {serve,migrate,export-schema} --help`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from graphql_api.settings import Settings, get_settings


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    uvicorn.run(
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
        "--workers", type=int, default=1, help="worker processes (default %(default)s)"
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
