"""The marks of the network chart: lines, factions, persons, rings of change and highlights.

Each builder takes the :class:`~.network_scene.Scene` and returns plain trace dicts. The number
and order of traces never depend on the year, so an animation's frames and partial updates line
up trace by trace; a trace with nothing to draw that year is simply empty and out of the legend.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from ..changes import CHANGE_KINDS, CHANGE_LABELS
from ..labels import place_labels
from ..network import faction_node, node_id, person_node
from ..room import PERSON_SIZE, RING_LINE, ring_size
from ..status import UNKNOWN, known_until
from ..vocabulary import DOUBTFUL
from .network_scene import Scene
from .style import (
    CHANGE_STYLES,
    EDGE_STYLES,
    FADED_TEXT,
    HIGHLIGHT_STYLES,
    STATUS_COLOURS,
    STATUS_LABELS,
    STATUS_SYMBOLS,
    escape,
    marker_size,
    with_alpha,
    wrap,
)

__all__ = ["edge_traces", "faction_traces", "person_traces", "change_traces", "halo_traces",
           "doubts_of", "tie_counts", "worst"]

STATUS_ORDER = ("active", "recanted", "expelled", "imprisoned", "executed", "died_in_custody", "died", "unknown")


def _kind(scene: Scene) -> str:
    return "scattergl" if scene.many else "scatter"


def _line_trace(scene, pairs, name, colour, width=0.8, dash="solid") -> dict:
    xs, ys = [], []
    for a, b in pairs:
        (x0, y0), (x1, y1) = scene.at(a), scene.at(b)
        xs += [x0, x1, None]
        ys += [y0, y1, None]
    return {"type": _kind(scene), "x": xs, "y": ys, "mode": "lines", "name": name, "hoverinfo": "skip",
            "showlegend": False, "line": {"color": colour, "width": width, "dash": dash}}


def worst(certainties) -> str:
    """The least certain of several rows: disputed, then uncertain, else certain."""
    found = set(certainties)
    return "disputed" if "disputed" in found else "uncertain" if "uncertain" in found else "certain"


def edge_traces(scene: Scene, projection=None) -> list[dict]:
    """Membership lines in three traces (certain solid, uncertain dotted, disputed dashed), or
    the projection's ties (persons view: width by shared factions; factions view: by members)."""
    if projection is not None:
        strong = [(a, b) for a, b, w in projection.edges(data="weight") if (w or 1) > 1]
        weak = [(a, b) for a, b, w in projection.edges(data="weight") if (w or 1) <= 1]
        width = 2.5 if scene.view == "factions" else 1.6
        return [_line_trace(scene, weak, "together in one faction for one year", "rgba(120,120,120,0.35)", 0.8),
                _line_trace(scene, strong, "together longer or in more factions", "rgba(80,80,80,0.55)", width)]
    by_certainty: dict[str, list] = defaultdict(list)
    drawn = {person_node(p) for p in scene.drawn} if scene.whole is not None else None  # a part of the year
    for a, b, data in scene.graph.edges(data=True):
        if drawn is not None and a not in drawn and b not in drawn:
            continue
        by_certainty[worst(s.membership.certainty for s in data["spells"])].append((a, b))
    traces = []
    for certainty, (name, dash, colour) in EDGE_STYLES.items():
        trace = _line_trace(scene, by_certainty.get(certainty, []), name, colour,
                            0.8 if certainty == "certain" else 1.3, dash)
        if certainty != "certain":
            trace.update(showlegend=bool(by_certainty.get(certainty)), legendgroup="doubt",
                         legendgrouptitle={"text": "What sources doubt"}, legendrank=900)
        traces.append(trace)
    return traces


