"""Write charts (PNG, SVG, standalone HTML, an animated HTML of all years) and network data
(CSV, GraphML, GEXF with time intervals, node-link JSON).

Every file is written to a temporary name in the target folder and renamed when complete, so a
failure never leaves half a file behind, and names are made here from the chart and the years,
so nothing is written outside the folder asked for. PNG and SVG go through kaleido driving
Debian's Chromium; a batch shares one warm browser (:func:`image_server`).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import tempfile
import threading
import warnings
from xml.sax.saxutils import escape as xml_escape
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import networkx as nx
import plotly.graph_objects as go
import plotly.io as pio

from .dataset import Dataset
from .figures import (fates_figure, flows_figure, network_figure, overlap_heatmap, overlap_upset,
                      timeline_figure)
from .figures.network_chart import names_at, network_spec, plot_scale
from .figures.network_scene import scene_of
from .network import faction_node, network_for, node_id, person_node
from .csv_tables import cited_sources, csv_bytes
from .span import span_of
from .status import statuses_by_year

__all__ = [
    "CHARTS", "DATA_FORMATS", "IMAGE_FORMATS", "PRESETS", "ExportError", "Filters", "animated_network",
    "build_chart", "chart_bytes", "chart_spec", "data_bytes", "export_graph", "file_name", "image_server",
    "atomic_path", "write_atomic",
]

CHARTS = ("network", "timeline", "overlap", "upset", "flows", "fates")
IMAGE_FORMATS = ("png", "svg", "html")
DATA_FORMATS = ("csv", "graphml", "gexf", "json")
DEFAULT_BROWSER = "/usr/bin/chromium"
_KALEIDO_LOCK = threading.Lock()
_UMASK = os.umask(0)
os.umask(_UMASK)
PART_PREFIX = ".part-"  # then the writing process id: a killed export's part is swept by the next


class ExportError(ValueError):
    """A request that cannot be exported (bad chart, year, format or folder), said plainly."""


@dataclass(frozen=True)
class Filters:
    """The dashboard's filters, shared by the command line: factions, persons, view, highlight."""

    factions: tuple[str, ...] | None = None
    persons: tuple[str, ...] | None = None
    view: str = "bipartite"
    highlight: tuple[str, ...] = ()
    highlight_label: str = "highlighted"  # where the highlight comes from, for the legend
    selected: str | None = None  # the person whose panel is open
    undisputed: bool = False  # leave out what sources dispute

    def data_of(self, dataset: Dataset) -> Dataset:
        """The dataset to draw: the whole, or the part no source disputes."""
        return dataset.undisputed if self.undisputed else dataset

    def check(self, dataset: Dataset) -> None:
        """Raise :class:`ExportError` naming any unknown faction or person."""
        for name, table, asked in (("faction", dataset.factions, self.factions),
                                   ("person", dataset.persons, self.persons)):
            unknown = [x for x in asked or () if x not in table]
            if unknown:
                raise ExportError(f"unknown {name} id(s): {', '.join(unknown)}")


# -- charts ------------------------------------------------------------------------------------


def build_chart(dataset: Dataset, chart: str, year: int, since: int | None = None,
                filters: Filters = Filters()) -> go.Figure:
    """The figure the dashboard shows for ``chart`` at ``year`` (or ``since``..``year``)."""
    dataset = filters.data_of(dataset)
    factions = filters.factions
    span = span_of(dataset)
    first = since if since is not None else span.first
    if chart == "network":
        return network_figure(dataset, year, **_network_options(filters, since))
    if chart == "timeline":
        return timeline_figure(dataset, year, factions=factions)
    if chart == "overlap":
        return overlap_heatmap(dataset, (first, year), factions=factions)
    if chart == "upset":
        return overlap_upset(dataset, (first, year), factions=factions)
    if chart == "flows":
        return flows_figure(dataset, (first, year), factions=factions, end_year=year)
    if chart == "fates":
        chosen = None if factions is None else [
            f for f in factions if dataset.factions[f].kind in ("opposition", "signatories")]
        return fates_figure(dataset, (span.first, max(span.last, year)), factions=chosen, year=year)
    raise ExportError(f"unknown chart {chart!r}; choose from {', '.join(CHARTS)} or all")


