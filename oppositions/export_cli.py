"""The ``export`` and ``export-data`` commands: check the request, write the files, summarise."""

from __future__ import annotations

import contextlib
import sys
import tempfile
import time
from pathlib import Path

from tqdm import tqdm

from .dataset import Dataset
from .export import (
    CHARTS,
    DATA_FORMATS,
    IMAGE_FORMATS,
    PRESETS,
    ExportError,
    Filters,
    animated_network,
    build_chart,
    chart_bytes,
    data_bytes,
    export_graph,
    file_name,
    image_server,
    write_atomic,
)
from .network import network_for
from .package import package_bytes, package_name
from .span import span_of
from .video import VIDEO_FORMATS, frames_of, write_video

__all__ = ["run_export"]

EXIT_OK, EXIT_USAGE = 0, 2


def run_export(args, dataset: Dataset) -> int:
    """Run ``export`` or ``export-data``; a bad request prints one clear line and returns 2."""
    started = time.monotonic()
    try:
        years, since = _years(args, dataset)
        filters = Filters(factions=_ids(args.factions), persons=_ids(args.persons), view=args.view,
                          undisputed=getattr(args, "undisputed", False))
        filters.check(dataset)
        folder = _folder(args.out)
        if args.command == "export":
            written = _export_charts(args, dataset, years, filters, folder)
        elif args.package:
            written = [write_atomic(folder, package_name(dataset), lambda: package_bytes(dataset))]
        elif args.table:
            written = _export_tables(args.table, dataset, years[-1], since, filters, folder)
        else:
            written = _export_data(args, dataset, years, since, filters, folder)
    except ExportError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:  # a full disk, a file-size limit, a folder gone: the files written so far are whole
        print(f"error: cannot write to {args.out}: {error.strerror or error}; no half-written file is left",
              file=sys.stderr)
        return EXIT_USAGE
    size = sum(p.stat().st_size for p in written)
    print(f"Wrote {len(written)} file(s), {size / 1024:.0f} KB, to {folder} "
          f"in {time.monotonic() - started:.1f} s.")
    return EXIT_OK


def _ids(text: str | None) -> tuple[str, ...] | None:
    return None if text is None else tuple(x.strip() for x in text.split(",") if x.strip())


def _formats(text: str, allowed: tuple[str, ...], what: str = "format") -> list[str]:
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    bad = [f for f in formats if f not in allowed]
    if bad or not formats:
        raise ExportError(f"unknown {what} {', '.join(bad) or '(none)'}; choose from {', '.join(allowed)}")
    return formats


def _years(args, dataset: Dataset) -> tuple[list[int], int | None]:
    """The years asked for, checked against the data: ([year], None) or the --from..--to set."""
    first, last = network_for(dataset).years
    for value in (args.year, args.first, args.last):
        if value is not None and not first <= value <= last:
            raise ExportError(f"year {value} is outside the data ({first}-{last})")
    if (args.first is None) != (args.last is None):
        raise ExportError("--from and --to go together")
    if args.first is not None:
        if args.year is not None:
            raise ExportError("give either --year or --from and --to")
        if args.first > args.last:
            raise ExportError(f"--from {args.first} is after --to {args.last}")
        return list(range(args.first, args.last + 1)), args.first
    return [args.year if args.year is not None else span_of(dataset).opening], None


def _folder(path: Path) -> Path:
    """Create the output folder, or say why it cannot be written."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path, prefix=".write-test-"):  # one of its own: exports may run side by side
            pass
    except OSError as error:
        raise ExportError(f"cannot write to {path}: {error.strerror or error}") from None
    return path


def _export_charts(args, dataset, years, filters, folder) -> list[Path]:
    if args.animate:
        return _animate(args, dataset, years, filters, folder)
    formats = _formats(args.format or "png", IMAGE_FORMATS)
    charts = list(CHARTS) if args.chart == "all" else [c.strip() for c in args.chart.split(",")]
    unknown = [c for c in charts if c not in CHARTS]
    if unknown:
        raise ExportError(f"unknown chart {', '.join(unknown)}; choose from {', '.join(CHARTS)} or all")
    preset = PRESETS.get(getattr(args, "preset", None) or "", (None, None, 1.0))
    sizes = {"width": args.width or preset[0], "height": args.height or preset[1]}
    density = args.scale if args.scale is not None else preset[2]
    jobs = [(c, y, f) for c in charts for y in years for f in formats]
    written = []
    needs_browser = any(f in ("png", "svg") for f in formats)
    with (image_server() if needs_browser else contextlib.nullcontext()):
        for chart, year, fmt in tqdm(jobs, disable=len(jobs) < 4, unit="file", file=sys.stderr):
            figure = build_chart(dataset, chart, year, filters=filters)
            content = chart_bytes(figure, fmt, scale=density, plotlyjs=args.plotlyjs, **sizes)
            written.append(write_atomic(folder, file_name(chart, year, None, fmt), content))
    return written


def _animate(args, dataset, years, filters, folder) -> list[Path]:
    """Every year of the network as frames: an animated HTML, or videos (one drawing of the frames
    for every video format asked)."""
    formats = _formats(args.format or "html", ("html",) + VIDEO_FORMATS)
    if args.chart != "network":
        raise ExportError("--animate draws the network: use --chart network")
    if not 0.1 <= args.seconds_per_year <= 60:
        raise ExportError("--seconds-per-year must be between 0.1 and 60")
    span = years if len(years) > 1 else list(range(*_story(dataset)))
    written = []
    if "html" in formats:
        figure = animated_network(dataset, span, filters)
        sizes = {"width": args.width, "height": args.height}
        written.append(write_atomic(folder, file_name("network", span[-1], span[0], "html", "-animated"),
                                    lambda: chart_bytes(figure, "html", plotlyjs=args.plotlyjs, **sizes)))
    videos = [f for f in formats if f != "html"]
    if videos:
        width, height = args.width or 1920, args.height or 1080
        with tqdm(total=len(span), unit="year", file=sys.stderr, desc="drawing") as bar:
            frames = frames_of(dataset, span, filters, width=width, height=height,
                               progress=lambda _done, _total: bar.update(1))
        for fmt in videos:
            written.append(write_video(folder, file_name("network", span[-1], span[0], fmt, "-video"), frames, fmt,
                                       seconds_per_year=args.seconds_per_year, fade=not args.no_fade))
    return written


def _story(dataset) -> tuple[int, int]:
    """The years an animation plays by default (a ``range``'s ends): the network's years."""
    span = span_of(dataset)
    return span.first, span.last + 1


def _export_data(args, dataset, years, since, filters, folder) -> list[Path]:
    formats = _formats(args.format, DATA_FORMATS)
    year = years[-1]
    graph = export_graph(dataset, year, since, filters)
    written = []
    for fmt in formats:
        for suffix, content in data_bytes(graph, fmt, dataset).items():
            stem = file_name("network", year, since, "x")[:-2]
            written.append(write_atomic(folder, stem + suffix, content))
    return written


def _export_tables(asked: str, dataset, year, since, filters, folder) -> list[Path]:
    """The tables of the charts asked for, as the dashboard's Table shows them (every row)."""
    from .tables import TABLE_CHARTS, table_csv, table_of

    charts = list(TABLE_CHARTS) if asked.strip() == "all" else _formats(asked, tuple(TABLE_CHARTS), "chart")
    return [write_atomic(folder, file_name(f"{chart}-table", year, since, "csv"),
                         table_csv(table_of(dataset, chart, year, since, filters))) for chart in charts]
