"""Flows: a Sankey of members moving from faction to faction over time, and on to their fates.

Each person contributes one link for each pair of consecutive factions they joined (in the order
the factions formed), and one link from their last faction to their status at the end of the
period: executed, died in custody, died otherwise, alive (a later death is recorded), or not
recorded. Links run only forward in time, so
Plotly's own arrangement puts the factions in columns by how late in a path they come.
Leadership groups are left out unless asked for: the flows are the oppositions'.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

import plotly.graph_objects as go

from ..dataset import Dataset
from ..network import network_for
from ..status import statuses_by_year
from .style import STATUS_COLOURS, escape, style_figure, with_alpha

__all__ = ["flows_figure", "END_NODES"]

END_NODES = {
    "alive": ("alive", STATUS_COLOURS["active"]),
    "died": ("died (other causes)", STATUS_COLOURS["died"]),
    "died_in_custody": ("died in custody", STATUS_COLOURS["died_in_custody"]),
    "executed": ("executed", STATUS_COLOURS["executed"]),
    "unknown": ("fate not recorded", "#DDDDDD"),
}


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


def _end_of(dataset: Dataset, years_of, person_id: str, end_year: int) -> str:
    """Dead (and how) by ``end_year``; alive only if a death after it is recorded; else unknown."""
    status = years_of.get(end_year, years_of[max(years_of)])
    if status in END_NODES:
        return status
    died = dataset.persons[person_id].died
    return "alive" if died and died.year > end_year else "unknown"


def flows_figure(dataset: Dataset, years: tuple[int, int] | None = None, *,
                 factions: Iterable[str] | None = None, end_year: int = 1941) -> go.Figure:
    """Members' paths through the factions active in ``years``, ending in their status in ``end_year``."""
    first, last = years or network_for(dataset).membership_years
    paths = person_paths(dataset, (first, last), factions)
    statuses = statuses_by_year(dataset)
    links: Counter = Counter()
    for person, path in paths.items():
        for a, b in zip(path, path[1:]):
            links[(a, b)] += 1
        links[(path[-1], _end_of(dataset, statuses[person], person, end_year))] += 1
    faction_ids = sorted({n for pair in links for n in pair if n in dataset.factions},
                         key=lambda f: dataset.factions[f].formed.fractional())
    ends = [k for k in END_NODES if any(k == b for _, b in links)]
    nodes = faction_ids + ends
    index = {n: i for i, n in enumerate(nodes)}
    labels = [escape(dataset.factions[n].label) if n in dataset.factions else END_NODES[n][0]
              for n in nodes]
    colours = [dataset.factions[n].colour if n in dataset.factions else END_NODES[n][1] for n in nodes]
    pairs = list(links.items())
    figure = go.Figure(go.Sankey(
        arrangement="snap",
        node={"label": labels, "color": colours, "pad": 12, "thickness": 16,
              "line": {"color": "white", "width": 0.5},
              "customdata": [["faction", n] if n in dataset.factions else ["fate", n] for n in nodes],
              "hovertemplate": "%{label}: %{value} persons<extra></extra>"},
        link={"source": [index[a] for (a, _), _ in pairs], "target": [index[b] for (_, b), _ in pairs],
              "value": [n for _, n in pairs],
              "color": [with_alpha(colours[index[a]], 0.35) for (a, _), _ in pairs],
              "hovertemplate": "%{source.label} → %{target.label}: %{value}<extra></extra>"},
    ))
    sources = {s for m in dataset.memberships if m.person in paths for s in m.sources}
    style_figure(figure, f"Where the members went, {first}-{last}",
                 f"{len(paths)} persons, from faction to faction in the order the factions formed, "
                 f"and their status at the end of {end_year}", dataset, sources, height=780)
    figure.update_layout(meta={"years": [first, last], "end_year": end_year})
    return figure