def faction_traces(scene: Scene, members_on_hover: bool = True) -> list[dict]:
    """Factions as squares in their family's colour, sized by their members that year, with
    those that have no members left faded; then their names (bold, or grey for the faded) above
    the largest square each faction ever has, so that a name never moves from year to year."""
    traces, named = [], []
    for faded, ids in ((True, scene.ended_factions), (False, scene.factions)):
        faction = [scene.dataset.factions[f] for f in ids]
        hover = []
        for f in faction:
            node = faction_node(f.id)
            ended = f", ended {f.ended.human()} ({f.end_reason})" if f.ended else ""
            members = scene.graph.degree(node) if node in scene.graph else 0
            hover.append(f"<b>{escape(f.name)}</b><br>{escape(f.kind)}, formed {f.formed.human()}{escape(ended)}"
                         + (f"<br>{members} members in {scene.year} (in this dataset)" if members_on_hover else ""))
        traces.append({
            "type": _kind(scene), "x": [scene.at(faction_node(f))[0] for f in ids],
            "y": [scene.at(faction_node(f))[1] for f in ids], "mode": "markers",
            "name": "ended factions" if faded else "factions", "showlegend": False,
            "marker": {"symbol": "square-open" if faded else "square",
                       "size": [12 if faded else scene.faction_size(f) for f in ids],
                       "color": [f.colour for f in faction],
                       "line": {"width": 2, "color": [f.colour for f in faction]} if faded
                       else {"color": "white", "width": 1.5}},
            "customdata": [["faction", f] for f in ids], "hovertext": hover, "hoverinfo": "text",
            "meta": {"role": "faction"}})
        named += [(f, faded) for f in ids]
    bold = "{}" if scene.many else "<b>{}</b>"  # WebGL text has no markup: the faded are told by colour
    traces.append({
        "type": _kind(scene), "mode": "markers+text", "name": "faction names", "showlegend": False,
        "hoverinfo": "skip", **({} if scene.many else {"cliponaxis": False}),
        "x": [scene.at(faction_node(f))[0] for f, _ in named], "y": [scene.at(faction_node(f))[1] for f, _ in named],
        "text": [escape(scene.dataset.factions[f].label) if faded else bold.format(escape(scene.dataset.factions[f].label))
                 for f, faded in named],
        "textposition": "top center",
        "textfont": {"size": 11, "color": [FADED_TEXT if faded else "#111" for _, faded in named]},
        "marker": {"size": [scene.faction_room(f) for f, _ in named], "color": "rgba(0,0,0,0)"},
        "meta": {"role": "faction names"}})
    return traces


def person_traces(scene: Scene) -> list[dict]:
    """Per status a legend entry and a trace of its persons, coloured by that status; former
    members of the drawn factions are faded. Past the WebGL threshold the persons of every
    status are one trace (one WebGL pass instead of eight), after the legend's entries."""
    by_status: dict[str, list[str]] = defaultdict(list)
    for person in sorted(scene.drawn):
        by_status[scene.status(person)].append(person)
    traces = []
    merged: dict[str, list] = defaultdict(list)
    titled = False  # the group's title once, over the first status shown
    for status in STATUS_ORDER:  # every status always has its traces, so years animate alike
        people = by_status.get(status, [])
        title = {"text": f"Persons: status, end of {scene.year}"} if people and not titled else {"text": ""}
        titled = titled or bool(people)
        symbol, colour = STATUS_SYMBOLS[status], STATUS_COLOURS[status]
        open_symbol = symbol.endswith("open") or symbol.endswith("open-dot") or symbol in ("x", "cross")
        colours = [colour if p in scene.current else with_alpha(colour, 0.5) for p in people]
        traces.append({"type": "scatter", "x": [None], "y": [None], "mode": "markers",
                       "name": STATUS_LABELS[status], "legendgroup": status, "hoverinfo": "skip",
                       "showlegend": bool(people), "legendrank": 100,
                       "legendgrouptitle": title,
                       "marker": {"symbol": symbol, "size": 11, "color": colour,
                                  "line": {"width": 1.8 if open_symbol else 0.6, "color": colour}}})
        where = {"x": [scene.at(person_node(p))[0] for p in people], "y": [scene.at(person_node(p))[1] for p in people],
                 "customdata": [["person", p] for p in people],
                 "hovertext": [_person_hover(scene, p, status) for p in people]}
        look = {"symbol": symbol, "size": marker_size(symbol, PERSON_SIZE), "color": colours,
                "line": {"width": 1.8 if open_symbol else 0.6, "color": colours if open_symbol else "white"}}
        if not scene.many:
            traces.append({"type": "scatter", "mode": "markers", "name": STATUS_LABELS[status], "legendgroup": status,
                           "showlegend": False, "marker": look, **where, "hoverinfo": "text", "meta": {"role": "person"}})
            continue
        for key, values in where.items():
            merged[key] += values
        merged["symbol"] += [symbol] * len(people)
        merged["size"] += [look["size"]] * len(people)
        merged["color"] += colours
        merged["width"] += [look["line"]["width"]] * len(people)
        merged["line"] += colours if open_symbol else ["white"] * len(people)
    if scene.many:
        traces.append({"type": "scattergl", "mode": "markers", "name": "persons", "showlegend": False,
                       "x": merged["x"], "y": merged["y"], "customdata": merged["customdata"],
                       "hovertext": merged["hovertext"], "meta": {"role": "person"},
                       "hovertemplate": "%{hovertext}<br><i>click for memberships and sources</i><extra></extra>",
                       "marker": {"symbol": merged["symbol"], "size": merged["size"], "color": merged["color"],
                                  "line": {"width": merged["width"], "color": merged["line"]}}})
    return traces


