"""The network at a year: who belonged to which faction, and what had become of them.

Three views share the one stable layout:

- ``"bipartite"``: persons and factions, a line for each membership active that year;
- ``"persons"``: persons linked by the factions they shared that year (co-membership);
- ``"factions"``: factions linked by the members they shared that year (overlap).

In the person views, everyone who had belonged to a drawn faction by that year is drawn, with
a marker for their status at the end of the year: a former member who was executed by 1937 is a
faded cross where they once stood. Edges are one trace with ``None`` separators. In a dataset of
more than a few thousand persons the markers, rings and lines are WebGL in every year (a year
that switched renderer would make the browser build its WebGL canvases again) and the hover
text gets brief.

:func:`network_spec` builds the figure as plain dicts (the dashboard's hot path, about a tenth
of the time plotly's objects take); :func:`network_figure` wraps the same dict in a
``go.Figure`` for export.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Iterable

import plotly.graph_objects as go

from ..dataset import Dataset
from ..layout import stable_layout
from ..network import faction_node, network_for, node_id, person_node
from ..changes import CHANGE_KINDS, CHANGE_LABELS, changes_in, summary_line
from ..status import DEAD, STATUSES, statuses_by_year
from .style import STATUS_LABELS, STATUS_SYMBOLS, escape, styled_layout, with_alpha, wrap

__all__ = ["network_figure", "network_spec", "VIEWS", "WEBGL_THRESHOLD"]

VIEWS = ("bipartite", "persons", "factions")
WEBGL_THRESHOLD = 3000
LABELLED_PERSONS = 10
VIEW_TITLES = {
    "bipartite": "Who belonged to which faction",
    "persons": "Who sat with whom: persons linked by shared factions",
    "factions": "Which factions shared members",
}


def network_figure(dataset: Dataset, year: int, **options) -> go.Figure:
    """:func:`network_spec` as a ``go.Figure`` (for export and for reading in tests)."""
    return go.Figure(network_spec(dataset, year, **options), _validate=False)


def network_spec(dataset: Dataset, year: int, *, factions: Iterable[str] | None = None,
                 persons: Iterable[str] | None = None, highlight: Iterable[str] = (),
                 view: str = "bipartite", show_former: bool = True,
                 since: int | None = None) -> dict:
    """The network of ``year`` on the stable layout, as a plain figure dict.

    Parameters
    ----------
    dataset : Dataset
    year : int
    factions, persons : iterable of ids, optional
        Draw only these factions or persons.
    highlight : iterable of person ids
        Drawn larger, ringed and labelled (for example a search result).
    view : {"bipartite", "persons", "factions"}
    show_former : bool
        Also draw former members of the drawn factions, with their status that year.
    since : int, optional
        Draw every membership active from ``since`` to ``year`` (a range of years); statuses
        are those at the end of ``year``.
    """
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")
    network = network_for(dataset)
    positions = stable_layout(dataset)
    first = year if since is None else min(since, year)
    graph = network.graph_between(first, year, factions, persons)
    statuses = statuses_by_year(dataset)
    highlight = set(highlight)
    keep_factions = set(factions) if factions is not None else None
    keep_persons = set(persons) if persons is not None else None

    current = {node_id(n)[1] for n, k in graph.nodes(data="kind") if k == "person"}
    former = (_former_members(network, first, keep_factions, keep_persons) - current
              if show_former else set())
    shown_factions = [node_id(n)[1] for n, k in graph.nodes(data="kind") if k == "faction"]
    ended_factions = [f for f, faction in dataset.factions.items()
                      if faction.formed.year <= year and f not in shown_factions
                      and faction_node(f) in positions
                      and (keep_factions is None or f in keep_factions)] if show_former else []
    source_ids = {s for _, _, d in graph.edges(data=True) for s in d["sources"]}

    traces: list[dict] = []
    many = len(dataset.persons) > WEBGL_THRESHOLD  # per dataset: scrubbing never switches renderer
    changes: list = []
    if view == "factions":
        projection = network.faction_projection(graph)
        traces.append(_edge_trace(projection.edges, positions, "shared members", width=2, many=many))
        traces.append(_faction_trace(dataset, graph, shown_factions, positions, year))
    else:
        if view == "persons":
            projection = network.person_projection(graph)
            traces.append(_edge_trace(projection.edges, positions, "shared faction", many=many))
        else:
            traces += _membership_edge_traces(graph, positions, many)
            traces.append(_faction_trace(dataset, graph, ended_factions, positions, year, faded=True))
            traces.append(_faction_trace(dataset, graph, shown_factions, positions, year))
        drawn = current | former
        changes = [c for c in changes_in(dataset, year, keep_factions) if c.person in drawn]
        persons_and_rings = _person_traces(dataset, graph, year, current, former, statuses, positions,
                                           highlight, many)
        traces += persons_and_rings[:-1]
        traces += _change_traces(dataset, changes, positions, year, many)
        traces += _doubt_traces(dataset, graph, drawn, changes, positions, year)
        traces.append(persons_and_rings[-1])  # the search rings go on top of everything
        source_ids |= {s for c in changes for s in c.sources}
    when = f"{first}-{year}" if first != year else str(year)
    subtitle = _subtitle(dataset, year, graph, current, former, statuses)  # numbers only
    if view != "factions":
        subtitle += "<br>" + wrap(summary_line(changes, year, dataset), 120)
    if dataset.whole is not None:
        hidden = dataset.disputed_counts()
        subtitle += (f"<br>Only facts no source disputes: {hidden['memberships']} disputed memberships, "
                     f"{hidden['fates']} fates and {hidden['events']} events hidden")
    layout = styled_layout(f"{VIEW_TITLES[view]}, {when}", subtitle, dataset, source_ids,
                           height=840, margin={"r": 190, "t": 150}, subtitle_is_markup=True)
    layout.update(
        xaxis={"visible": False, "range": [-1.32, 1.32]},
        yaxis={"visible": False, "range": [-1.12, 1.12], "scaleanchor": "x", "scaleratio": 1},
        legend={"title": {"text": "Status at the end of<br>the year"}, "groupclick": "toggleitem",
                "itemsizing": "constant", "x": 1.02, "xanchor": "left", "y": 0.98},
        meta={"year": year, "view": view})
    if graph.number_of_nodes() == 0 and not former:
        layout["annotations"].insert(0, {"text": f"No faction in the selection was active in {year}.",
                                         "showarrow": False, "font": {"size": 16}})
    return {"data": traces, "layout": layout}


def _former_members(network, year, keep_factions, keep_persons) -> set[str]:
    """Persons whose membership of a drawn faction had ended before ``year``."""
    return {e.membership.person for e in network.edges
            if e.last_year < year
            and (keep_factions is None or e.membership.faction in keep_factions)
            and (keep_persons is None or e.membership.person in keep_persons)}


def _subtitle(dataset, year, graph, current, former, statuses) -> str:
    """Lines of counts: active memberships, members, and what had happened to the former."""
    factions = sum(1 for _, k in graph.nodes(data="kind") if k == "faction")
    text = (f"{len(current)} persons in {factions} factions and groups"
            f" ({graph.number_of_edges()} memberships)")
    dead = sum(1 for p in former | current if statuses[p].get(year) in DEAD)
    jailed = sum(1 for p in former | current if statuses[p].get(year) == "imprisoned")
    if former:
        text += f"; {len(former)} former members drawn faded"
    if dead or jailed:
        text += f"<br>By the end of {year}: {jailed} imprisoned or exiled, {dead} dead"
    return text


def _edge_trace(edges, positions, name: str, width: float = 0.8, many: bool = False) -> dict:
    """All edges as one line trace, separated by ``None`` (in WebGL when ``many``)."""
    xs, ys = [], []
    for a, b in edges:
        (x0, y0), (x1, y1) = positions[a], positions[b]
        xs += [x0, x1, None]
        ys += [y0, y1, None]
    return {"type": "scattergl" if many else "scatter", "x": xs, "y": ys, "mode": "lines", "name": name, "hoverinfo": "skip",
            "showlegend": False, "line": {"color": "rgba(120,120,120,0.45)", "width": width}}


EDGE_STYLES = {  # certainty -> (legend name, line dash, colour)
    "certain": ("membership", "solid", "rgba(120,120,120,0.45)"),
    "uncertain": ("uncertain membership", "dot", "rgba(90,90,90,0.6)"),
    "disputed": ("disputed membership", "dash", "rgba(204,51,17,0.8)"),
}
CHANGE_STYLES = {  # change kind -> (symbol, colour)
    "joined": ("circle-open", "#228833"), "left": ("hexagon-open", "#999999"),
    "expelled": ("diamond-open", "#CCBB44"), "arrested": ("square-open", "#EE6677"),
    "exiled": ("triangle-up-open", "#EE6677"), "recanted": ("diamond-wide-open", "#66CCEE"),
    "executed": ("asterisk-open", "#222222"), "died_in_custody": ("cross-open", "#AA3377"),
    "rehabilitated": ("star-open", "#4477AA"),
}
DOUBT_MARKS = {"uncertain": "?", "disputed": "?!"}


def _membership_edge_traces(graph, positions, many=False) -> list[dict]:
    """Membership lines in three traces: certain (solid), uncertain (dotted), disputed (dashed)."""
    by_certainty: dict[str, list] = defaultdict(list)
    for a, b, data in graph.edges(data=True):
        by_certainty[_worst(s.membership.certainty for s in data["spells"])].append((a, b))
    traces = []
    for certainty, (name, dash, colour) in EDGE_STYLES.items():
        trace = _edge_trace(by_certainty.get(certainty, []), positions, name, many=many)
        trace["line"].update(dash=dash, color=colour)
        if certainty != "certain":
            trace["line"]["width"] = 1.2
            trace.update(showlegend=bool(by_certainty.get(certainty)), legendgroup="doubt",
                         legendgrouptitle={"text": "What sources doubt"}, legendrank=900)
        traces.append(trace)
    return traces


def _worst(certainties) -> str:
    """The least certain of several rows: disputed, then uncertain, else certain."""
    found = set(certainties)
    return "disputed" if "disputed" in found else "uncertain" if "uncertain" in found else "certain"


def _change_traces(dataset, changes, positions, year, many=False) -> list[dict]:
    """A ring per person for each kind of change in ``year``; one trace per kind, always (in
    WebGL past :data:`WEBGL_THRESHOLD` persons)."""
    traces = []
    for kind in CHANGE_KINDS:
        found = [c for c in changes if c.kind == kind]
        symbol, colour = CHANGE_STYLES[kind]
        traces.append({
            "type": "scattergl" if many else "scatter", "mode": "markers", "hoverinfo": "text",
            "x": [positions[person_node(c.person)][0] for c in found],
            "y": [positions[person_node(c.person)][1] for c in found],
            "name": f"{CHANGE_LABELS[kind]} ({len(found)})", "legendgroup": "changes",
            "legendgrouptitle": {"text": f"Changed in {year}"}, "showlegend": bool(found), "legendrank": 500,
            "marker": {"symbol": symbol, "size": 19, "color": colour, "line": {"width": 2.2, "color": colour}},
            "customdata": [["person", c.person] for c in found],
            "hovertext": [f"<b>{escape(dataset.persons[c.person].name)}</b><br>{CHANGE_LABELS[kind]}, "
                          f"{c.date.human()}: {wrap(c.what, 50)}" + _doubt_note(c) for c in found]})
    return traces


def _doubt_note(record) -> str:
    """What a row's certainty and note say, for a hover box; empty when certain."""
    if record.certainty not in DOUBT_MARKS:
        return ""
    return f"<br><i>{record.certainty}</i>: {wrap(record.note or 'no note', 50)}"


