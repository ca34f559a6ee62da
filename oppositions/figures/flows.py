"""Flows: a Sankey of members moving from faction to faction over time, and on to their fates.

Each person contributes one link for each pair of consecutive factions they joined (in the order
the factions formed), and one link from their last faction to their status at the end of the
period: executed, died in custody, died otherwise, alive (a fact of that year or a later death
says so), or not recorded. Leadership groups are left out unless asked for: the flows are the oppositions'.

The nodes are placed here, not by Plotly: a faction stands as far right as it formed late (time
runs left to right), the fates in the last column, and each faction at the height nearest the
factions its members came from where neither its bar nor its label touches another's, at the
narrowest size the dashboard draws the chart.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

import plotly.graph_objects as go

from ..dataset import Dataset
from ..network import network_for
from ..span import span_of
from ..status import UNKNOWN, statuses_by_year
from .style import MIN_WIDTH, STATUS_COLOURS, escape, fit_text, markup_width, style_figure, with_alpha

__all__ = ["flows_figure", "END_NODES", "node_layout", "person_paths"]

END_NODES = {
    "alive": ("alive", STATUS_COLOURS["active"]),
    "died": ("died (other causes)", STATUS_COLOURS["died"]),
    "died_in_custody": ("died in custody", STATUS_COLOURS["died_in_custody"]),
    "executed": ("executed", STATUS_COLOURS["executed"]),
    "unknown": ("fate not recorded", "#DDDDDD"),
}
FONT_SIZE = 11
THICKNESS = 14  # px, a node's bar
PAD = 12  # px, Plotly's padding between nodes in its own columns (it sets the nodes' scale)
DASHBOARD_HEIGHT = 760  # px, the chart's height in the dashboard
MARGIN = {"l": 16, "r": 16, "b": 70}


def person_paths(dataset: Dataset, years: tuple[int, int], factions: Iterable[str] | None):
    """For each person, the factions they joined within ``years``, in the order they formed."""
    keep = set(factions) if factions is not None else {
        f for f, faction in dataset.factions.items() if faction.kind != "leadership"}
    paths: dict[str, list[str]] = defaultdict(list)
    for edge in network_for(dataset).edges_between(*years):
        m = edge.membership
        if m.faction in keep and m.faction not in paths[m.person]:
            paths[m.person].append(m.faction)
    for path in paths.values():
        path.sort(key=lambda f: (dataset.factions[f].formed.fractional(), f))
    return dict(paths)


def end_of(dataset: Dataset, years_of, person_id: str, end_year: int) -> str:
    """Dead (and how) by ``end_year``; alive if a fact of that year or later says so (their
    status is still known then, or a later death is recorded); else unknown: the same rule as
    every status (:mod:`oppositions.status`)."""
    status = years_of.get(end_year, years_of[max(years_of)])
    if status in END_NODES:
        return status
    died = dataset.persons[person_id].died
    return "alive" if status != UNKNOWN or (died and died.year > end_year) else "unknown"


def node_label(text: str) -> str:
    """A node's label, escaped, broken in two (at a space or a hyphen) when longer than 16 letters."""
    if len(text) <= 16:
        return escape(text)
    cuts = [i for i, ch in enumerate(text) if ch in " -"]
    best = min(cuts, key=lambda i: abs(2 * i - len(text)), default=None)
    if best is None:
        return escape(text)
    head, tail = text[:best + 1].rstrip(), text[best + 1:]
    return f"{escape(head)}<br>{escape(tail)}"


def _label_box(label: str, plot: tuple[float, float]) -> tuple[float, float]:
    """A label's width and height as shares of the plot's width and height."""
    lines = label.split("<br>")
    width = max(markup_width(line, FONT_SIZE) for line in lines) + 2
    height = FONT_SIZE * (1.3 * (len(lines) - 1) + 1.25) + 2
    return width / plot[0], height / plot[1]


