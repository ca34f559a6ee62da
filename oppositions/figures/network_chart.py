"""The network at a year: who belonged to which faction, and what had become of them.

Three views share the one stable layout (:mod:`oppositions.layout`):

- ``"bipartite"``: persons and factions, a line for each membership active that year;
- ``"persons"``: persons linked by the factions they shared, each tie weighted by the years they
  spent together in them; each person's strongest few ties (all of the selected person's), with
  the factions' names as landmarks;
- ``"factions"``: factions linked by the members they shared that year, each tie labelled with
  that number.

Persons are coloured and shaped by their status at the end of the year, factions by their
family. Everyone who had belonged to a drawn faction by that year is drawn: a former member
executed by 1937 is a faded cross where they once stood. The axes fit the marks drawn that year,
at one scale in x and y, so the picture keeps its proportions and fills the plot; names are
placed by :mod:`network_names` and never overlap.

:func:`network_spec` builds the figure as plain dicts (the dashboard's hot path);
:func:`network_figure` wraps the same dict in a ``go.Figure`` for export.
"""

from __future__ import annotations

from typing import Iterable

import plotly.graph_objects as go

from ..changes import summary_line
from ..dataset import Dataset
from ..labels import label_box, text_width
from ..network import network_for, person_node
from ..status import DEAD, UNKNOWN
from ..vocabulary import FAMILIES, VIEWS, family_of
from . import network_crowd
from .network_crowd import clear_faction_names, fitted, opened_names, overview_traces
from .network_marks import change_traces, edge_traces, faction_traces, halo_traces, person_traces, tie_counts
from .network_names import name_traces, names_at, plot_scale
from .network_scene import WEBGL_THRESHOLD, Scene, scene_of
from .style import escape, styled_layout, wrap

__all__ = ["network_figure", "network_spec", "WEBGL_THRESHOLD", "TIES_PER_PERSON", "names_at",
           "plot_scale"]

TIES_PER_PERSON = 3  # in the persons view: each person's strongest ties
VIEW_TITLES = {
    "bipartite": "Who belonged to which faction",
    "persons": "Who sat with whom: persons linked by shared factions",
    "factions": "Which factions shared members",
}
WIDTH, HEIGHT = 1200, 840  # px: the figure as exported by default
MARGIN = {"l": 10, "r": 190, "b": 20}


def network_figure(dataset: Dataset, year: int, **options) -> go.Figure:
    """:func:`network_spec` as a ``go.Figure`` (for export and for reading in tests)."""
    return go.Figure(network_spec(dataset, year, **options), _validate=False)


def network_spec(dataset: Dataset, year: int, *, factions: Iterable[str] | None = None,
                 persons: Iterable[str] | None = None, highlight: Iterable[str] = (),
                 highlight_label: str = "highlighted", selected: str | None = None,
                 view: str = "bipartite", show_former: bool = True, since: int | None = None,
                 size: tuple[int, int] | None = None, region=None, faction: str | None = None) -> dict:
    """The network of ``year`` on the stable layout, as a plain figure dict.

    Parameters
    ----------
    dataset : Dataset
    year : int
    factions, persons : iterable of ids, optional
        Draw only these factions or persons.
    highlight : iterable of person ids
        Drawn on a soft disc and named first (a search result, a story step's persons);
        ``highlight_label`` says in the legend where they come from.
    selected : str, optional
        The person whose panel is open: a disc of its own, named first.
    view : {"bipartite", "persons", "factions"}
    show_former : bool
        Also draw former members of the drawn factions, with their status that year.
    since : int, optional
        Draw every membership active from ``since`` to ``year`` (a range of years); statuses
        are those at the end of ``year``.
    size : (width, height), optional
        The figure's size in px (default 1200 x 840): it decides how many names fit.
    region : (x0, x1, y0, y1), optional
        The part of the layout zoomed into, in layout px: the axes show it, and past
        :data:`~network_crowd.PLOT_HOLDS` persons only the persons inside it are drawn.
    faction : str, optional
        The faction whose panel is open: past ``PLOT_HOLDS`` persons, its members are drawn.
    """
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")
    scene = fitted(scene_of(dataset, year, factions=factions, persons=persons, highlight=highlight,
                            highlight_label=highlight_label, selected=selected, view=view,
                            show_former=show_former, since=since), region, faction)
    width, height = size or (WIDTH, HEIGHT)
    layout = _layout(scene, width, height)
    extent = layout["meta"]["extent"]
    traces: list[dict] = []
    network = network_for(dataset)
    if scene.crowded:
        traces += overview_traces(scene, network.faction_projection(scene.graph), extent)
    elif scene.view == "factions":
        projection = network.faction_projection(scene.graph)
        traces += edge_traces(scene, projection)
        traces += faction_traces(scene)
        traces.append(tie_counts(scene, projection))
    else:
        if scene.view == "persons":
            traces += edge_traces(scene, _thinned(scene, network.person_projection(scene.graph)))
        else:
            traces += edge_traces(scene)
        traces += faction_traces(scene)
        traces += halo_traces(scene)
        traces += person_traces(scene)
        traces += change_traces(scene)
    opened_names(scene, traces, extent)
    clear_faction_names(scene, traces)
    traces += _family_legend(scene)
    names = name_traces(scene, extent=extent) if not scene.crowded else []
    spec = {"data": traces + names, "layout": layout}
    return names_at(spec, plot_scale(layout, width, height)) if size else spec


