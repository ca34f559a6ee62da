"""A person's path: their place in the network year by year, and their fate step by step.

Two rows sharing the years: above, the number of groups they belonged to (bars) and their
betweenness in that year's network (a line: how much they bridged groups); below, a strip
of their status at the end of each year, with each recorded fate marked at its date.
"""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..dataset import Dataset
from ..network import network_for, person_node
from ..span import span_of
from ..status import DEAD, DEATH_CAUSES, STATUSES, statuses_by_year
from ..vocabulary import DOUBTFUL
from .style import STATUS_COLOURS, STATUS_LABELS, escape, style_figure, wrap

__all__ = ["person_path_figure", "path_years"]

def path_years(dataset: Dataset, person_id: str) -> range:
    """The years of a person's path: from their first membership or fate to their death, or to
    the network's last year (1941 on the shipped data)."""
    end = span_of(dataset).last
    starts = [m.start.year for m in dataset.memberships_of(person_id)]
    starts += [f.date.year for f in dataset.fates_of(person_id) if f.date.year <= end]
    if not starts:
        return range(0)
    first = min(starts)
    died = dataset.persons[person_id].died
    last = min(died.year, end) if died else end
    return range(first, max(first, last) + 1)


def person_path_figure(dataset: Dataset, person_id: str, *, height: int = 360, width: int = 440) -> go.Figure:
    """Degree and betweenness per year over the status strip and fate steps of one person."""
    person = dataset.persons[person_id]
    network = network_for(dataset)
    years = list(path_years(dataset, person_id))
    node = person_node(person_id)
    centrality = [network.centrality_at(y).get(node, (0, 0.0)) for y in years]
    groups = {y: [] for y in years}  # the factions named, year by year
    for edge in network.edges_between(years[0], years[-1]) if years else ():
        if edge.membership.person == person_id:
            for y in range(max(edge.first_year, years[0]), min(edge.last_year, years[-1]) + 1):
                label = dataset.factions[edge.membership.faction].label
                if label not in groups[y]:
                    groups[y].append(label)
    statuses = statuses_by_year(dataset)[person_id]
    figure = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.68, 0.32],
                           vertical_spacing=0.08, specs=[[{"secondary_y": True}], [{}]])
    figure.add_trace(go.Bar(x=years, y=[d for d, _ in centrality], name="groups belonged to",
                            marker={"color": "#BBBBBB"}, customdata=[escape(", ".join(groups[y])) or "none" for y in years],
                            hovertemplate="%{x}: %{customdata}<extra></extra>"), row=1, col=1)
    figure.add_trace(go.Scatter(x=years, y=[round(b, 4) for _, b in centrality], name="betweenness",
                                mode="lines+markers", line={"color": "#4477AA", "width": 2},
                                hovertemplate="%{x}: betweenness %{y:.3f}<extra></extra>"),
                     row=1, col=1, secondary_y=True)
    strip = [statuses.get(y, "active") for y in years]
    figure.add_trace(go.Scatter(
        x=years, y=[0] * len(years), mode="markers", name="status", showlegend=False,
        marker={"symbol": "square", "size": 13, "color": [STATUS_COLOURS[s] for s in strip],
                "line": {"width": 0.5, "color": "white"}},
        hovertext=[f"end of {y}: {STATUS_LABELS[s]}" for y, s in zip(years, strip)], hoverinfo="text"),
        row=2, col=1)
    for status in (s for s in STATUSES if s in strip):  # the strip's legend, in words
        figure.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=STATUS_LABELS[status],
                                    legendgroup="status", marker={"symbol": "square", "size": 10,
                                                                  "color": STATUS_COLOURS[status]}),
                         row=2, col=1)
    fates = [f for f in dataset.fates_of(person_id) if years and f.date.year <= years[-1]]
    figure.add_trace(go.Scatter(
        x=[f.date.fractional() for f in fates], y=[1] * len(fates), mode="markers", name="fate steps",
        showlegend=False, marker={"symbol": "triangle-down", "size": 10, "color": "#222222"},
        hovertext=[f"<b>{f.date.human()}</b>: {escape(f.status)}<br>{wrap(f.description, 45)}"
                   + (f"<br><i>{f.certainty}</i>: {wrap(f.note, 45)}" if f.certainty in DOUBTFUL else "")
                   for f in fates], hoverinfo="text"), row=2, col=1)
    end = next((y for y in years if statuses.get(y) in DEAD), None)
    died = DEATH_CAUSES.get(person.death_cause or "") if person.died and person.died.year == end else None
    died = f"died ({died})" if died in ("natural causes", "suicide", "cause unknown") else died
    subtitle = f"{years[0]}-{years[-1]}" + (f"; {died or STATUS_LABELS[statuses[end]]} in {end}" if end else "") \
        if years else "no membership or fate recorded"
    style_figure(figure, person.name, subtitle, dataset, height=height, width=width,
                 margin={"l": 40, "r": 50, "t": 60, "b": 80})
    figure.layout.annotations = [a for a in figure.layout.annotations if a.name != "caption"]
    figure.update_layout(title={"font": {"size": 14}}, bargap=0.25,
                         legend={"orientation": "h", "y": -0.3, "yanchor": "top", "x": 0, "font": {"size": 10}})
    figure.update_yaxes(title={"text": "groups", "font": {"size": 10}}, rangemode="tozero", dtick=1,
                        row=1, col=1, secondary_y=False)
    figure.update_yaxes(title={"text": "betweenness", "font": {"size": 10}}, rangemode="tozero",
                        showgrid=False, tickformat=".3~f", row=1, col=1, secondary_y=True)
    figure.update_yaxes(range=[-0.7, 1.7], tickvals=[0, 1], ticktext=["status", "fates"], showgrid=False,
                        tickfont={"size": 10}, row=2, col=1)
    figure.update_xaxes(dtick=2 if len(years) <= 14 else 4, tickformat="d", row=2, col=1)
    figure.update_layout(meta={"person": person_id})
    return figure
