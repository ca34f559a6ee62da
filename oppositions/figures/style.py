"""Colours, symbols, fonts and the shared look of every chart.

Faction colours come from the data (``factions.csv``), so a faction has the same colour in every
chart and every export. Status colours follow Paul Tol's colour-blind-safe "bright" scheme.
"""

from __future__ import annotations

import html
import re
import textwrap
from typing import Iterable

import plotly.graph_objects as go

from ..dataset import Dataset
from ..labels import text_width

__all__ = ["CHANGE_STYLES", "DOUBT_COLOURS", "DOUBT_MARKS", "EDGE_STYLES", "FADED_TEXT", "HIGHLIGHT_STYLES",
           "STATUS_COLOURS", "STATUS_LABELS", "STATUS_SYMBOLS", "style_figure", "styled_layout", "caption",
           "escape", "with_alpha", "wrap", "MIN_WIDTH", "markup_width", "wrap_text", "fit_text", "marker_size"]

FONT = "DejaVu Sans, Arial, sans-serif"
STATUS_LABELS = {
    "active": "active", "recanted": "recanted", "expelled": "expelled",
    "imprisoned": "imprisoned or exiled", "executed": "executed",
    "died_in_custody": "died in custody", "died": "died (other causes)", "unknown": "not known (no later fact)",
}
# Chosen so that every colour has at least 3:1 contrast on white and every pair stays at least
# 12 apart in CIEDE2000 in normal vision and under simulated deuteranopia, protanopia and
# tritanopia (tests/test_colours.py checks both); each status also has its own symbol.
STATUS_COLOURS = {
    "active": "#2D72DF", "recanted": "#56624F", "expelled": "#C18600", "imprisoned": "#F6006C",
    "executed": "#111111", "died_in_custody": "#AC0182", "died": "#5A3A0A", "unknown": "#8A8A8A",
}
STATUS_SYMBOLS = {
    "active": "circle", "recanted": "diamond", "expelled": "circle-open", "imprisoned": "square",
    "executed": "x", "died_in_custody": "cross", "died": "triangle-down-open", "unknown": "circle-open-dot",
}
# The year's changes, as rings around a person: a shape per kind, coloured as the status it leads to.
CHANGE_STYLES = {  # change kind -> (symbol, colour)
    "joined": ("circle-open", STATUS_COLOURS["active"]), "left": ("hexagon-open", STATUS_COLOURS["unknown"]),
    "expelled": ("diamond-open", STATUS_COLOURS["expelled"]), "arrested": ("square-open", STATUS_COLOURS["imprisoned"]),
    "exiled": ("triangle-up-open", STATUS_COLOURS["imprisoned"]),
    "recanted": ("diamond-wide-open", STATUS_COLOURS["recanted"]),
    "executed": ("asterisk-open", STATUS_COLOURS["executed"]),
    "died_in_custody": ("cross-open", STATUS_COLOURS["died_in_custody"]),
    "rehabilitated": ("star-open", "#00857A"),
}
# How far each plotly.js shape reaches from its centre, as a share of half its marker size (its
# symbol definitions): a diamond of size 10 is 13 px wide. Sizes are divided by it, so that every
# mark is seen at the width the layout keeps room for.
SYMBOL_REACH = {"circle": 1.0, "square": 1.0, "diamond": 1.3, "diamond-wide": 1.4, "triangle-up": 1.155,
                "triangle-down": 1.155, "hexagon": 1.0, "star": 1.4, "asterisk": 1.2, "cross": 1.2, "x": 1.13}


def marker_size(symbol: str, width: float) -> float:
    """The marker size at which ``symbol`` is seen ``width`` px wide (its widest way)."""
    shape = symbol.removesuffix("-dot").removesuffix("-open")
    return round(width / SYMBOL_REACH[shape], 2)


EDGE_STYLES = {  # certainty -> (legend name, line dash, colour)
    "certain": ("membership", "solid", "rgba(120,120,120,0.45)"),
    "uncertain": ("uncertain membership", "dot", "rgba(90,90,90,0.7)"),
    "disputed": ("disputed membership", "dash", "rgba(204,51,17,0.8)"),
}
DOUBT_MARKS = {"uncertain": "?", "disputed": "?!"}
DOUBT_COLOURS = {"uncertain": "#555555", "disputed": "#CC3311"}
HIGHLIGHT_STYLES = {  # who is marked -> (halo colour, size)
    "highlight": ("rgba(255,190,0,0.55)", 24), "selected": ("rgba(45,114,223,0.35)", 26),
}
FADED_TEXT = "#6B6B6B"  # 5.3:1 on white: names of factions that had ended