def _layout(scene: Scene, width: int, height: int) -> dict:
    """Title and count lines, the axes fitted to the marks at one scale, the legend at the right."""
    dataset, year = scene.dataset, scene.year
    when = f"{scene.first}-{year}" if scene.first != year else str(year)
    lines = [_counts(scene)]
    if scene.view != "factions":
        lines.append(wrap(f"Changes among them: {summary_line(scene.changes, year, dataset).split(': ', 1)[1]}", 150))
    if dataset.whole is not None:
        hidden = dataset.disputed_counts()
        lines.append(f"Only facts no source disputes: {hidden['memberships']} disputed memberships, "
                     f"{hidden['fates']} fates and {hidden['events']} events hidden")
    subtitle = "<br>".join(lines)
    sources = {s for _, _, d in scene.graph.edges(data=True) for s in d["sources"]}
    sources |= {s for c in scene.changes for s in c.sources}
    top = 30 + 14 * (subtitle.count("<br>") + 1)
    layout = styled_layout(f"{VIEW_TITLES[scene.view]}, {when}", subtitle, dataset, sources, height=height,
                           width=width, margin={**MARGIN, "t": top}, subtitle_is_markup=True)
    layout["title"] = {  # a subtitle of its own size: the count lines take little height
        "text": escape(f"{VIEW_TITLES[scene.view]}, {when}"), "x": 0.005, "xanchor": "left", "xref": "container",
        "y": 1, "yanchor": "top", "yref": "container", "pad": {"t": 6, "l": 4}, "font": {"size": 16},
        "subtitle": {"text": subtitle, "font": {"size": 11.5, "color": "#333"}}}
    x0, x1, y0, y1 = _extent(scene)
    layout.update(
        xaxis={"visible": False, "range": [x0, x1], "fixedrange": False},
        yaxis={"visible": False, "range": [y0, y1], "scaleanchor": "x", "scaleratio": 1},
        legend={"groupclick": "toggleitem", "itemsizing": "constant", "x": 1.01, "xanchor": "left",
                "y": 1.0, "yanchor": "top", "tracegroupgap": 2, "font": {"size": 11.5}},
        dragmode="pan", meta={"year": year, "view": scene.view, "extent": [x0, x1, y0, y1], "many": scene.many,
                                        "crowded": scene.crowded, "part": scene.whole is not None and not scene.crowded})
    if scene.graph.number_of_nodes() == 0 and not scene.former:
        layout["annotations"].insert(0, {"text": f"No faction in the selection was active in {year}.",
                                         "showarrow": False, "font": {"size": 16}, "xref": "paper",
                                         "yref": "paper", "x": 0.5, "y": 0.5})
    return layout


