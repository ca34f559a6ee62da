"""The network chart's names and doubt marks, placed so that none covers another mark.

Every drawn mark (markers, rings, faction squares and names) is an obstacle. Doubt marks (``?``
uncertain, ``?!`` disputed) are placed first, beside their person's marker (top right, top left,
bottom right or bottom left); then persons' names by importance: the selected person, the
highlighted, the factions' leaders, those whose status changed this year, then by the number of
factions they belong to. Each mark carries the smallest scale of the plot (relative to the
reference plot) from which it is shown: :func:`names_at` picks the marks for a plot of a given
size, and the dashboard's browser code does the same as the reader zooms in.
"""

from __future__ import annotations

from collections import Counter

from ..labels import NAME_GAP, NAME_SIZE, label_box, place_labels, short_names, text_width
from ..network import faction_node, person_node
from ..room import FACTION_NAME_SIZE, PERSON_SIZE, RING_LINE, ring_size
from .network_marks import doubt_note, doubts_of, worst
from .network_scene import Scene
from .style import DOUBT_COLOURS, DOUBT_MARKS, escape

__all__ = ["name_traces", "names_at", "person_marks", "plot_scale", "walls", "DOUBT_GAP"]

DOUBT_SIZE = 11
DOUBT_GAP = 8  # px: the invisible marker that sets a doubt mark's distance from its person
NAMED_AT_MOST = 160  # persons a chart tries to name, most important first (zooming in shows them all)
DOUBT_POSITIONS = ("top right", "top left", "bottom right", "bottom left")
SCALED_TEXTS = ("names", "doubt", "ties")  # texts shown from a scale on (meta.scales), as in assets/clientside.js


def _doubt_box(width: float, position: str) -> tuple[float, float, float, float]:
    """A doubt mark's box beside a person (y upwards), united with the person's marker."""
    half, height = DOUBT_GAP / 2, DOUBT_SIZE * 1.19
    x0, x1 = (half + 2.5, half + 2.5 + width) if position.endswith("right") else (-half - 2.5 - width, -half - 2.5)
    y0, y1 = (half + 2.3, half + 2.3 + height) if position.startswith("top") else (-half - 0.5 - height, -half - 0.5)
    r = PERSON_SIZE / 2
    return min(x0, -r), min(y0, -r), max(x1, r), max(y1, r)


def person_marks(scene: Scene) -> list:
    """Each person drawn as (owner, anchor, box) in screen px around its anchor: their widest
    ring of the year, or their marker."""
    ringed = Counter(c.person for c in scene.changes)
    marks = []
    for person in scene.drawn:
        r = (ring_size(ringed[person] - 1) + RING_LINE) / 2 if person in ringed else PERSON_SIZE / 2
        marks.append((person, scene.at(person_node(person)), (-r, -r, r, r)))
    return marks


def _obstacles(scene: Scene) -> list:
    """Every mark drawn, as (owner, anchor, box) in screen px around its anchor."""
    marks = person_marks(scene)
    for faction in scene.factions + scene.ended_factions:
        size = scene.faction_size(faction) if faction in scene.factions else 12
        room = scene.faction_room(faction)
        text = scene.dataset.factions[faction].label
        width = text_width(text, FACTION_NAME_SIZE, bold=faction in scene.factions)
        name = label_box(width, FACTION_NAME_SIZE, "top center", room)
        marks.append((("faction", faction), scene.at(faction_node(faction)), (-size / 2, -size / 2, size / 2, size / 2)))
        text_only = (name[0], name[3] - FACTION_NAME_SIZE * 1.19, name[2], name[3])  # the square is its own mark
        marks.append((("faction", faction), scene.at(faction_node(faction)), text_only))
    return marks


def _ranked(scene: Scene) -> list[str]:
    """The persons drawn, most worth a name first."""
    leaders = {node for node, _, d in _person_edges(scene) if d["role"] == "leader"}
    changed = {c.person for c in scene.changes}
    return sorted(scene.drawn, key=lambda p: (
        p != scene.selected, p not in scene.highlight, person_node(p) not in leaders, p not in changed,
        p not in scene.current, -scene.graph.degree(person_node(p)) if person_node(p) in scene.graph else 0, p))


def _person_edges(scene):
    for a, b, d in scene.graph.edges(data=True):
        yield (a if a.startswith("p:") else b), (b if a.startswith("p:") else a), d