def escape(text: object) -> str:
    """Text from the data made safe for Plotly's HTML-like hover and label markup."""
    return html.escape("" if text is None else str(text), quote=False)


def wrap(text: str | None, width: int = 60) -> str:
    """Escape a long text and break it into ``<br>``-separated lines for a hover box."""
    lines = textwrap.wrap(text or "", width, break_long_words=False, break_on_hyphens=False) or [""]
    return "<br>".join(escape(part) for part in lines)


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
    return {
        "title": {"text": f"{escape(title)}<br><sup>{subtitle if subtitle_is_markup else escape(subtitle)}</sup>",
                  "x": 0.01, "xanchor": "left", "font": {"size": 20}},
        "font": {"family": FONT, "size": 13, "color": "#222"},
        "paper_bgcolor": "white", "plot_bgcolor": "white", "height": height, "width": width,
        "margin": margins, "hoverlabel": {"font": {"family": FONT, "size": 12}, "align": "left"},
        "annotations": [{
            "text": caption(dataset, source_ids), "showarrow": False, "xref": "paper", "yref": "paper",
            "x": 0, "y": 0, "xshift": -(margins["l"] - 12), "yshift": -(margins["b"] - 4),
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


# -- text that fits ------------------------------------------------------------------------------
MIN_WIDTH = 680  # px: the narrowest a chart is drawn in the dashboard (1024 px wide, side column open)


def markup_width(text: str, size: float) -> float:
    """The width in px of one line of ``text`` (Plotly markup stripped) in the charts' font."""
    return text_width(html.unescape(re.sub(r"<[^>]+>", "", text)), size)


def wrap_text(text: str, width: float, size: float) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width`` px (a longer word stays whole)."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and markup_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def fit_text(figure: go.Figure, width: int = MIN_WIDTH, title_size: int = 20) -> go.Figure:
    """Wrap the subtitle and the caption of a styled figure so that both fit ``width`` px, pin
    the title to the top and the caption to the bottom left (in px, whatever size the chart is
    drawn at), and grow the top and bottom margins by what the extra lines need."""
    layout = figure.layout
    margin = {"l": layout.margin.l, "r": layout.margin.r, "t": layout.margin.t, "b": layout.margin.b}
    title, _, subtitle = (layout.title.text or "").partition("<br><sup>")
    subtitle = subtitle.removesuffix("</sup>")
    lines = [line for part in subtitle.split("<br>") for line in
             wrap_text(part, width - 24, 0.7 * title_size)] if subtitle else []
    text = title + "".join(f"<br><sup>{line}</sup>" for line in lines)
    margin["t"] = max(margin["t"], round(40 + 1.3 * title_size * (1 + len(lines))))
    annotations = list(layout.annotations)
    for k, note in enumerate(annotations):
        if note.name == "caption":
            caption = wrap_text(note.text, width - 24, 11)
            margin["b"] += round(14.5 * (len(caption) - 1))
            annotations[k] = go.layout.Annotation(note).update(
                text="<br>".join(caption), x=0, y=0, xshift=-(margin["l"] - 12), yshift=-(margin["b"] - 6))
    return figure.update_layout(
        title={"text": text, "y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 34}},
        margin=margin, annotations=annotations)


def add_subtitle_line(figure: go.Figure, text: str, width: int = MIN_WIDTH, title_size: int = 20) -> go.Figure:
    """One more line (or more, wrapped to ``width``) under a fitted figure's subtitle, the top
    margin grown by what it needs."""
    lines = wrap_text(escape(text), width - 24, 0.7 * title_size)
    figure.layout.title.text = (figure.layout.title.text or "") + "".join(f"<br><sup>{line}</sup>" for line in lines)
    figure.layout.margin.t = (figure.layout.margin.t or 0) + round(1.3 * title_size * len(lines))
    return figure