def change_traces(scene: Scene) -> list[dict]:
    """A ring per person for each kind of change in the year; one trace per kind, always."""
    traces = []
    seen: dict[str, int] = defaultdict(int)
    for kind in CHANGE_KINDS:
        found = [c for c in scene.changes if c.kind == kind]
        symbol, colour = CHANGE_STYLES[kind]
        sizes = []
        for c in found:  # a second change of the same person: a wider ring, never on top of the first
            sizes.append(marker_size(symbol, ring_size(seen[c.person])))
            seen[c.person] += 1
        traces.append({
            "type": _kind(scene), "mode": "markers", "hoverinfo": "text",
            "x": [scene.at(person_node(c.person))[0] for c in found],
            "y": [scene.at(person_node(c.person))[1] for c in found],
            "name": f"{CHANGE_LABELS[kind]} ({len(found)})", "legendgroup": "changes",
            "legendgrouptitle": {"text": f"Changed in {scene.year}"},
            "showlegend": bool(found), "legendrank": 500,
            "marker": {"symbol": symbol, "size": sizes, "color": colour, "line": {"width": RING_LINE, "color": colour}},
            "customdata": [["person", c.person] for c in found], "meta": {"role": "ring"},
            "hovertext": [f"<b>{escape(scene.dataset.persons[c.person].name)}</b><br>{CHANGE_LABELS[kind]}, "
                          f"{c.date.human()}: {wrap(c.what, 50)}" + doubt_note(c) for c in found]})
    return traces


def halo_traces(scene: Scene) -> list[dict]:
    """Soft discs under the highlighted persons (a search, a story step) and the selected one,
    each with a legend entry saying where it comes from."""
    traces = []
    for role, people, name in (("highlight", sorted(scene.highlight), scene.highlight_label),
                               ("selected", [scene.selected] if scene.selected else [], "selected person")):
        colour, size = HIGHLIGHT_STYLES[role]
        traces.append({
            "type": "scatter", "mode": "markers", "name": name, "hoverinfo": "skip",
            "x": [scene.at(person_node(p))[0] for p in people], "y": [scene.at(person_node(p))[1] for p in people],
            "showlegend": bool(people), "legendrank": 50, "meta": {"role": role},
            "marker": {"symbol": "circle", "size": size, "color": colour, "line": {"width": 0}},
            "customdata": [["person", p] for p in people]})
    return traces