def chart_spec(dataset: Dataset, chart: str, year: int, since: int | None = None,
               filters: Filters = Filters()) -> dict:
    """:func:`build_chart` as a plain, JSON-ready dict: the network straight from its dict
    builder (the dashboard's hot path), the other charts through plotly's JSON."""
    if chart == "network":
        return network_spec(filters.data_of(dataset), year, **_network_options(filters, since))
    return json.loads(build_chart(dataset, chart, year, since, filters).to_json())


def _network_options(filters: Filters, since: int | None) -> dict:
    """The network builder's keyword arguments for these filters."""
    return {"factions": filters.factions, "persons": filters.persons, "highlight": filters.highlight,
            "highlight_label": filters.highlight_label, "selected": filters.selected,
            "view": filters.view, "since": since}


def file_name(chart: str, year: int, since: int | None, fmt: str, suffix: str = "") -> str:
    """What a file is called: ``network-1927.png``, ``overlap-1923-1927.svg``."""
    when = f"{since}-{year}" if since is not None and since != year else str(year)
    name = f"{chart}-{when}{suffix}.{fmt}"
    if not re.fullmatch(r"[a-z0-9.-]+", name):
        raise ExportError(f"unsafe file name {name!r}")
    return name


PRESETS = {  # name -> (width, height, scale): the picture's layout size and how much it is enlarged
    "screen": (1200, 840, 1.0),
    "slide": (1280, 720, 1.5),  # 1920 x 1080 px with text half as large again, for a classroom
    "print": (1123, 794, 2.0),  # A4 landscape at 96 dpi, twice as sharp
}


def fitted(figure: go.Figure, width: int | None, height: int | None) -> go.Figure:
    """The network with the names that fit a picture of that size (more names when larger);
    any other chart as it is."""
    meta = figure.layout.meta if isinstance(figure.layout.meta, dict) else {}
    if "extent" not in meta:
        return figure
    width, height = width or figure.layout.width or 1200, height or figure.layout.height or 800
    spec = figure.to_plotly_json()
    return go.Figure(names_at(spec, plot_scale(spec["layout"], width, height)), _validate=False)


def chart_bytes(figure: go.Figure, fmt: str, *, width: int | None = None,
                height: int | None = None, scale: float = 1.0, plotlyjs: str = "inline",
                warm: bool = False) -> bytes:
    """A figure as PNG, SVG or standalone HTML bytes; ``warm``: through the browser this
    process keeps open (:mod:`oppositions.renderer`, a server's downloads), not a new one."""
    figure = fitted(figure, width, height)
    if fmt == "html":
        include = True if plotlyjs == "inline" else "cdn"
        html = figure.to_html(full_html=True, include_plotlyjs=include, auto_play=False,
                              config={"displaylogo": False, "responsive": True},
                              default_width=f"{width or figure.layout.width or 1200}px",
                              default_height=f"{height or figure.layout.height or 800}px")
        return html.encode("utf-8")
    if fmt not in ("png", "svg"):
        raise ExportError(f"unknown image format {fmt!r}; choose from {', '.join(IMAGE_FORMATS)}")
    _point_kaleido_at_system_chromium()
    width, height = width or figure.layout.width or 1200, height or figure.layout.height or 800
    if warm:
        from .renderer import WARM, RenderError

        try:
            return WARM.render(figure.to_dict(), {"format": fmt, "width": width, "height": height, "scale": scale})
        except RenderError as problem:
            raise ExportError(f"could not draw the {fmt.upper()}: {problem}; try again") from None
    with _KALEIDO_LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pio.to_image(figure, format=fmt, width=width, height=height, scale=scale)


def _point_kaleido_at_system_chromium() -> None:
    """kaleido finds Debian's browser through BROWSER_PATH; no browser is ever downloaded."""
    if not os.environ.get("BROWSER_PATH") and Path(DEFAULT_BROWSER).exists():
        os.environ["BROWSER_PATH"] = DEFAULT_BROWSER


@contextlib.contextmanager
def image_server() -> Iterator[None]:
    """One warm browser for a batch of PNG and SVG exports, closed at the end."""
    import kaleido

    _point_kaleido_at_system_chromium()
    kaleido.start_sync_server(silence_warnings=True)
    try:
        yield
    finally:
        kaleido.stop_sync_server(silence_warnings=True)