def _doubt_traces(dataset, graph, drawn, changes, positions, year) -> list[dict]:
    """``?`` beside a person whose drawn facts in ``year`` a source marks uncertain, ``?!`` if
    disputed; the hover says which fact and what the note says (both sides, where disputed)."""
    doubts: dict[str, list] = defaultdict(list)
    for a, b, data in graph.edges(data=True):
        person, faction = (a, b) if node_id(a)[0] == "person" else (b, a)
        for spell in data["spells"]:
            m = spell.membership
            if m.certainty in DOUBT_MARKS:
                doubts[node_id(person)[1]].append((m.certainty, f"membership of {dataset.factions[m.faction].name}", m))
    for c in changes:
        if c.certainty in DOUBT_MARKS and c.kind not in ("joined", "left"):
            doubts[c.person].append((c.certainty, f"{CHANGE_LABELS[c.kind]} {c.date.human()}", c))
    for person in drawn:
        record = dataset.persons[person]
        if record.certainty in DOUBT_MARKS:
            doubts[person].append((record.certainty, "the person's record", record))
    traces = []
    for certainty, mark in DOUBT_MARKS.items():
        people = sorted(p for p, found in doubts.items() if _worst(d[0] for d in found) == certainty)
        traces.append({
            "type": "scatter", "mode": "text", "hoverinfo": "text",
            "x": [positions[person_node(p)][0] + 0.022 for p in people],
            "y": [positions[person_node(p)][1] + 0.022 for p in people],
            "text": [mark] * len(people), "name": f"{mark} {certainty} fact",
            "textfont": {"size": 11, "color": "rgb(204,51,17)" if certainty == "disputed" else "rgb(90,90,90)"},
            "legendgroup": "doubt", "legendgrouptitle": {"text": "What sources doubt"},
            "showlegend": bool(people), "legendrank": 900,
            "customdata": [["person", p] for p in people],
            "hovertext": [f"<b>{escape(dataset.persons[p].name)}</b>: {certainty} in the sources"
                          + "".join(f"<br>• {escape(what)}" + _doubt_note(row) for _, what, row in doubts[p])
                          for p in people]})
    return traces


