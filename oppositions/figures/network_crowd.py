"""What the plot can hold: past :data:`PLOT_HOLDS` persons the network shows its factions.

A network of tens of thousands of persons drawn one by one is a blot: on the stable layout of
50,000 persons two neighbours stand 0.4 px apart. Past :data:`PLOT_HOLDS` persons the chart
draws the factions instead, with the members each pair shared, and says so;
the persons come back as the reader narrows the view until it holds no more than that:

- ticking fewer factions (the filter);
- opening a faction (its members, with all their memberships of the year, laid out afresh
  around it by :func:`oppositions.opened.opened_layout`, since the stable layout of a crowd
  cannot keep them apart);
- zooming into a part of the plot (``region``: the persons whose place lies inside it).

:func:`fitted` makes that decision on a :class:`Scene`; the builders then draw the scene it
returns, so that the year's response carries only what is drawn.
"""

from __future__ import annotations

import math
from collections import ChainMap, Counter
from dataclasses import replace

import numpy as np
from scipy.spatial import cKDTree

from ..labels import label_box, overlapping, place_labels, text_width
from ..layout import REFERENCE
from ..network import faction_node, person_node
from ..opened import opened_layout
from ..room import FACTION_NAME_SIZE, PERSON_ROOM, PERSON_SIZE, RING_LINE, RING_SIZE, ring_size
from ..spacing import GAP
from .network_marks import edge_traces, faction_traces, tie_counts
from .network_names import person_marks, walls
from .network_scene import SMALLEST_SCALE, Scene
from .style import escape

__all__ = ["PLOT_HOLDS", "apart", "clear_faction_names", "crowdable", "fitted", "inside", "opened_names", "overview_traces",
           "strongest"]

MIN_SQUARE = 3  # px: the smallest square drawn (its faction can still be hovered and clicked)
TIES_PER_FACTION = 3  # ties drawn per faction in the overview: its strongest

# The plot of a 1440x900 window is about 880 x 560 px; a person needs a disc of 12 px to stay
# apart from the next, and room for names and ties: about 2,000 persons at most.
PLOT_HOLDS = 2000


def crowdable(dataset) -> bool:
    """Whether the dataset has more persons than the plot holds: only then do a zoom and an
    opened faction change who is drawn."""
    return len(dataset.persons) > PLOT_HOLDS


def inside(scene: Scene, region) -> frozenset[str]:
    """The drawn persons whose place lies in ``region`` (x0, x1, y0, y1, in layout px)."""
    return frozenset(p for p in scene.drawn if _within(scene.at(person_node(p)), region))


def fitted(scene: Scene, region=None, faction: str | None = None) -> Scene:
    """The scene as the plot can hold it. Unchanged when it holds few enough persons and no
    ``region`` is asked for. Past :data:`PLOT_HOLDS` persons: the members of the opened
    ``faction`` when they are few enough, laid out around it (a zoom then only moves the axes);
    else those inside ``region`` (the axes show it in any case, so that a zoom is kept from
    year to year), of the opened faction if one is; else the factions alone (``crowded``
    counts the persons not drawn one by one)."""
    too_many = scene.view != "factions" and len(scene.drawn) > PLOT_HOLDS
    if too_many and faction is not None and faction_node(faction) in scene.graph:
        members = frozenset(node[2:] for node in scene.graph[faction_node(faction)])
        if len(members) <= PLOT_HOLDS:  # drawn around it; a zoom only moves the axes
            return _opened(replace(_narrowed(scene, members, None), opened=faction, region=region), faction)
        if region is not None:
            members &= inside(scene, region)
        if len(members) <= PLOT_HOLDS:
            return replace(_narrowed(scene, members, region), opened=faction)
    if region is None:
        return _overview(scene, len(scene.drawn), None) if too_many else scene
    if scene.view == "factions":
        return replace(scene, region=region)
    chosen = inside(scene, region)
    if len(chosen) <= PLOT_HOLDS:
        return _narrowed(scene, chosen, region)
    return _overview(scene, len(chosen), region)


def _overview(scene: Scene, crowded: int, region) -> Scene:
    """The factions alone (without those with no member left), and the strongest ties."""
    return replace(scene, view="factions", crowded=crowded, whole=scene, region=region, many=False, ended_factions=())


def _narrowed(scene: Scene, persons: frozenset[str], region) -> Scene:
    """The scene of ``persons`` only (few enough to draw one by one, with their names) and of
    their factions (and, zoomed in, of those in the region); the factions' squares keep the
    year's sizes, and ``whole`` keeps the counts of the whole view."""
    current = scene.current & persons
    theirs = {node for p in current for node in scene.graph[person_node(p)]}

    def in_view(faction: str) -> bool:
        return region is not None and _within(scene.at(faction_node(faction)), region)
    return replace(scene, current=current, former=scene.former & persons, many=False, whole=scene, region=region,
                   factions=tuple(f for f in scene.factions if faction_node(f) in theirs or in_view(f)),
                   ended_factions=tuple(f for f in scene.ended_factions if in_view(f)),
                   highlight=scene.highlight & persons, selected=scene.selected if scene.selected in persons else None)


