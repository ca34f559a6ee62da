"""Colours, symbols, fonts and the shared look of every chart.

Faction colours come from the data (``factions.csv``), so a faction has the same colour in every
chart and every export. Status colours follow Paul Tol's colour-blind-safe "bright" scheme.
"""

from __future__ import annotations

import html
from typing import Iterable

import plotly.graph_objects as go

from ..dataset import Dataset

__all__ = ["STATUS_COLOURS", "STATUS_LABELS", "STATUS_SYMBOLS", "style_figure", "styled_layout", "caption",
           "escape", "faction_colour", "with_alpha", "wrap"]

FONT = "DejaVu Sans, Arial, sans-serif"
STATUS_LABELS = {
    "active": "active", "recanted": "recanted", "expelled": "expelled",
    "imprisoned": "imprisoned or exiled", "executed": "executed",
    "died_in_custody": "died in custody", "died": "died (other causes)",
}
STATUS_COLOURS = {
    "active": "#4477AA", "recanted": "#66CCEE", "expelled": "#CCBB44", "imprisoned": "#EE6677",
    "executed": "#222222", "died_in_custody": "#AA3377", "died": "#BBBBBB",
}
STATUS_SYMBOLS = {
    "active": "circle", "recanted": "diamond", "expelled": "circle-open", "imprisoned": "square",
    "executed": "x", "died_in_custody": "cross", "died": "triangle-down-open",
}


def escape(text: object) -> str:
    """Text from the data made safe for Plotly's HTML-like hover and label markup."""
    return html.escape("" if text is None else str(text), quote=False)


def wrap(text: str | None, width: int = 60) -> str:
    """Escape a long text and break it into ``<br>``-separated lines for a hover box."""
    lines, line = [], ""
    for word in (text or "").split():
        if line and len(line) + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(escape(part) for part in lines)


def faction_colour(dataset: Dataset, faction_id: str) -> str:
    """The faction's stable colour from the data."""
    return dataset.factions[faction_id].colour


def with_alpha(hex_colour: str, alpha: float) -> str:
    """``#rrggbb`` as ``rgba(r,g,b,alpha)``."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def caption(dataset: Dataset, source_ids: Iterable[str] = ()) -> str:
    """The caption line: how many sources the chart rests on and the dataset's version."""
    cited = sorted(set(source_ids))
    seeds = sum(1 for s in cited if dataset.sources.get(s) and dataset.sources[s].seed)
    what = f"{len(cited)} sources ({seeds} of them seed texts)" if cited else "the dataset's sources"
    return (f"Sources: {what}, listed in the dashboard and in sources.csv. "
            f"Data: {escape(dataset.title)}, version {escape(dataset.version)}.")


def styled_layout(title: str, subtitle: str, dataset: Dataset, source_ids: Iterable[str] = (), *,
                  height: int = 800, width: int = 1200, margin: dict | None = None,
                  subtitle_is_markup: bool = False) -> dict:
    """The shared look as a plain layout dict: title with subtitle, fonts, white ground, and the
    caption as the last annotation, placed in the bottom margin whatever the margins are.

    A ``subtitle_is_markup`` is already escaped and may hold ``<br>`` between its lines.
    """
    margins = {"l": 60, "r": 30, "t": 100, "b": 70, **(margin or {})}
    plot_width = width - margins["l"] - margins["r"]
    plot_height = height - margins["t"] - margins["b"]
    return {
        "title": {"text": f"{escape(title)}<br><sup>{subtitle if subtitle_is_markup else escape(subtitle)}</sup>",
                  "x": 0.01, "xanchor": "left", "font": {"size": 20}},
        "font": {"family": FONT, "size": 13, "color": "#222"},
        "paper_bgcolor": "white", "plot_bgcolor": "white", "height": height, "width": width,
        "margin": margins, "hoverlabel": {"font": {"family": FONT, "size": 12}, "align": "left"},
        "annotations": [{
            "text": caption(dataset, source_ids), "showarrow": False, "xref": "paper", "yref": "paper",
            "x": -(margins["l"] - 12) / plot_width, "y": -(margins["b"] - 8) / plot_height,
            "xanchor": "left", "yanchor": "bottom", "align": "left", "font": {"size": 11, "color": "#555"},
            "name": "caption"}],
    }


def style_figure(figure: go.Figure, title: str, subtitle: str, dataset: Dataset,
                 source_ids: Iterable[str] = (), **options) -> go.Figure:
    """Give a figure :func:`styled_layout`; call it after the traces' own layout is set (the
    caption goes after the annotations already there)."""
    layout = styled_layout(title, subtitle, dataset, source_ids, **options)
    layout["annotations"] = list(figure.layout.annotations) + layout["annotations"]
    return figure.update_layout(layout)