def _faction_trace(dataset, graph, faction_ids, positions, year, faded=False) -> dict:
    """Factions as labelled squares, sized by their members that year; ended ones faded."""
    faction_ids = sorted(faction_ids, key=lambda f: dataset.factions[f].formed.sort_key())
    nodes = [faction_node(f) for f in faction_ids]
    sizes = [12 + 1.1 * min(graph.degree(n) if n in graph else 0, 30) for n in nodes]
    hover = []
    for f, n in zip(faction_ids, nodes):
        faction = dataset.factions[f]
        ended = f", ended {faction.ended.human()} ({faction.end_reason})" if faction.ended else ""
        members = graph.degree(n) if n in graph else 0
        hover.append(f"<b>{escape(faction.name)}</b><br>{escape(faction.kind)}, formed "
                     f"{faction.formed.human()}{escape(ended)}<br>{members} members in {year}")
    if faded:
        sizes = [12] * len(nodes)
    return {
        "type": "scatter", "x": [positions[n][0] for n in nodes], "y": [positions[n][1] for n in nodes],
        "mode": "markers+text", "name": "ended factions" if faded else "factions", "showlegend": False,
        "cliponaxis": False,
        "text": [escape(dataset.factions[f].label) if faded else f"<b>{escape(dataset.factions[f].label)}</b>"
                 for f in faction_ids],
        "textposition": [_outward(*positions[n]) for n in nodes],
        "textfont": {"size": 11 if faded else 12, "color": "#999" if faded else "#111"},
        "marker": {"symbol": "square-open" if faded else "square", "size": sizes,
                   "color": [with_alpha(dataset.factions[f].colour, 0.5) if faded
                             else dataset.factions[f].colour for f in faction_ids],
                   "line": {"color": "white", "width": 1.5} if not faded else {"width": 2}},
        "customdata": [["faction", f] for f in faction_ids],
        "hovertext": hover, "hoverinfo": "text",
    }