def name_traces(scene: Scene, scale: float | None = None, extent=None) -> list[dict]:
    """The doubt marks (two traces) and the names (one trace), placed for every scale from the
    reference plot up: first the names of the selected, highlighted and leading persons, then
    the doubt marks, then the other names. ``scale`` (when the plot's size is known) shows those
    that fit it, else those that fit the reference plot. Within ``extent`` (x0, x1, y0, y1: the
    plot's range), so that no label runs out of the chart."""
    obstacles = _obstacles(scene) + walls(extent) if not scene.many else []
    short = short_names(scene.dataset.persons.values()) if not scene.many else {}
    ranked = [] if scene.view == "factions" or scene.many else _ranked(scene)[:NAMED_AT_MOST]
    leading = _leading(scene)
    first = place_labels([(p, short[p], scene.at(person_node(p)), NAME_GAP) for p in ranked if p in leading],
                         obstacles, scene.label_scales)
    obstacles += _as_obstacles(scene, first)
    doubts = doubts_of(scene) if scene.view != "factions" and not scene.many else {}  # past WebGL: in the hover
    marks = [(person, worst(d[0] for d in found), found) for person, found in sorted(doubts.items())
             if person in scene.drawn]
    doubt_labels = place_labels(
        [(p, DOUBT_MARKS[c], scene.at(person_node(p)), DOUBT_GAP) for p, c, _ in marks], obstacles,
        scene.label_scales, positions=DOUBT_POSITIONS, kind="doubt",
        box_of=lambda text, position, _: _doubt_box(text_width(text, DOUBT_SIZE, bold=True), position))
    obstacles += [(("doubt", label.key), scene.at(person_node(label.key)),
                   _doubt_box(text_width(label.text, DOUBT_SIZE, bold=True), label.position)) for label in doubt_labels]
    rest = place_labels([(p, short[p], scene.at(person_node(p)), NAME_GAP) for p in ranked if p not in leading],
                        obstacles, scene.label_scales)
    traces = []
    placed = {label.key: label for label in doubt_labels}
    for certainty, mark in DOUBT_MARKS.items():
        people = [(p, found) for p, c, found in marks if c == certainty and p in placed]
        traces.append(_text_trace(
            scene, [placed[p] for p, _ in people], scale, name=f"{mark} {certainty} fact",
            size=DOUBT_SIZE, gap=DOUBT_GAP, bold=True, colour=DOUBT_COLOURS[certainty], role="doubt",
            hover=[f"<b>{escape(scene.dataset.persons[p].name)}</b>: {certainty} in the sources"
                   + "".join(f"<br>• {escape(what)}" + doubt_note(row) for _, what, row in found) for p, found in people],
            legend={"legendgroup": "doubt", "legendgrouptitle": {"text": "Doubted by sources"},
                    "showlegend": bool(people), "legendrank": 900}))
    order = {p: k for k, p in enumerate(ranked)}
    names = sorted(first + rest, key=lambda label: order[label.key])
    traces.append(_text_trace(scene, names, scale, name="names", size=NAME_SIZE, gap=NAME_GAP, bold=False,
                              colour="#222", role="names", hover=None, legend={"showlegend": False}))
    return traces


def walls(extent) -> list:
    """Four marks just outside the plot's range: a label that stays clear of them stays inside
    at every scale (the range grows with the scale, the labels do not)."""
    if extent is None:
        return []
    x0, x1, y0, y1 = extent
    far = 1e6
    return [(("wall", "left"), (x0, (y0 + y1) / 2), (-far, -far, 0.0, far)),
            (("wall", "right"), (x1, (y0 + y1) / 2), (0.0, -far, far, far)),
            (("wall", "bottom"), ((x0 + x1) / 2, y0), (-far, -far, far, 0.0)),
            (("wall", "top"), ((x0 + x1) / 2, y1), (-far, 0.0, far, far))]


def _leading(scene: Scene) -> set[str]:
    """The persons named before any doubt mark is placed: selected, highlighted, leaders."""
    leaders = {node[2:] for node, _, d in _person_edges(scene) if d["role"] == "leader"}
    return leaders | set(scene.highlight) | ({scene.selected} if scene.selected else set())


def _as_obstacles(scene: Scene, labels) -> list:
    """Placed names as marks later labels must not cover."""
    return [(("label", label.key), scene.at(person_node(label.key)),
             label_box(text_width(label.text, NAME_SIZE), NAME_SIZE, label.position, NAME_GAP)) for label in labels]


def _text_trace(scene, labels, scale, *, name, size, gap, bold, colour, role, hover, legend) -> dict:
    """Labels as one ``markers+text`` trace with invisible markers (they set the text's offset);
    ``meta.scales`` holds the smallest scale of each, for the browser to show more on zoom."""
    shown = scale if scale is not None else scene.reference_scale
    texts = [escape(label.text) for label in labels]
    if bold:
        texts = [f"<b>{t}</b>" for t in texts]
    trace = {
        "type": "scatter", "mode": "markers+text", "name": name, "cliponaxis": False,
        "x": [scene.at(person_node(label.key))[0] for label in labels],
        "y": [scene.at(person_node(label.key))[1] for label in labels],
        "text": [t if label.scale <= shown + 1e-9 else "" for t, label in zip(texts, labels)],
        "textposition": [label.position for label in labels],
        "textfont": {"size": size, "color": colour},
        "marker": {"size": gap, "color": "rgba(0,0,0,0)"},
        "customdata": [["person", label.key] for label in labels],
        "meta": {"role": role, "scales": [label.scale for label in labels], "texts": texts},
        **legend}
    if hover is None:
        trace["hoverinfo"] = "skip"
    else:
        trace.update(hoverinfo="text", hovertext=hover)
    return trace


def plot_scale(layout: dict, width: float, height: float) -> float:
    """How many screen px one reference px takes in a figure ``width`` x ``height`` px wide
    (margins and axis ranges from ``layout``)."""
    margin = layout.get("margin", {})
    plot_w = width - margin.get("l", 80) - margin.get("r", 80)
    plot_h = height - margin.get("t", 100) - margin.get("b", 80)
    (x0, x1), (y0, y1) = layout["xaxis"]["range"], layout["yaxis"]["range"]
    return max(0.1, min(plot_w / max(x1 - x0, 1e-9), plot_h / max(y1 - y0, 1e-9)))


def names_at(figure: dict, scale: float) -> dict:
    """The figure with the names and doubt marks that fit a plot at ``scale`` (a new dict)."""
    data = []
    for trace in figure["data"]:
        meta = trace.get("meta") if isinstance(trace.get("meta"), dict) else {}
        if meta.get("role") in SCALED_TEXTS:
            trace = {**trace, "text": [t if s <= scale + 1e-9 else "" for t, s in zip(meta["texts"], meta["scales"])]}
        data.append(trace)
    return {**figure, "data": data}