def _opened(scene: Scene, faction: str) -> Scene:
    """The scene of an opened faction's members with their own places (:mod:`oppositions.opened`):
    apart by the year's rings of change, the other factions around them."""
    node = faction_node(faction)
    centre = scene.at(node)
    rings = Counter(c.person for c in scene.changes)
    members = [(person_node(p), [f for f in scene.graph[person_node(p)] if f != node] if person_node(p) in scene.graph
                else [], ring_size(rings[p] - 1) if p in rings else PERSON_SIZE) for p in sorted(scene.drawn)]
    size = {f: scene.graph.degree(faction_node(f)) for f in scene.factions}
    box = {faction_node(f): _faction_box(scene, f) for f in scene.factions}
    others = [(faction_node(f), math.atan2(scene.at(faction_node(f))[1] - centre[1],
                                           scene.at(faction_node(f))[0] - centre[0]), box[faction_node(f)])
              for f in sorted(scene.factions, key=lambda f: (-size[f], f)) if f != faction]
    spacing = max(2 * PERSON_ROOM, (RING_SIZE + RING_LINE) if rings else 0) + GAP
    own = tuple(v / SMALLEST_SCALE for v in box[node])  # its name fits at the smallest scale
    placed = opened_layout(centre, own, members, others, spacing, RING_LINE + GAP)
    boxes = [box.get(key, (-10, -10, 10, 10)) for key in placed]
    at = np.array(list(placed.values()))
    span = (at + np.array(boxes)[:, 2:]).max(axis=0) - (at + np.array(boxes)[:, :2]).min(axis=0)
    fit = min(1.0, REFERENCE[0] / span[0], REFERENCE[1] / span[1])
    return replace(scene, positions=ChainMap(placed, scene.positions), fit=fit)


def opened_names(scene: Scene, traces: list[dict], extent) -> None:
    """An opened faction's scene names its factions where they fit at the plot's scale, as
    persons' names are (its lattice may be larger than the plot: the text does not shrink)."""
    if scene.opened is None or scene.whole is None or scene.fit >= 1.0:
        return
    for k, trace in enumerate(traces):
        if (trace.get("meta") or {}).get("role") == "faction names":
            sizes = {f: scene.faction_size(f) for f in scene.factions}
            traces[k], _ = _placed_names(scene, sizes, _squares(scene, sizes) + person_marks(scene) + walls(extent),
                                         lambda f: scene.dataset.factions[f].label, ("top center",))


def _faction_box(scene: Scene, faction: str) -> tuple[float, float, float, float]:
    """A faction's square of the year and its name above it, around the square's centre."""
    half = scene.faction_size(faction) / 2
    text = scene.dataset.factions[faction].label
    name = label_box(text_width(text, FACTION_NAME_SIZE, bold=True), FACTION_NAME_SIZE, "top center",
                     scene.faction_room(faction))
    return min(-half, name[0]), min(-half, name[1]), max(half, name[2]), max(half, name[3])


def _within(at, region) -> bool:
    x0, x1, y0, y1 = region
    return x0 <= at[0] <= x1 and y0 <= at[1] <= y1


def clear_faction_names(scene: Scene, traces: list[dict]) -> None:
    """In a part of a crowd, leave out the factions' names that would lie on a person drawn there
    (the layout keeps room for them only among the persons of the whole network), at any scale
    from the smallest the part is drawn at to eight times it."""
    if scene.whole is None or scene.crowded:
        return
    marks = [scene.at(person_node(p)) for p in scene.drawn]
    if not marks:
        return
    anchors = np.array(marks, dtype=float)
    r = (RING_SIZE + RING_LINE) / 2  # a person's ring, when changed this year, is the larger mark
    boxes = np.tile([-r, -r, r, r], (len(marks), 1)).astype(float)
    scales = [scene.label_scales[0] * k for k in (1, 1.25, 1.5, 2, 3, 4, 6, 8)]
    for trace in traces:
        if (trace.get("meta") or {}).get("role") != "faction names":
            continue
        named = scene.ended_factions + scene.factions  # the order faction_traces names them in
        for k, (faction, x, y) in enumerate(zip(named, trace["x"], trace["y"])):
            text = scene.dataset.factions[faction].label
            box = label_box(text_width(text, FACTION_NAME_SIZE, bold=True), FACTION_NAME_SIZE, "top center",
                            scene.faction_room(faction))
            text_only = (box[0], box[3] - FACTION_NAME_SIZE * 1.19, box[2], box[3])
            # the text alone does not hold its anchor: apart at one scale is not apart at every larger one
            if any(overlapping(anchors, boxes, scale, (x, y), text_only).any() for scale in scales):
                trace["text"][k] = ""


