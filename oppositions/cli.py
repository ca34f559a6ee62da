"""The command line: ``validate`` a data folder, or serve the dashboard (the default).

The server itself is passed in by ``app.py`` so that this package never imports Dash.

Examples
--------
``python app.py validate --data data/`` prints the report and exits 1 on any error;
``python app.py --port 8060`` serves the dashboard on http://127.0.0.1:8060.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable, Sequence

from .dataset import DEFAULT_DATA_DIR, Dataset, check_folder

__all__ = ["build_parser", "main", "EXIT_OK", "EXIT_INVALID", "EXIT_USAGE"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

Serve = Callable[[Dataset, str, int, bool], None]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser: serve options at the top, one sub-command per task."""
    data_option = argparse.ArgumentParser(add_help=False)
    data_option.add_argument("--data", type=Path, metavar="DIR", default=argparse.SUPPRESS,
                             help=f"data folder with the six CSV tables (default: {DEFAULT_DATA_DIR})")
    parser = argparse.ArgumentParser(
        prog="python app.py",
        description="Oppositions in the Russian Communist Party, 1919-1938: a dashboard of "
                    "faction membership, year by year. Without a command, serves the dashboard.",
        parents=[data_option],
    )
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=int, default=8050, help="port (default: 8050)")
    parser.add_argument("--debug", action="store_true",
                        help="Dash debug mode: reloads and shows tracebacks; never on a public server")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("validate", parents=[data_option],
                        help="check a data folder and print every problem, located by file, row and column")
    commands.add_parser("serve", parents=[data_option], help="serve the dashboard (the default)")
    return parser


def main(argv: Sequence[str] | None = None, serve: Serve | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    folder = getattr(args, "data", None) or DEFAULT_DATA_DIR
    report = check_folder(folder)
    if args.command == "validate":
        return _print_report(report)
    if not report.ok:
        print(f"Cannot serve {folder}: the data has errors.", file=sys.stderr)
        _print_report(report)
        return EXIT_INVALID
    if serve is None:
        print("No server is available from this entry point; run python app.py", file=sys.stderr)
        return EXIT_USAGE
    print(f"Serving {report.dataset.title} on http://{args.host}:{args.port}/ (Ctrl+C to stop)")
    serve(report.dataset, args.host, args.port, args.debug)
    return EXIT_OK


def _print_report(report) -> int:
    """Print errors (to stderr) and warnings, then the one-line summary; return the exit code."""
    for problem in report.errors:
        print(f"error: {problem}", file=sys.stderr)
    if report.ok:
        for problem in report.warnings:
            print(f"warning: {problem}")
    print(report.summary())
    return EXIT_OK if report.ok else EXIT_INVALID
