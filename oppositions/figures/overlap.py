"""Which factions shared members: a heatmap of shared members, and an UpSet-style chart of the
exact combinations of factions that people belonged to.

The heatmap colours only the pairs of factions, on a scale from none to the most any pair
shared; the diagonal (each faction's own members, far more) is grey and gives its count.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..dataset import Dataset
from ..network import network_for, node_id
from ..span import span_of
from .style import escape, fit_text, markup_width, style_figure

__all__ = ["overlap_heatmap", "overlap_upset", "membership_sets"]


def _span(dataset: Dataset, years: tuple[int, int] | None) -> tuple[int, int]:
    """The years asked for, or the network's years."""
    return years or span_of(dataset).years


def membership_sets(dataset: Dataset, years: tuple[int, int] | None = None,
                    factions: Iterable[str] | None = None) -> dict[str, frozenset[str]]:
    """For each person, the set of factions they belonged to at any time in ``years``."""
    graph = network_for(dataset).graph_between(*_span(dataset, years), factions)
    return {node_id(n)[1]: frozenset(node_id(f)[1] for f in graph[n])
            for n, kind in graph.nodes(data="kind") if kind == "person"}


def overlap_heatmap(dataset: Dataset, years: tuple[int, int] | None = None, *,
                    factions: Iterable[str] | None = None) -> go.Figure:
    """Faction by faction: how many persons belonged to both (diagonal: to the faction at all).

    Hover gives the count and the Jaccard index (shared / members of either).
    """
    first, last = _span(dataset, years)
    sets = membership_sets(dataset, (first, last), factions)
    members: dict[str, set[str]] = {}
    for person, fs in sets.items():
        for f in fs:
            members.setdefault(f, set()).add(person)
    order = sorted(members, key=lambda f: dataset.factions[f].formed.sort_key())
    names = [escape(dataset.factions[f].label) for f in order]
    z, own, text, hover = [], [], [], []
    for a in order:
        row_z, row_own, row_text, row_hover = [], [], [], []
        for b in order:
            shared = len(members[a] & members[b])
            jaccard = shared / len(members[a] | members[b]) if shared else 0.0
            row_z.append(shared if a != b else None)
            row_own.append(shared if a == b else None)
            row_text.append(str(shared) if shared and a != b else "")
            row_hover.append(f"{escape(dataset.factions[a].name)}<br>has {shared} members" if a == b else
                             f"{escape(dataset.factions[a].name)}<br>and {escape(dataset.factions[b].name)}"
                             f"<br>{shared} shared members (Jaccard {jaccard:.2f})")
        z.append(row_z)
        own.append(row_own)
        text.append(row_text)
        hover.append(row_hover)
    most = max([v for row in z for v in row if v is not None] + [1])
    sources = {s for m in dataset.memberships if m.faction in members for s in m.sources}
    figure = go.Figure()
    figure.add_trace(go.Heatmap(
        z=z, x=names, y=names, text=text, texttemplate="%{text}", textfont={"size": 10}, hovertext=hover,
        hoverinfo="text", colorscale="Blues", zmin=0, zmax=most, name="shared",
        colorbar={"title": {"text": "shared members", "side": "right"}, "thickness": 14},
        xgap=1, ygap=1))
    figure.add_trace(go.Heatmap(
        z=own, x=names, y=names, text=[[str(v) if v else "" for v in row] for row in own],
        texttemplate="%{text}", textfont={"size": 10, "color": "white"}, hovertext=hover, hoverinfo="text",
        colorscale=[[0, "#8c8c8c"], [1, "#8c8c8c"]], showscale=False, name="members", xgap=1, ygap=1))
    longest = max([markup_width(n, 11) for n in names] + [0])
    figure.update_xaxes(tickangle=-90, side="bottom", tickfont={"size": 11})
    figure.update_yaxes(autorange="reversed", tickfont={"size": 11})
    style_figure(figure, f"Shared members between factions, {first}-{last}",
                 f"{len(sets)} persons in {len(order)} factions and groups; a cell counts the persons in "
                 f"both (colour: from none to {most}, the most any two shared); the grey diagonal counts each "
                 "faction's own members", dataset, sources, height=860,
                 margin={"l": round(longest) + 20, "b": round(longest) + 30, "r": 20})
    fit_text(figure)
    figure.update_layout(meta={"years": [first, last]})
    return figure


def overlap_upset(dataset: Dataset, years: tuple[int, int] | None = None, *,
                  factions: Iterable[str] | None = None, top: int = 18) -> go.Figure:
    """UpSet-style: bars count persons by their exact combination of factions; dots show which.

    Only combinations of two or more factions are drawn (single memberships are counted in the
    subtitle), the ``top`` most common first.
    """
    first, last = _span(dataset, years)
    sets = membership_sets(dataset, (first, last), factions)
    combos = Counter(fs for fs in sets.values() if len(fs) >= 2)
    singles = sum(1 for fs in sets.values() if len(fs) == 1)
    chosen = combos.most_common(top)
    used = sorted({f for combo, _ in chosen for f in combo},
                  key=lambda f: dataset.factions[f].formed.sort_key())
    figure = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.45, 0.55],
                           vertical_spacing=0.02)
    sources = {s for m in dataset.memberships if m.faction in used for s in m.sources}
    xs = list(range(len(chosen)))
    people = {combo: sorted(dataset.persons[p].name for p, fs in sets.items() if fs == combo)
              for combo, _ in chosen}
    figure.add_trace(go.Bar(
        x=xs, y=[n for _, n in chosen], marker={"color": "#4477AA"}, text=[n for _, n in chosen],
        textposition="outside", showlegend=False,
        hovertext=["<br>".join(escape(name) for name in people[c][:25])
                   + (f"<br>and {len(people[c]) - 25} more" if len(people[c]) > 25 else "")
                   for c, _ in chosen], hoverinfo="text"), row=1, col=1)
    names = [escape(dataset.factions[f].label) for f in used]
    for x, (combo, _) in enumerate(chosen):
        ys = [names[i] for i, f in enumerate(used) if f in combo]
        figure.add_trace(go.Scatter(x=[x] * len(ys), y=ys, mode="lines+markers", showlegend=False,
                                    line={"color": "#333", "width": 2}, hoverinfo="skip",
                                    marker={"size": 11, "color": "#333"}), row=2, col=1)
    figure.add_trace(go.Scatter(
        x=[x for x in xs for _ in used], y=names * len(xs), mode="markers", showlegend=False,
        hoverinfo="skip", marker={"size": 11, "color": "#e4e4e4"}), row=2, col=1)
    figure.data = figure.data[:1] + figure.data[-1:] + figure.data[1:-1]  # grey dots underneath
    figure.update_xaxes(visible=False, row=1, col=1)
    figure.update_xaxes(visible=False, row=2, col=1)
    figure.update_yaxes(title_text="persons", row=1, col=1)
    figure.update_yaxes(categoryorder="array", categoryarray=list(reversed(names)), row=2, col=1)
    style_figure(figure, f"Combinations of factions people belonged to, {first}-{last}",
                 f"{sum(combos.values())} persons in two or more factions ({len(combos)} "
                 f"combinations); {singles} in only one; hover a bar for the names", dataset,
                 sources, height=780, margin={"l": 190})
    fit_text(figure)
    figure.update_layout(meta={"years": [first, last]})
    return figure