def _outward(x: float, y: float) -> str:
    """Where a faction's label goes so that it points away from the centre of the circle."""
    if y > 0.55:
        return "top center"
    if y < -0.55:
        return "bottom center"
    return "middle right" if x > 0 else "middle left"


def _person_traces(dataset, graph, year, current, former, statuses, positions, highlight, many) -> list[dict]:
    """Per status a legend entry and a trace (empty or not), the labels, then the search rings.

    The number and order of traces never depend on the year, so an animation's frames and
    partial updates line up trace by trace.
    """
    kind = "scattergl" if many else "scatter"
    labelled = _leading_persons(dataset, graph, current) | (highlight & (current | former))
    by_status: dict[str, list[str]] = defaultdict(list)
    for person in sorted(current | former):
        by_status[statuses[person].get(year, "active")].append(person)
    traces = []
    for status in STATUSES:  # every status always has its traces, so years animate alike
        people = by_status.get(status, [])
        symbol = STATUS_SYMBOLS[status]
        colours, hover = [], []
        for p in people:
            node = person_node(p)
            is_current = p in current
            colour = _person_colour(dataset, graph, node) if is_current else "#777777"
            alpha = 1.0 if is_current and status not in DEAD else 0.45
            colours.append(with_alpha(colour, alpha))
            hover.append(_person_hover(dataset, p, year, status, is_current, brief=many))
        traces.append({"type": "scatter", "x": [None], "y": [None], "mode": "markers",
                       "name": STATUS_LABELS[status], "legendgroup": status, "hoverinfo": "skip",
                       "showlegend": bool(people), "legendrank": 100,
                       "marker": {"symbol": symbol, "size": 11, "color": "#555",
                                  "line": {"width": 1.5, "color": "#555"}}})
        traces.append({
            "type": kind, "x": [positions[person_node(p)][0] for p in people],
            "y": [positions[person_node(p)][1] for p in people],
            "mode": "markers", "name": STATUS_LABELS[status], "legendgroup": status, "showlegend": False,
            "marker": {"symbol": symbol, "size": 10, "color": colours,
                       "line": {"width": 1.5 if symbol in ("x", "cross") else 0.6,
                                "color": colours if symbol.endswith("open") else "rgba(40,40,40,0.6)"}},
            "customdata": [["person", p] for p in people], "hovertext": hover, "hoverinfo": "text"})
    named = sorted(labelled)
    traces.append({  # surnames of the few persons worth a label, one text trace for all statuses
        "type": "scatter", "x": [positions[person_node(p)][0] for p in named],
        "y": [positions[person_node(p)][1] for p in named], "mode": "text", "name": "names",
        "text": [escape(dataset.persons[p].name.split()[-1]) for p in named], "textposition": "bottom center",
        "textfont": {"size": 11, "color": "#333"}, "hoverinfo": "skip", "showlegend": False})
    ringed = sorted(highlight & (current | former))
    traces.append({
        "type": "scatter", "x": [positions[person_node(p)][0] for p in ringed],
        "y": [positions[person_node(p)][1] for p in ringed],
        "mode": "markers", "name": "search result", "hoverinfo": "skip", "showlegend": bool(ringed),
        "marker": {"symbol": "circle-open", "size": 24, "color": "#EE7733", "line": {"width": 3, "color": "#EE7733"}},
        "customdata": [["person", p] for p in ringed]})
    return traces