def doubt_note(record) -> str:
    """What a row's certainty and note say, for a hover box; empty when certain."""
    if record.certainty not in DOUBTFUL:
        return ""
    return f"<br><i>{record.certainty}</i>: {wrap(record.note or 'no note', 50)}"


def doubts_of(scene: Scene) -> dict[str, list[tuple[str, str, object]]]:
    """For each person drawn, the facts of the year that sources doubt: (certainty, what, row)."""
    doubts: dict[str, list] = defaultdict(list)
    for a, b, data in scene.graph.edges(data=True):
        person = a if node_id(a)[0] == "person" else b
        for spell in data["spells"]:
            m = spell.membership
            if m.certainty in DOUBTFUL:
                doubts[node_id(person)[1]].append(
                    (m.certainty, f"membership of {scene.dataset.factions[m.faction].name}", m))
    for c in scene.changes:
        if c.certainty in DOUBTFUL and c.kind not in ("joined", "left"):
            doubts[c.person].append((c.certainty, f"{CHANGE_LABELS[c.kind]} {c.date.human()}", c))
    for person in scene.drawn:
        record = scene.dataset.persons[person]
        if record.certainty in DOUBTFUL:
            doubts[person].append((record.certainty, "the person's record", record))
    return doubts


def _person_hover(scene: Scene, person_id: str, status: str) -> str:
    """Name, life, status, memberships with years and roles; brief past the WebGL threshold."""
    name_and_life, rest = _hover_parts(scene.dataset, person_id)
    said = (f"status not known after {known_until(scene.dataset)[person_id]}" if status == UNKNOWN
            else STATUS_LABELS[status])
    return (f"{name_and_life}<br>{scene.year}: {said}"
            + ("" if person_id in scene.current else ", former member")
            + ("" if scene.many else rest))  # past the threshold the trace's template adds where to click


@lru_cache(maxsize=100_000)
def _hover_parts(dataset, person_id) -> tuple[str, str]:
    """The parts of a person's hover text that no year changes."""
    person = dataset.persons[person_id]
    life = "–".join(d.human() if d else "?" for d in (person.born, person.died))
    lines, sources = [], set(person.sources)
    for m in dataset.memberships_of(person_id):
        end = m.end.human() if m.end else "…"
        lines.append(f"• {escape(dataset.factions[m.faction].name)}: {m.start.human()}–{end} ({escape(m.role)})")
        sources.update(m.sources)
    lines.append(f"<i>{len(sources)} sources; click for details</i>")
    return f"<b>{escape(person.name)}</b> ({escape(life)})", "".join(f"<br>{line}" for line in lines)


def tie_counts(scene: Scene, projection, obstacles=None) -> dict:
    """The number of shared members written on each tie between factions, where it fits (clear
    of the factions' squares, or of ``obstacles``: every mark drawn); like the names, each number
    carries the smallest scale from which it is shown, and more are shown as the reader zooms in."""
    if obstacles is None:
        obstacles = [(node, scene.at(node), (-8, -8, 8, 8)) for node in projection]
    candidates = []
    for a, b, weight in sorted(projection.edges(data="weight"), key=lambda e: -e[2]):
        (x0, y0), (x1, y1) = scene.at(a), scene.at(b)
        candidates.append((f"{a}|{b}", str(weight), ((x0 + x1) / 2, (y0 + y1) / 2), 0))
    labels = place_labels(candidates, obstacles, scene.label_scales, positions=("middle center",), size=11, kind="tie")
    anchors = {key: anchor for key, _, anchor, _ in candidates}
    return {"type": "scatter", "mode": "text", "name": "shared members", "showlegend": False,
            "x": [anchors[label.key][0] for label in labels], "y": [anchors[label.key][1] for label in labels],
            "text": [label.text if label.scale <= scene.reference_scale else "" for label in labels],
            "textfont": {"size": 11, "color": "#333"}, "hoverinfo": "skip",
            "meta": {"role": "ties", "scales": [label.scale for label in labels], "texts": [label.text for label in labels]}}