def _scale(nodes: list[str], links: Counter, value: dict[str, int], plot_height: float) -> float:
    """The share of the plot's height a person takes in a node: Plotly's (d3-sankey's) own scale,
    from the columns it would have put the nodes in (longest path from a source; sinks last)."""
    depth = {n: 0 for n in nodes}
    for _ in nodes:
        for (a, b) in links:
            depth[b] = max(depth[b], depth[a] + 1)
    last = max(depth.values(), default=0)
    has_out = {a for a, _ in links}
    columns: dict[int, list[str]] = defaultdict(list)
    for n in nodes:
        columns[depth[n] if n in has_out else last].append(n)
    return min((plot_height - (len(c) - 1) * PAD) / sum(value[n] for n in c)
               for c in columns.values()) / plot_height


def node_layout(nodes: list[str], links: Counter, labels: dict[str, str], when: dict[str, float],
                plot: tuple[float, float], plot_height_max: float | None = None) -> dict[str, dict]:
    """Where each node goes, as shares of the plot (x from the left, y from the top, of its
    centre), with the boxes its bar and label take (``x0, x1, y0, y1``).

    Parameters
    ----------
    nodes : ids of the factions (those in ``when``: their formation as a fractional year) and fates
    links : (source, target) -> persons
    labels : node -> its label (``<br>`` between lines)
    plot : the plot's (width, height) in px at the narrowest the chart is drawn
    plot_height_max : px, the tallest it is drawn (the nodes' bars are tallest then)
    """
    value = {n: max(sum(v for (a, _), v in links.items() if a == n),
                    sum(v for (_, b), v in links.items() if b == n)) for n in nodes}
    unit = _scale(nodes, links, value, plot_height_max or plot[1])
    bar, gap = THICKNESS / plot[0], 3 / plot[1]
    boxes: list[tuple[float, float, float, float]] = []
    out: dict[str, dict] = {}
    fates = [n for n in nodes if n not in when]
    heights = {n: max(value[n] * unit, 1 / plot[1]) for n in nodes}
    spare = max(0.0, 1 - sum(heights[n] for n in fates)) / max(1, len(fates) - 1)
    top = 0.0 if len(fates) > 1 else 0.5 - sum(heights[n] for n in fates) / 2
    for n in fates:
        w, h = _label_box(labels[n], plot)
        y = top + heights[n] / 2
        top += heights[n] + spare
        out[n] = {"x": 1 - bar / 2, "y": y, "boxes": [(1 - bar, 1, y - heights[n] / 2, y + heights[n] / 2),
                                                      (1 - bar - 4 / plot[0] - w, 1 - bar, y - h / 2, y + h / 2)]}
        boxes.extend(out[n]["boxes"])
    factions = sorted(when, key=lambda n: (when[n], n))
    first, last = (when[factions[0]], when[factions[-1]]) if factions else (0, 0)
    share = {n: (when[n] - first) / (last - first) if last > first else 0.0 for n in factions}
    reach = {n: bar / 2 + 4 / plot[0] + _label_box(labels[n], plot)[0] for n in factions}
    limit = 1 - bar - 6 / plot[0]
    span = min([(limit - reach[n] - bar / 2) / share[n] for n in factions if share[n] > 0] + [1.0])
    for n in factions:
        x = bar / 2 + max(span, 0.0) * share[n]
        w, h = _label_box(labels[n], plot)
        came = [(out[a]["y"], v) for (a, b), v in links.items() if b == n and a in out]
        wish = sum(y * v for y, v in came) / sum(v for _, v in came) if came else 0.5
        shape = [(x - bar / 2, x + bar / 2, heights[n] / 2), (x + bar / 2, x + bar / 2 + 4 / plot[0] + w, h / 2)]
        y = _free_height(shape, boxes, wish, gap)
        out[n] = {"x": x, "y": y, "boxes": [(a, b, y - half, y + half) for a, b, half in shape]}
        boxes.extend(out[n]["boxes"])
    return out


def _free_height(shape, boxes, wish: float, gap: float) -> float:
    """The height nearest ``wish`` at which every part of ``shape`` ((x0, x1, half height))
    stays inside the plot and ``gap`` clear of every box it shares some width with."""
    tallest = max(half for _, _, half in shape)
    near = [(b, (x0, x1, half)) for b in boxes for x0, x1, half in shape if b[0] < x1 and x0 < b[1]]
    candidates = {wish, tallest, 1 - tallest}
    for (_, _, y0, y1), (_, _, half) in near:
        candidates |= {y1 + gap + half, y0 - gap - half}

    def clear(y):
        return tallest <= y <= 1 - tallest and all(
            y + half + gap <= y0 or y - half - gap >= y1 for (_, _, y0, y1), (_, _, half) in near)
    fits = [y for y in candidates if clear(y)]
    if fits:
        return min(fits, key=lambda y: (abs(y - wish), y))
    return min(candidates, key=lambda y: sum(max(0.0, min(y + half, y1) - max(y - half, y0))
                                             for (_, _, y0, y1), (_, _, half) in near))


