"""The command line: ``validate`` a data folder, or serve the dashboard (the default).

The server itself is passed in by ``app.py`` so that this package never imports Dash.

Examples
--------
``python app.py validate --data data/`` prints the report and exits 1 on any error;
``python app.py --port 8060`` serves the dashboard on http://127.0.0.1:8060;
``python app.py export --chart network --year 1927 --format png --out charts/`` writes a chart.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable, Sequence

from .dataset import DEFAULT_DATA_DIR, Dataset, DatasetError, check_folder, load_dataset
from .vocabulary import CHARTS, VIEWS

__all__ = ["build_parser", "main", "print_problems", "EXIT_OK", "EXIT_INVALID", "EXIT_USAGE"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
PRINTED_MAX = 200  # errors printed; the rest are counted

Serve = Callable[[Dataset, str, int, bool], None]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser: serve options at the top, one sub-command per task."""
    data_option = argparse.ArgumentParser(add_help=False)
    data_option.add_argument("--data", type=Path, metavar="DIR", default=argparse.SUPPRESS,
                             help=f"data folder with the six CSV tables (default: {DEFAULT_DATA_DIR})")
    parser = argparse.ArgumentParser(
        prog="python app.py",
        description="Oppositions in the Russian Communist Party, 1919-1941: a dashboard of "
                    "faction membership, year by year. Without a command, serves the dashboard.",
        parents=[data_option],
    )
    _serve_options(parser, None)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("validate", parents=[data_option],
                        help="check a data folder and print every problem, located by file, row and column")
    _serve_options(commands.add_parser("serve", parents=[data_option], help="serve the dashboard (the default)"),
                   argparse.SUPPRESS)  # "serve --port 8060" as well as "--port 8060 serve"

    filters = argparse.ArgumentParser(add_help=False)
    group = filters.add_argument_group("what to draw (the dashboard's filters)")
    group.add_argument("--year", type=int, help="the year (default: the data's opening year, 1921 on the shipped data)")
    group.add_argument("--from", dest="first", type=int, metavar="YEAR",
                       help="first year of a set (with --to): one file per year")
    group.add_argument("--to", dest="last", type=int, metavar="YEAR", help="last year of a set")
    group.add_argument("--factions", help="comma-separated faction ids (default: all)")
    group.add_argument("--persons", help="comma-separated person ids (default: all)")
    group.add_argument("--undisputed", action="store_true",
                       help="leave out the memberships, fates and events that sources dispute")
    group.add_argument("--view", default="bipartite", choices=VIEWS,
                       help="network view (default: bipartite)")
    group.add_argument("--out", type=Path, default=Path("exports"), metavar="DIR",
                       help="folder to write into, created if needed (default: exports/)")

    export = commands.add_parser(
        "export", parents=[data_option, filters],
        help="write charts as PNG, SVG or standalone HTML",
        description="Write charts as files named by what they hold (network-1927.png). "
                    "Example: python app.py export --chart all --from 1920 --to 1938 --format png,svg,html")
    export.add_argument("--chart", default="network",
                        help=f"chart name(s), comma-separated, or all: {', '.join(CHARTS)}")
    export.add_argument("--format", default=None,
                        help="png, svg, html, comma-separated (default: png); with --animate: html (default), "
                             "mp4, gif, webm")
    export.add_argument("--width", type=int, help="pixels (default: the chart's own, 1200)")
    export.add_argument("--height", type=int, help="pixels (default: the chart's own)")
    export.add_argument("--scale", type=float, default=None, help="PNG pixel density (default: 1)")
    export.add_argument("--preset", choices=("screen", "slide", "print"), default=None,
                        help="a ready size: screen (1200x840), slide (1920x1080, text enlarged for a "
                             "classroom), print (A4 landscape, twice as sharp); --width/--height/--scale override")
    export.add_argument("--plotlyjs", choices=["inline", "cdn"], default="inline",
                        help="HTML: plotly.js inside the file (works offline) or loaded from a CDN")
    export.add_argument("--animate", action="store_true",
                        help="network only: every year as a frame: one HTML with a slider and a play button, "
                             "or a video (--format mp4,gif,webm; 1920x1080 unless --width/--height)")
    export.add_argument("--seconds-per-year", type=float, default=1.5, metavar="S",
                        help="video: how long each year is shown (default: 1.5)")
    export.add_argument("--no-fade", action="store_true", help="video: cut from year to year, no cross-fade")

    data = commands.add_parser(
        "export-data", parents=[data_option, filters],
        help="write the network as CSV, GraphML, GEXF (with time intervals) or JSON",
        description="Write the network the dashboard shows, with attributes. Example: "
                    "python app.py export-data --year 1927 --format graphml,gexf --out data-out/")
    data.add_argument("--format", default="csv", help="csv, graphml, gexf, json, comma-separated")
    data.add_argument("--table", metavar="CHART", default=None,
                      help="instead of the network, the table of a chart as the dashboard's Table shows it, as "
                           "CSV (comma-separated, or all): network, timeline, overlap, flows, fates")
    data.add_argument("--package", action="store_true",
                      help="the whole dataset instead: one zip of the CSV tables, datapackage.json, the data "
                           "README and the licence, named with its version (the view's options do not apply)")
    return parser


def _serve_options(parser: argparse.ArgumentParser, default) -> None:
    """--host, --port and --debug; on the ``serve`` command their defaults are left to the top."""
    def given(value):
        return default if default is argparse.SUPPRESS else value

    parser.add_argument("--host", default=given("127.0.0.1"),
                        help="address to listen on (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=int, default=given(8050), help="port (default: 8050)")
    parser.add_argument("--debug", action="store_true", default=given(False),
                        help="Dash debug mode: reloads and shows tracebacks; never on a public server")


def main(argv: Sequence[str] | None = None, serve: Serve | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    folder = getattr(args, "data", None) or DEFAULT_DATA_DIR
    if args.command == "validate":
        return _print_report(check_folder(folder))
    exporting = args.command in ("export", "export-data")
    try:
        dataset = load_dataset(folder)  # a second start on the same files reads what was validated
    except DatasetError:
        print(f"Cannot {'export from' if exporting else 'serve'} {folder}: the data has errors.", file=sys.stderr)
        _print_report(check_folder(folder))
        return EXIT_INVALID
    if exporting:
        from .export_cli import run_export

        return run_export(args, dataset)
    if serve is None:
        print("No server is available from this entry point; run python app.py", file=sys.stderr)
        return EXIT_USAGE
    print(f"Serving {dataset.title} on http://{args.host}:{args.port}/ (Ctrl+C to stop)")
    serve(dataset, args.host, args.port, args.debug)
    return EXIT_OK


def _print_report(report) -> int:
    """Print errors (to stderr) and warnings, then the one-line summary; return the exit code."""
    print_problems(report.errors)
    if report.ok:
        for problem in report.warnings:
            print(f"warning: {problem}")
    print(report.summary())
    return EXIT_OK if report.ok else EXIT_INVALID


def print_problems(errors) -> None:
    """The first :data:`PRINTED_MAX` errors on stderr, one per line, and the count of the rest."""
    for problem in errors[:PRINTED_MAX]:
        print(f"error: {problem}", file=sys.stderr)
    if len(errors) > PRINTED_MAX:
        print(f"... and {len(errors) - PRINTED_MAX:,} more errors", file=sys.stderr)
