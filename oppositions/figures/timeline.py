"""The timeline: each faction's lifespan as a bar, the events as marked points, the year as a line.

The story of the oppositions (1917-1941) takes most of the width; a narrow panel on the right
holds what came after (the rehabilitations of 1956-1991), so neither is squeezed.
"""

from __future__ import annotations

from typing import Iterable

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..dataset import Dataset
from .style import escape, style_figure, with_alpha, wrap

__all__ = ["timeline_figure", "EVENT_GROUPS"]

STORY_END = 1941
# Event kinds grouped into the rows a reader scans, with a marker for each.
EVENT_GROUPS = {
    "Congresses and plenums": (("congress", "conference", "plenum"), "diamond", "#4477AA"),
    "Declarations and letters": (("declaration", "letter"), "star", "#228833"),
    "Bans and expulsions": (("ban", "expulsion", "recantation"), "triangle-down", "#CCBB44"),
    "Arrests, exile, deportation": (("arrest", "exile", "deportation"), "square", "#EE6677"),
    "Trials and executions": (("trial", "execution", "death"), "x", "#222222"),
    "Risings, strikes, hunger strikes": (("uprising", "strike", "hunger_strike"), "triangle-up", "#AA3377"),
    "Rehabilitations": (("rehabilitation",), "circle", "#66CCEE"),
    "Other events": (("other",), "circle-open", "#777777"),
}


def timeline_figure(dataset: Dataset, year: int | None = None, *,
                    factions: Iterable[str] | None = None) -> go.Figure:
    """Faction lifespans and events, with ``year`` (if given) marked as a vertical line.

    Parameters
    ----------
    dataset : Dataset
    year : int, optional
        The chosen year, drawn as a line on the story panel.
    factions : iterable of ids, optional
        Show only these factions and the events that touch them (or touch no faction).
    """
    keep = set(factions) if factions is not None else None
    shown = sorted((f for f in dataset.factions.values() if keep is None or f.id in keep),
                   key=lambda f: f.formed.sort_key(), reverse=True)
    events = [e for e in dataset.events
              if keep is None or not e.factions or keep & set(e.factions)]
    last_year = max([dataset.years[1], STORY_END + 1])
    figure = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[0.82, 0.18],
                           horizontal_spacing=0.015)
    source_ids = {s for f in shown for s in f.sources} | {s for e in events for s in e.sources}
    for col in (1, 2):
        figure.add_trace(_lifespan_bars(dataset, shown, show_legend=False), row=1, col=col)
        for trace in _event_traces(events, col == 1):
            figure.add_trace(trace, row=1, col=col)
    figure.update_xaxes(range=[1917, STORY_END + 0.99], dtick=1, tickangle=-90, row=1, col=1,
                        showgrid=True, gridcolor="#eee")
    figure.update_xaxes(range=[1953, max(1992, last_year)], dtick=10, tickangle=-90, row=1, col=2,
                        showgrid=True, gridcolor="#eee")
    figure.add_annotation(text="afterwards", xref="x2 domain", yref="paper", x=0.5, y=1.0,
                          yanchor="bottom", showarrow=False, font={"color": "#555"})
    figure.update_yaxes(autorange="reversed", categoryorder="array",
                        categoryarray=list(EVENT_GROUPS) + [f.label for f in reversed(shown)])
    if year is not None:
        col = 1 if year <= STORY_END else 2
        figure.add_vline(x=year + 0.5, line={"color": "#EE7733", "width": 3}, row=1, col=col)
        figure.add_annotation(x=year + 0.5, y=1.0, yref="paper", text=f"<b>{year}</b>",
                              showarrow=False, yanchor="bottom", font={"color": "#EE7733"},
                              xref="x" if col == 1 else "x2")
    style_figure(figure, "The oppositions and the apparatus, year by year" + (f": {year}" if year else ""),
                 f"{len(shown)} factions and groups, {len(events)} events; bars run from formation "
                 "to end; click an event to move to its year", dataset, source_ids,
                 height=max(600, 150 + 28 * (len(shown) + len(EVENT_GROUPS))), margin={"l": 190, "b": 80})
    figure.update_layout(meta={"year": year}, barmode="overlay", showlegend=False)
    return figure


def _lifespan_bars(dataset: Dataset, factions, show_legend: bool) -> go.Bar:
    """One horizontal bar per faction from formed to ended (open: to the end of the story)."""
    starts, lengths, names, colours, hover, ids = [], [], [], [], [], []
    for f in factions:
        start = f.formed.fractional() - (0.5 if f.formed.month is None else 1 / 24)
        end = (f.ended.fractional() + (0.5 if f.ended.month is None else 1 / 24)
               if f.ended else STORY_END + 1)
        starts.append(start)
        lengths.append(max(end - start, 0.15))
        names.append(f.label)
        colours.append(with_alpha(f.colour, 0.85))
        ids.append(["faction", f.id])
        ended = f"{f.ended.human()} ({f.end_reason})" if f.ended else "outlived the period"
        hover.append(f"<b>{escape(f.name)}</b><br>{escape(f.kind)}<br>formed {f.formed.human()}"
                     f"<br>ended {escape(ended)}<br>{wrap(f.description)}")
    return go.Bar(base=starts, x=lengths, y=names, orientation="h", marker={"color": colours},
                  hovertext=hover, hoverinfo="text", showlegend=show_legend, name="factions",
                  customdata=ids, width=0.7)


def _event_traces(events, show_legend: bool):
    """Events as points, one trace per group of kinds."""
    for group, (kinds, symbol, colour) in EVENT_GROUPS.items():
        chosen = [e for e in events if e.kind in kinds]
        if not chosen:
            continue
        yield go.Scatter(
            x=[e.date.fractional() for e in chosen], y=[group] * len(chosen),
            mode="markers", name=group, showlegend=show_legend,
            marker={"symbol": symbol, "size": 11, "color": colour,
                    "line": {"width": 1, "color": "white" if symbol != "x" else colour}},
            customdata=[["event", e.id, e.date.year] for e in chosen],
            hovertext=[f"<b>{escape(e.title)}</b><br>{e.date.human()}"
                       + (f"–{e.end.human()}" if e.end else "")
                       + (f"<br>{wrap(e.description)}" if e.description else "")
                       for e in chosen],
            hoverinfo="text",
        )