def flows_figure(dataset: Dataset, years: tuple[int, int] | None = None, *,
                 factions: Iterable[str] | None = None, end_year: int | None = None) -> go.Figure:
    """Members' paths through the factions active in ``years``, ending in their status in ``end_year``.

    Parameters
    ----------
    dataset : Dataset
    years : (first, last), optional
        Default: the network's years (:func:`~oppositions.span.span_of`).
    factions : iterable of ids, optional
        Default: every faction but the leadership groups.
    end_year : int, optional
        The year whose status ends each path; default: the network's last year.
    """
    first, last = years or span_of(dataset).years
    end_year = span_of(dataset).last if end_year is None else end_year
    paths = person_paths(dataset, (first, last), factions)
    statuses = statuses_by_year(dataset)
    links: Counter = Counter()
    for person, path in paths.items():
        for a, b in zip(path, path[1:]):
            links[(a, b)] += 1
        links[(path[-1], end_of(dataset, statuses[person], person, end_year))] += 1
    faction_ids = sorted({n for pair in links for n in pair if n in dataset.factions},
                         key=lambda f: dataset.factions[f].formed.fractional())
    ends = [k for k in END_NODES if any(k == b for _, b in links)]
    nodes = faction_ids + ends
    index = {n: i for i, n in enumerate(nodes)}
    labels = [node_label(dataset.factions[n].label) if n in dataset.factions else END_NODES[n][0]
              for n in nodes]
    colours = [dataset.factions[n].colour if n in dataset.factions else END_NODES[n][1] for n in nodes]
    pairs = list(links.items())
    sources = {s for m in dataset.memberships if m.person in paths for s in m.sources}
    figure = go.Figure()
    height = 780
    style_figure(figure, f"Where the members went, {first}-{last}",
                 f"{len(paths)} persons, from faction to faction (left to right in the order the factions "
                 f"formed), and their status at the end of {end_year}", dataset, sources, height=height,
                 margin=MARGIN)
    fit_text(figure)
    margin = figure.layout.margin
    plot = (MIN_WIDTH - margin.l - margin.r, min(height, DASHBOARD_HEIGHT) - margin.t - margin.b)
    where = node_layout(nodes, links, dict(zip(nodes, labels)),
                        {f: dataset.factions[f].formed.fractional() for f in faction_ids}, plot,
                        max(height, DASHBOARD_HEIGHT) - margin.t - margin.b)
    figure.add_trace(go.Sankey(
        arrangement="fixed", textfont={"size": FONT_SIZE},
        node={"label": labels, "color": colours, "pad": PAD, "thickness": THICKNESS,
              "x": [max(where[n]["x"], 1e-3) for n in nodes], "y": [max(where[n]["y"], 1e-3) for n in nodes],
              "line": {"color": "white", "width": 0.5},
              "customdata": [["faction", n] if n in dataset.factions else ["fate", n] for n in nodes],
              "hovertemplate": "%{label}: %{value} persons<extra></extra>"},
        link={"source": [index[a] for (a, _), _ in pairs], "target": [index[b] for (_, b), _ in pairs],
              "value": [n for _, n in pairs],
              "color": [with_alpha(colours[index[a]], 0.35) for (a, _), _ in pairs],
              "hovertemplate": "%{source.label} → %{target.label}: %{value}<extra></extra>"},
    ))
    figure.update_layout(meta={"years": [first, last], "end_year": end_year, "node_layout": {
        "plot": plot, "nodes": {n: {"x": round(w["x"], 4), "y": round(w["y"], 4),
                                    "boxes": [[round(v, 4) for v in b] for b in w["boxes"]]}
                                for n, w in where.items()}}})
    return figure
