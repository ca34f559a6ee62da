"""The curve of destruction: for each opposition, what had become of its members, year by year.

One small panel per faction: a stacked area of its past and present members by status (as a share
of everyone who had joined it by that year), and a line for the share still alive.
"""

from __future__ import annotations

import math
from typing import Iterable

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..dataset import Dataset
from ..span import span_of
from ..status import DEAD, STATUSES, faction_status_counts
from ..vocabulary import OPPOSITION_KINDS
from .style import MIN_WIDTH, STATUS_COLOURS, STATUS_LABELS, escape, fit_text, markup_width, style_figure, wrap_text

__all__ = ["fates_figure"]

MAX_PANELS = 15
COLS = 3
SPACING = 0.04  # between panels, as a share of the plot's width
MARGIN = {"t": 120, "r": 170, "l": 60}
TITLE_SIZE = 12


def fates_figure(dataset: Dataset, years: tuple[int, int] | None = None, *,
                 factions: Iterable[str] | None = None, year: int | None = None) -> go.Figure:
    """Small multiples of each faction's members by status over ``years``.

    Parameters
    ----------
    years : (first, last), optional
        Default: the network's years (:func:`~oppositions.span.span_of`).
    factions : iterable of ids, optional
        Default: every opposition and group of signatories with at least three members.
    year : int, optional
        Marked with a vertical line in every panel.
    """
    first, last = years or span_of(dataset).years
    members: dict[str, set] = {}
    for m in dataset.memberships:
        members.setdefault(m.faction, set()).add(m.person)
    sizes = {f: len(members.get(f, ())) for f in dataset.factions}
    if factions is None:
        factions = [f for f, faction in dataset.factions.items()
                    if faction.kind in OPPOSITION_KINDS and sizes[f] >= 3]
    factions = list(factions)
    left_out = max(0, len(factions) - MAX_PANELS)
    largest = sorted(factions, key=lambda f: -sizes[f])[:MAX_PANELS]
    chosen = sorted(largest, key=lambda f: dataset.factions[f].formed.sort_key())
    cols = COLS
    rows = max(1, math.ceil(len(chosen) / cols))
    figure = make_subplots(rows=rows, cols=cols, shared_xaxes=True, shared_yaxes=True,
                           subplot_titles=[panel_title(dataset.factions[f].label) for f in chosen],
                           vertical_spacing=0.08 if rows > 1 else 0.1, horizontal_spacing=SPACING)
    for note in figure.layout.annotations:
        note.update(font={"size": TITLE_SIZE}, yshift=4)
    chosen_set = set(chosen)
    sources = {s for m in dataset.memberships if m.faction in chosen_set for s in m.sources}
    sources |= {s for f in dataset.fates for s in f.sources}
    for k, faction_id in enumerate(chosen):
        row, col = divmod(k, cols)
        counts = faction_status_counts(dataset, faction_id)
        span = [y for y in range(first, last + 1) if y in counts and sum(counts[y].values())]
        for status in STATUSES:
            figure.add_trace(go.Scatter(
                x=span, y=[counts[y][status] for y in span], name=STATUS_LABELS[status],
                legendgroup=status, showlegend=k == 0, stackgroup=f"s{k}", groupnorm="percent",
                mode="none", fillcolor=STATUS_COLOURS[status],
                customdata=[[counts[y][status], sum(counts[y].values())] for y in span],
                hovertemplate=f"{STATUS_LABELS[status]}: %{{customdata[0]}} of %{{customdata[1]}}"
                              "<extra>%{x}</extra>"),
                row=row + 1, col=col + 1)
        alive = [100 * (1 - sum(counts[y][s] for s in DEAD) / sum(counts[y].values())) for y in span]
        figure.add_trace(go.Scatter(x=span, y=alive, name="share alive", legendgroup="alive",
                                    showlegend=k == 0, mode="lines",
                                    line={"color": "black", "width": 2},
                                    hovertemplate="alive: %{y:.0f}%<extra>%{x}</extra>"),
                         row=row + 1, col=col + 1)
        if year is not None:
            figure.add_vline(x=year, line={"color": "#EE7733", "width": 2}, row=row + 1, col=col + 1)
    figure.update_yaxes(range=[0, 100], ticksuffix="%", dtick=50)
    figure.update_xaxes(range=[first, last], tickvals=year_ticks(first, last), tickfont={"size": 11})
    height = max(560, 170 + 220 * rows)
    style_figure(figure, f"What became of the members of each opposition, {first}-{last}",
                 "Share of everyone who had joined by that year, by status at the year's end; "
                 "the black line is the share still alive"
                 + (f"; the {MAX_PANELS} largest shown, {left_out} smaller left out" if left_out else ""),
                 dataset, sources,
                 height=height, margin=MARGIN)
    fit_text(figure)
    figure.update_layout(legend={"orientation": "v", "y": 1, "yanchor": "top", "x": 1.01,
                                 "xanchor": "left", "title": {"text": "Status at the<br>year's end"}},
                         meta={"years": [first, last], "year": year})
    return figure


def panel_px() -> float:
    """A panel's width in px at the narrowest the dashboard draws the chart."""
    return (MIN_WIDTH - MARGIN["l"] - MARGIN["r"]) * (1 - (COLS - 1) * SPACING) / COLS


def panel_title(label: str) -> str:
    """A faction's name over its panel, escaped, on two lines if one would be wider than the panel."""
    lines = wrap_text(label, panel_px() - 8, TITLE_SIZE)
    return "<br>".join(escape(line) for line in lines)


def year_ticks(first: int, last: int) -> list[int]:
    """Every fifth year at least three years inside the range; every other one of them (and so
    on) if their labels would touch in the narrowest panel."""
    every = [y for y in range(first + 3, last - 2) if y % 5 == 0]
    step = 1
    while len(every[::step]) > 1 and 5 * step * panel_px() / max(1, last - first) < markup_width("1930", 11) + 6:
        step += 1
    return every[::step]