def _counts(scene: Scene) -> str:
    """What the chart counts, said with its scope: the persons of this dataset."""
    dataset, year, whole = scene.dataset, scene.year, scene.whole or scene
    factions = len(whole.factions)
    when = year if scene.first == year else f"{scene.first}-{year}"
    text = f"Among the {len(dataset.persons):,} persons in this dataset, " + (
        f"{len(whole.current):,} belonged to {factions} faction{'s' if factions != 1 else ''} or "
        f"group{'s' if factions != 1 else ''} in {when}" if whole.current
        else f"none belonged to a faction or group in {when}")
    if scene.crowded:
        return (text + f".<br>Too many to draw one by one ({scene.crowded:,} persons"
                + (" in the part zoomed into" if scene.region else ", with earlier members")
                + f"): the factions are drawn, each with its members in {when}.<br>A tie's number counts the "
                f"members two factions shared. Tick fewer factions, open one, or zoom in until at most "
                f"{network_crowd.PLOT_HOLDS:,} persons are in view.")
    if scene.view == "factions":
        return text + "; a tie's number counts the members two factions shared"
    if scene.whole is not None and scene.drawn != scene.whole.drawn:
        part = (f"of {dataset.factions[scene.opened].label} (opened)" if scene.opened else "") + (
            " in the part zoomed into" if scene.region else "")
        text += ".<br>" + wrap(
            f"Drawn: the {len(scene.drawn):,} persons {part.strip()}, {len(scene.current):,} of them members in {when} "
            f"(of {len(whole.drawn):,}{' with earlier members' if whole.former else ''}; "
            f"{'close the faction' if scene.opened else 'zoom out'} for all the factions)", 150)
    elif scene.former:
        text += f"; {len(scene.former)} earlier members are drawn faded"
    dead = sum(1 for p in scene.drawn if scene.status(p) in DEAD)
    jailed = sum(1 for p in scene.drawn if scene.status(p) == "imprisoned")
    unknown = sum(1 for p in scene.drawn if scene.status(p) == UNKNOWN)
    counted = [f"{jailed} imprisoned or exiled" if jailed else "", f"{dead} dead" if dead else "",
               f"{unknown} with no fact so late (status not known)" if unknown else ""]
    if any(counted):
        text += f".<br>Of those drawn, by the end of {year}: " + ", ".join(c for c in counted if c)
    return text


def _extent(scene: Scene) -> tuple[float, float, float, float]:
    """The box around every mark drawn, with the faction names, in reference px."""
    if scene.region is not None:
        return tuple(scene.region)
    xs, ys = [], []
    for person in (scene.drawn if scene.view != "factions" else ()):
        x, y = scene.at(person_node(person))
        xs += [x - 10, x + 10]
        ys += [y - 10, y + 10]
    for faction in scene.factions + scene.ended_factions:
        x, y = scene.at(f"f:{faction}")
        width = text_width(scene.dataset.factions[faction].label, 11, bold=True)
        x0, y0, x1, y1 = label_box(width, 11, "top center", scene.faction_size(faction))
        xs += [x + x0, x + x1]
        ys += [y + y0, y + y1]
    if not xs:
        return 0.0, 100.0, 0.0, 100.0
    pad = 6
    return min(xs) - pad, max(xs) + pad, min(ys) - pad, max(ys) + pad


def _thinned(scene: Scene, projection):
    """Each person's strongest few ties, and every tie of the selected person. A tie's weight
    counts the years two persons spent in the same factions within the span drawn (one per
    shared faction for a single year)."""
    years = {}  # (person node, faction node) -> the years of that membership within the span
    for a, b, data in scene.graph.edges(data=True):
        person, faction = (a, b) if a.startswith("p:") else (b, a)
        years[person, faction] = {y for spell in data["spells"]
                                  for y in range(max(spell.first_year, scene.first), min(spell.last_year, scene.year) + 1)}
    for a, b, data in projection.edges(data=True):
        shared = set(scene.graph[a]) & set(scene.graph[b])
        data["weight"] = sum(len(years.get((a, f), set()) & years.get((b, f), set())) for f in shared) or 1
    keep = set()
    for node in projection:
        ties = sorted(projection[node].items(), key=lambda kv: (-kv[1].get("weight", 1), kv[0]))
        limit = None if scene.selected and node == person_node(scene.selected) else TIES_PER_PERSON
        keep.update(tuple(sorted((node, other))) for other, _ in ties[:limit])
    return projection.edge_subgraph(keep) if keep else projection


def _family_legend(scene: Scene) -> list[dict]:
    """A legend entry per family of the factions drawn, in its hue, naming the family in words."""
    shown = scene.factions + scene.ended_factions
    traces = []
    for family, words in FAMILIES.items():
        members = [scene.dataset.factions[f] for f in shown if family_of(scene.dataset.factions[f]) == family]
        colour = members[len(members) // 2].colour if members else "#888888"
        traces.append({"type": "scatter", "x": [None], "y": [None], "mode": "markers", "name": escape(words),
                       "showlegend": bool(members), "legendrank": 1000, "legendgroup": "families",
                       "legendgrouptitle": {"text": "Factions (squares): family"}, "hoverinfo": "skip",
                       "marker": {"symbol": "square", "size": 11, "color": colour}})
    return traces

