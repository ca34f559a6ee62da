"""The timeline: each faction's lifespan as a bar, the events as marked points, the year as a line.

The story of the oppositions (1917 to the network's last year, 1941 here) takes most of the width; a narrow panel on the right
holds what came after (Myasnikov's end in 1944-45, the rehabilitations of 1956-1991), so neither
is squeezed. The chief events carry short labels in a blank row under their markers, placed where
they touch no other label even in the narrowest chart the dashboard draws; every marker has its
full title on hover. This module also holds the estimates of text size the other charts use to fit their
titles, captions and labels (:func:`text_width`, :func:`fit_text`).
"""

from __future__ import annotations

import re
from typing import Iterable

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..dataset import Dataset
from ..span import span_of
from .style import MIN_WIDTH, escape, fit_text, markup_width, style_figure, with_alpha, wrap

__all__ = ["timeline_figure", "timeline_events", "EVENT_GROUPS", "event_labels", "STORY_START"]

STORY_START = 1917  # the first year the timeline draws
AFTER = (1943, 1992)  # the panel of what came after
DASHBOARD_HEIGHT = 780  # px: the timeline's height in the dashboard
LABEL_SIZE = 10
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

# -- the chart --------------------------------------------------------------------------------


def timeline_figure(dataset: Dataset, year: int | None = None, *,
                    factions: Iterable[str] | None = None) -> go.Figure:
    """Faction lifespans and events, with ``year`` (if given) marked as a vertical line.

    Parameters
    ----------
    dataset : Dataset
    year : int, optional
        The chosen year, drawn as a line on the story panel; its events are labelled first.
    factions : iterable of ids, optional
        Show only these factions and the events that touch them (or touch no faction).
    """
    keep = set(factions) if factions is not None else None
    shown = sorted((f for f in dataset.factions.values() if keep is None or f.id in keep),
                   key=lambda f: f.formed.sort_key(), reverse=True)
    events = timeline_events(dataset, factions)
    story_end = span_of(dataset).last
    last_year = max([dataset.years[1], story_end + 1])
    figure = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[0.82, 0.18],
                           horizontal_spacing=0.015)
    source_ids = {s for f in shown for s in f.sources} | {s for e in events for s in e.sources}
    for col in (1, 2):
        figure.add_trace(_lifespan_bars(dataset, shown, show_legend=False), row=1, col=col)
        for trace in _event_traces(events, col == 1):
            figure.add_trace(trace, row=1, col=col)
    ranges = {1: (STORY_START, story_end + 0.99), 2: (AFTER[0], max(AFTER[1], last_year))}
    figure.update_xaxes(range=ranges[1], dtick=1, tickangle=-90, row=1, col=1, showgrid=True, gridcolor="#eee")
    figure.update_xaxes(range=ranges[2], tick0=1950, dtick=10, tickangle=-90, row=1, col=2,
                        showgrid=True, gridcolor="#eee")
    figure.add_annotation(text="afterwards", xref="x2 domain", yref="paper", x=1, y=1.0, xanchor="right",
                          yanchor="bottom", showarrow=False, font={"color": "#555", "size": 12})
    lanes = {group: " " * (k + 1) for k, group in enumerate(EVENT_GROUPS)}  # a blank row under each
    rows = [row for group in EVENT_GROUPS for row in (group, lanes[group])] + [escape(f.label) for f in reversed(shown)]
    figure.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=rows,
                        tickfont={"size": 11})
    if year is not None:
        col = 1 if year <= story_end else 2
        figure.add_vline(x=year + 0.5, line={"color": "#EE7733", "width": 3}, row=1, col=col)
        figure.add_annotation(x=year + 0.5, y=1.0, yref="paper", text=f"<b>{year}</b>",
                              showarrow=False, yanchor="bottom", font={"color": "#EE7733"},
                              xref="x" if col == 1 else "x2")
    height = max(600, 230 + 18 * len(rows))
    style_figure(figure, "The oppositions and the apparatus, year by year" + (f": {year}" if year else ""),
                 f"{len(shown)} factions and groups, {len(events)} events; bars run from formation "
                 "to end; the chief events are labelled, hover any marker for its event, click it to "
                 "move to its year", dataset, source_ids, height=height, margin={"l": 190, "b": 70})
    fit_text(figure)
    margin = figure.layout.margin
    row_px = (min(height, DASHBOARD_HEIGHT) - margin.t - margin.b) / len(rows)
    plot_px = (MIN_WIDTH - margin.l - margin.r) * (1 - 0.015)
    story_ids = {e for step in dataset.story for e in step.events}
    for col, share in ((1, 0.82), (2, 0.18)):
        for trace in event_labels(events, lanes, ranges[col], plot_px * share, row_px, year, story_ids):
            figure.add_trace(trace, row=1, col=col)
    figure.update_layout(meta={"year": year}, barmode="overlay", showlegend=False)
    return figure