def animated_network(dataset: Dataset, years: Iterable[int], filters: Filters = Filters()) -> go.Figure:
    """One figure whose frames are the network of every year, with a slider and a play button."""
    years = list(years)
    if not years:
        raise ExportError("no year to animate")
    figures = [build_chart(dataset, "network", y, filters=filters) for y in years]
    base = go.Figure(figures[0])
    base.frames = [go.Frame(data=f.data, name=str(y),  # each year's title, count line and caption
                            layout={"title": f.layout.title, "annotations": f.layout.annotations})
                   for y, f in zip(years, figures)]
    step = {"frame": {"duration": 900, "redraw": True}, "transition": {"duration": 0}, "mode": "immediate"}
    base.update_layout(
        updatemenus=[{"type": "buttons", "x": 0, "y": -0.07, "xanchor": "left", "yanchor": "top",
                      "direction": "left", "buttons": [
                          {"label": "▶ Play", "method": "animate", "args": [None, {**step, "fromcurrent": True}]},
                          {"label": "❚❚ Pause", "method": "animate",
                           "args": [[None], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate"}]}]}],
        sliders=[{"active": 0, "x": 0.2, "len": 0.78, "y": -0.05, "yanchor": "top",
                  "currentvalue": {"prefix": "Year: ", "xanchor": "right", "font": {"size": 16}},
                  "steps": [{"label": str(y), "method": "animate", "args": [[str(y)], step]} for y in years]}],
        margin={"b": 170})  # the controls below the caption, the year label clear of the buttons
    return base


# -- network data --------------------------------------------------------------------------------


def export_graph(dataset: Dataset, year: int, since: int | None = None,
                 filters: Filters = Filters()) -> nx.Graph:
    """The network the dashboard shows, with readable attributes on every node and edge.

    Every person and faction the chart draws is here: the members of the span and, as the chart
    draws them faded, the earlier members of its factions and the factions with no member left
    (``in_span`` 0). Nodes carry kind, name, spellings, dates, the status at the end of ``year``
    (the rule of :mod:`oppositions.status`: "unknown" after a living person's last fact) and the
    year's changes; edges carry role, the membership's years (``start`` and ``end``, used by GEXF
    as its time interval) and certainty. Every node and edge names its sources twice: their ids
    (``sources``, rows of sources.csv) and their citations (``citations``). Lists are joined with
    ``;`` (citations with `` | ``) so that every format can hold them.
    """
    first = since if since is not None else year
    dataset = filters.data_of(dataset)
    scene = scene_of(dataset, year, factions=filters.factions, persons=filters.persons, since=since)
    network = network_for(dataset)
    everyone = network.graph_between(min(network.years[0], first), year, filters.factions, filters.persons)
    kept = {person_node(p) for p in scene.drawn} | {faction_node(f) for f in scene.factions + scene.ended_factions}
    graph = everyone.subgraph(n for n in everyone if n in kept)
    statuses = statuses_by_year(dataset)
    changed: dict[str, list[str]] = {}
    for change in scene.changes:
        changed.setdefault(change.person, []).append(change.kind)
    out = nx.Graph(name=f"{dataset.title}, {first}-{year}", version=dataset.version)
    for node in graph.nodes:
        kind, record_id = node_id(node)
        if kind == "person":
            p = dataset.persons[record_id]
            attrs = {"kind": "person", "label": p.name, "name_ru": p.name_ru or "",
                     "name_variants": ";".join(p.name_variants), "born": str(p.born or ""),
                     "died": str(p.died or ""), "death_cause": p.death_cause or "",
                     "status": statuses[record_id].get(year, "active"), "in_span": int(record_id in scene.current),
                     "changes": ";".join(dict.fromkeys(changed.get(record_id, ()))),
                     **_cited(dataset, p.sources)}
        else:
            f = dataset.factions[record_id]
            attrs = {"kind": "faction", "label": f.name, "faction_kind": f.kind, "colour": f.colour,
                     "formed": str(f.formed), "ended": str(f.ended or ""), "end_reason": f.end_reason or "",
                     "in_span": int(record_id in scene.factions), **_cited(dataset, f.sources)}
        out.add_node(node, **attrs)
    for a, b, data in graph.edges(data=True):
        spells = data["spells"]
        person, faction = (a, b) if a.startswith("p:") else (b, a)
        out.add_edge(person, faction, role=data["role"],
                     start=min(s.first_year for s in spells), end=max(s.last_year for s in spells),
                     start_date=str(spells[0].membership.start),
                     end_date=str(spells[-1].membership.end or ""),
                     in_span=int(any(s.last_year >= first for s in spells)),
                     certainty=data["certainty"] or "certain",
                     **_cited(dataset, (s for sp in spells for s in sp.membership.sources)))
    for node in out:
        years = [out.edges[node, n]["start"] for n in out[node]] + [out.edges[node, n]["end"] for n in out[node]]
        out.nodes[node]["start"], out.nodes[node]["end"] = (min(years), max(years)) if years else (first, year)
    return out


def _cited(dataset: Dataset, source_ids) -> dict[str, str]:
    """A record's sources as ids and as the citations they stand for."""
    ids = list(dict.fromkeys(source_ids))
    return {"sources": ";".join(ids),
            "citations": " | ".join(dataset.sources[s].citation if s in dataset.sources else s for s in ids)}


def data_bytes(graph: nx.Graph, fmt: str, dataset: Dataset | None = None) -> dict[str, bytes]:
    """The graph in a data format: ``{suffix: bytes}`` (CSV gives a nodes and an edges file, and
    with ``dataset`` the sources they cite)."""
    if fmt == "csv":
        files = {"-nodes.csv": csv_bytes([{"id": n, **d} for n, d in graph.nodes(data=True)]),
                 "-edges.csv": csv_bytes([{"source": a, "target": b, **d}
                                           for a, b, d in graph.edges(data=True)])}
        return {**files, "-sources.csv": cited_sources(dataset, graph)} if dataset is not None else files
    if fmt == "graphml":
        buffer = io.BytesIO()
        nx.write_graphml(graph, buffer, encoding="utf-8")
        return {".graphml": buffer.getvalue()}
    if fmt == "gexf":
        return {".gexf": _gexf_bytes(graph)}
    if fmt == "json":
        data = nx.node_link_data(graph, edges="links")
        return {".json": json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")}
    raise ExportError(f"unknown data format {fmt!r}; choose from {', '.join(DATA_FORMATS)}")


# -- files -------------------------------------------------------------------------------------


def _gexf_bytes(graph: nx.Graph) -> bytes:
    """GEXF 1.2draft, dynamic (each node and edge with its ``start`` and ``end`` year), valid
    against the official schema: networkx writes ``timeformat="long"`` and a ``name`` on the
    graph, which the schema has not; the years are integers and the name becomes the meta's
    description."""
    dynamic = graph.copy()
    dynamic.graph.update(mode="dynamic")
    buffer = io.BytesIO()
    nx.write_gexf(dynamic, buffer, encoding="utf-8")
    text = buffer.getvalue().decode("utf-8")
    head, rest = text.split("<graph ", 1)
    tag, rest = rest.split(">", 1)
    tag = re.sub(r'\s?name="[^"]*"', "", tag).replace('timeformat="long"', 'timeformat="integer"')
    description = xml_escape(str(graph.graph.get("name", "")))
    head = head.replace("</creator>", f"</creator>\n    <description>{description}</description>", 1)
    return (head + "<graph " + tag + ">" + rest).encode("utf-8")


def write_atomic(folder: Path, name: str, content: bytes | Callable[[], bytes]) -> Path:
    """Write ``content`` to ``folder/name`` through a temporary file and a rename.

    ``name`` must be a plain file name: a path that would leave ``folder`` is refused.
    """
    data = content() if callable(content) else content
    with atomic_path(folder, name) as temporary:
        temporary.write_bytes(data)
    return Path(folder) / name


def _sweep_parts(folder: Path) -> None:
    """Remove the temporary files that a killed export left (named with its process id), and only
    those: a part whose process still runs is another export at work."""
    for part in folder.glob(PART_PREFIX + "*"):
        pid = part.name[len(PART_PREFIX):].split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            with contextlib.suppress(OSError):
                part.unlink()
        except PermissionError:  # another user's process, alive
            pass


@contextlib.contextmanager
def atomic_path(folder: Path, name: str) -> Iterator[Path]:
    """A temporary path in ``folder`` to write ``name`` to; renamed to ``name`` when the block
    ends well, removed when it fails, so that no half-written file is ever left under any name.

    ``name`` must be a plain file name: a path that would leave ``folder`` is refused.
    """
    folder = Path(folder)
    target = (folder / name).resolve()
    if target.parent != folder.resolve() or name != Path(name).name:
        raise ExportError(f"refusing to write {name!r} outside {folder}")
    _sweep_parts(folder)
    handle, temporary = tempfile.mkstemp(prefix=f"{PART_PREFIX}{os.getpid()}-", suffix=Path(name).suffix, dir=folder)
    os.close(handle)
    try:
        yield Path(temporary)
        os.chmod(temporary, 0o666 & ~_UMASK)  # as an ordinary file, not mkstemp's 0600
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