# -- the factions drawn instead ------------------------------------------------------------------


def apart(scene: Scene) -> dict[str, float]:
    """Each drawn faction's square, in px, no wider than the distance to its nearest neighbour
    along either axis, so that no two squares overlap at the reference scale or any larger one."""
    ids = list(scene.factions)
    if len(ids) < 2:
        return {f: scene.faction_size(f) for f in ids}
    at = np.array([scene.at(faction_node(f)) for f in ids])
    nearest, _ = cKDTree(at).query(at, k=2, p=np.inf)  # Chebyshev: squares are apart along x or y
    return {f: float(max(MIN_SQUARE, min(scene.faction_size(f), nearest[k, 1] - 1))) for k, f in enumerate(ids)}


def overview_traces(scene: Scene, projection, extent) -> list[dict]:
    """The factions of a crowded scene: squares kept apart, their names (with the number of
    members) placed where they fit, largest factions first and more as the reader zooms in, and
    the ties' numbers where they fit between them; nothing runs out of ``extent``."""
    sizes = apart(scene)
    squares = faction_traces(scene)
    for trace in squares:
        if trace["meta"]["role"] == "faction" and trace["name"] == "factions":
            trace["marker"]["size"] = [sizes[f] for _, f in trace["customdata"]]
    squares = [t for t in squares if t["meta"]["role"] != "faction names"]
    members = {f: scene.graph.degree(faction_node(f)) for f in scene.factions}
    obstacles = _squares(scene, sizes) + walls(extent)
    names, labels = _placed_names(scene, sizes, obstacles,
                                  lambda f: f"{scene.dataset.factions[f].label} ({members[f]:,})")
    taken = obstacles + [(("faction name", label.key), scene.at(faction_node(label.key)),
                          label_box(text_width(label.text, FACTION_NAME_SIZE), FACTION_NAME_SIZE, label.position,
                                    sizes[label.key])) for label in labels]
    ties = strongest(projection)
    return [*edge_traces(scene, ties), *squares, names, tie_counts(scene, ties, taken)]


def _squares(scene: Scene, sizes: dict[str, float]) -> list:
    """The factions' squares (``sizes``) as obstacles to names."""
    return [(f, scene.at(faction_node(f)), (-s / 2, -s / 2, s / 2, s / 2)) for f, s in sizes.items()]


def _placed_names(scene: Scene, sizes: dict[str, float], obstacles: list, text_of, positions=None):
    """The factions' names placed where they fit beside their squares (``sizes``) and the
    ``obstacles``, the largest factions first, each from the smallest scale it fits at: the
    trace and the labels."""
    members = {f: scene.graph.degree(faction_node(f)) for f in scene.factions}
    ranked = sorted(scene.factions, key=lambda f: (-members[f], f))
    labels = place_labels([(f, text_of(f), scene.at(faction_node(f)), sizes[f]) for f in ranked], obstacles,
                          scene.label_scales, size=FACTION_NAME_SIZE, kind="faction name",
                          **({"positions": positions} if positions else {}))
    return {"type": "scatter", "mode": "markers+text", "name": "faction names", "showlegend": False,
            "cliponaxis": False, "hoverinfo": "skip",
            "x": [scene.at(faction_node(label.key))[0] for label in labels],
            "y": [scene.at(faction_node(label.key))[1] for label in labels],
            "text": [escape(label.text) if label.scale <= scene.reference_scale else "" for label in labels],
            "textposition": [label.position for label in labels],
            "textfont": {"size": FACTION_NAME_SIZE, "color": "#111"},
            "marker": {"size": [sizes[label.key] for label in labels], "color": "rgba(0,0,0,0)"},
            "customdata": [["faction", label.key] for label in labels],
            "meta": {"role": "names", "scales": [label.scale for label in labels],
                     "texts": [escape(label.text) for label in labels]}}, labels


def strongest(projection, each: int = TIES_PER_FACTION):
    """Each faction's ``each`` ties of the most shared members (one picture of the whole: every
    tie of a crowded year is a grey mass)."""
    keep = set()
    for node in projection:
        ties = sorted(projection[node].items(), key=lambda kv: (-kv[1].get("weight", 1), kv[0]))
        keep.update(tuple(sorted((node, other))) for other, _ in ties[:each])
    return projection.edge_subgraph(keep)