def timeline_events(dataset: Dataset, factions: Iterable[str] | None = None) -> list:
    """The events the timeline draws: from :data:`STORY_START` on, and with ``factions`` only
    those that touch one of them or no faction at all."""
    keep = set(factions) if factions is not None else None
    return [e for e in dataset.events if e.date.year >= STORY_START
            and (keep is None or not e.factions or keep & set(e.factions))]


def _lifespan_bars(dataset: Dataset, factions, show_legend: bool) -> go.Bar:
    """One horizontal bar per faction from formed to ended (open: to the end of the story)."""
    starts, lengths, names, colours, hover, ids = [], [], [], [], [], []
    for f in factions:
        start = f.formed.fractional() - (0.5 if f.formed.month is None else 1 / 24)
        end = (f.ended.fractional() + (0.5 if f.ended.month is None else 1 / 24)
               if f.ended else span_of(dataset).last + 1)
        starts.append(start)
        lengths.append(max(end - start, 0.15))
        names.append(escape(f.label))  # a category is drawn as Plotly's markup: a tag would be live
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


def short_label(title: str, most: int = 28) -> str:
    """An event's title without what is in brackets, cut to its first clause and to ``most``
    characters at a word's end (not after "of", "the", "and"...)."""
    head = re.split(r": |; | - ", re.sub(r"\s*\([^)]*\)", "", title))[0].strip()
    head = head.removesuffix(" of the RCP")
    if len(head) <= most:
        return head
    words = head[:most + 1].rsplit(" ", 1)[0].split(" ")
    while len(words) > 1 and words[-1].lower().strip(",'\"") in _STOP:
        words.pop()
    return " ".join(words).rstrip(",;:'\" ") + "…"


_STOP = {"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "the", "to", "with", "his", "its"}


def event_labels(events, lanes: dict[str, str], x_range: tuple[float, float], width_px: float,
                 row_px: float, year: int | None, story_ids: set[str]) -> list[go.Scatter]:
    """Short labels for the chief events in one panel, in the blank row (``lanes``) under each
    row of markers, starting under the event's marker (or ending there, near the panel's right
    edge), where no other label is and inside the panel.

    The panel is taken ``width_px`` wide: the narrowest the dashboard draws it, so the labels
    stand clear at every wider size too. The chosen ``year``'s events are labelled first, then
    those the guided story tells of, then those naming most persons and factions; the others
    are left to their hover.
    """
    if row_px < 1.25 * LABEL_SIZE or width_px <= 0:
        return []
    scale = width_px / (x_range[1] - x_range[0])
    group_of = {kind: group for group, (kinds, _, _) in EVENT_GROUPS.items() for kind in kinds}
    inside = [e for e in events if e.kind in group_of and x_range[0] <= e.date.fractional() <= x_range[1]]
    order = sorted(inside, key=lambda e: (e.date.year != year, e.id not in story_ids,
                                          -len(e.persons) - len(e.factions), e.date.sort_key()))
    taken: dict[str, list[tuple[float, float]]] = {}
    placed: list[tuple] = []
    for e in order:
        label, lane = short_label(e.title), lanes[group_of[e.kind]]
        w, x = markup_width(label, LABEL_SIZE) + 2, (e.date.fractional() - x_range[0]) * scale
        others = taken.setdefault(lane, [])
        for side, span in ((1, (x - 1, x + 3 + w)), (-1, (x - 3 - w, x + 1))):
            if span[0] >= 0 and span[1] <= width_px and all(span[1] + 6 <= a or span[0] >= b + 6 for a, b in others):
                others.append(span)
                placed.append((e, label, lane, side))
                break
    traces = []
    for lane in lanes.values():
        for side in (1, -1):
            these = [(e, label) for e, label, ln, s in placed if ln == lane and s == side]
            if these:
                traces.append(go.Scatter(
                    x=[e.date.fractional() for e, _ in these], y=[lane] * len(these), mode="text",
                    text=[escape(label) for _, label in these], name="event labels",
                    textposition="middle right" if side == 1 else "middle left",
                    textfont={"size": LABEL_SIZE, "color": "#333"}, marker={"size": 0.1},
                    hoverinfo="skip", showlegend=False, customdata=[["event", e.id, e.date.year] for e, _ in these]))
    return traces