def _leading_persons(dataset, graph, current) -> set[str]:
    """The persons worth a label: leaders first, then those in the most factions."""
    ranked = sorted(current, key=lambda p: (
        -sum(1 for _, _, d in graph.edges(person_node(p), data=True) if d["role"] == "leader"),
        -graph.degree(person_node(p)), p))
    return set(ranked[:LABELLED_PERSONS])


def _person_colour(dataset, graph, node) -> str:
    """The colour of the faction a person joined last among those active."""
    edges = sorted(graph.edges(node, data=True),
                   key=lambda e: max(s.membership.start.sort_key() for s in e[2]["spells"]))
    return dataset.factions[node_id(edges[-1][1])[1]].colour


def _person_hover(dataset, person_id, year, status, is_current, brief=False) -> str:
    """Name, life, status, memberships with years and roles, and the sources cited; ``brief``
    (past :data:`WEBGL_THRESHOLD` persons) leaves the memberships to the click."""
    name_and_life, rest = _person_hover_parts(dataset, person_id)
    return (f"{name_and_life}<br>{year}: {STATUS_LABELS[status]}"
            + ("" if is_current else ", former member")
            + ("<br><i>click for memberships and sources</i>" if brief else rest))


@lru_cache(maxsize=100_000)
def _person_hover_parts(dataset, person_id) -> tuple[str, str]:
    """The parts of a person's hover text that no year changes: the first line, then the
    memberships and the count of sources (each line led by ``<br>``)."""
    person = dataset.persons[person_id]
    life = "–".join(d.human() if d else "?" for d in (person.born, person.died))
    lines = []
    sources = set(person.sources)
    for m in dataset.memberships_of(person_id):
        end = m.end.human() if m.end else "…"
        lines.append(f"• {escape(dataset.factions[m.faction].name)}: {m.start.human()}–{end}"
                     f" ({escape(m.role)})")
        sources.update(m.sources)
    lines.append(f"<i>{len(sources)} sources; click for details</i>")
    return f"<b>{escape(person.name)}</b> ({escape(life)})", "".join(f"<br>{line}" for line in lines)
