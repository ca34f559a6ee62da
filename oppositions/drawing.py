"""What to draw: the one dispatcher from a chart's name, its years and the reader's filters to
the figure, used alike by the command line, the exports and the dashboard.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import plotly.graph_objects as go

from .dataset import Dataset
from .figures import fates_figure, flows_figure, network_figure, overlap_heatmap, overlap_upset, timeline_figure
from .figures.network_chart import network_spec
from .figures.style import add_subtitle_line
from .network import network_for
from .span import span_of
from .vocabulary import CHARTS, OPPOSITION_KINDS

__all__ = ["CHART_FACTIONS", "ExportError", "Filters", "build_chart", "chart_spec", "file_name"]

CHART_FACTIONS = 40  # past this many factions, the overlap, UpSet and flows charts draw the largest



class ExportError(ValueError):
    """A request that cannot be exported (bad chart, year, format or folder), said plainly."""


@dataclass(frozen=True)
class Filters:
    """The dashboard's filters, shared by the command line: factions, persons, view, highlight."""

    factions: tuple[str, ...] | None = None
    persons: tuple[str, ...] | None = None
    view: str = "bipartite"
    highlight: tuple[str, ...] = ()
    highlight_label: str = "highlighted"  # where the highlight comes from, for the legend
    selected: str | None = None  # the person whose panel is open
    undisputed: bool = False  # leave out what sources dispute
    region: tuple[float, float, float, float] | None = None  # the part of the network zoomed into
    faction: str | None = None  # the faction whose panel is open

    def data_of(self, dataset: Dataset) -> Dataset:
        """The dataset to draw: the whole, or the part no source disputes."""
        return dataset.undisputed if self.undisputed else dataset

    def check(self, dataset: Dataset) -> None:
        """Raise :class:`ExportError` naming any unknown faction or person."""
        for name, table, asked in (("faction", dataset.factions, self.factions),
                                   ("person", dataset.persons, self.persons)):
            unknown = [x for x in asked or () if x not in table]
            if unknown:
                raise ExportError(f"unknown {name} id(s): {', '.join(unknown)}")


# -- charts ------------------------------------------------------------------------------------


def build_chart(dataset: Dataset, chart: str, year: int, since: int | None = None,
                filters: Filters = Filters()) -> go.Figure:
    """The figure the dashboard shows for ``chart`` at ``year`` (or ``since``..``year``)."""
    dataset = filters.data_of(dataset)
    factions, note = _factions_drawn(dataset, chart, filters.factions)
    figure = _chart(dataset, chart, year, since, filters, factions)
    return add_subtitle_line(figure, note) if note else figure


def _factions_drawn(dataset: Dataset, chart: str, factions) -> tuple[tuple[str, ...] | None, str | None]:
    """The factions a chart of every faction draws: all, or past :data:`CHART_FACTIONS` those with
    the most members, with a line saying so (a chart of 1,250 factions is slow and unreadable)."""
    if factions is not None or chart not in ("overlap", "upset", "flows"):
        return factions, None
    candidates = [f for f, faction in dataset.factions.items() if chart != "flows" or faction.kind != "leadership"]
    if len(candidates) <= CHART_FACTIONS:
        return None, None
    members = network_for(dataset).members_ever
    chosen = sorted(candidates, key=lambda f: (-members.get(f, 0), f))[:CHART_FACTIONS]
    return tuple(sorted(chosen)), (f"Drawn: the {CHART_FACTIONS} factions with the most members, of the "
                                   f"{len(candidates):,} in this dataset; tick others under View and factions.")


def _chart(dataset: Dataset, chart: str, year: int, since: int | None, filters: Filters, factions) -> go.Figure:
    """The chart itself, for the factions chosen."""
    span = span_of(dataset)
    first = since if since is not None else span.first
    if chart == "network":
        return network_figure(dataset, year, **_network_options(filters, since))
    if chart == "timeline":
        return timeline_figure(dataset, year, factions=factions)
    if chart == "overlap":
        return overlap_heatmap(dataset, (first, year), factions=factions)
    if chart == "upset":
        return overlap_upset(dataset, (first, year), factions=factions)
    if chart == "flows":
        return flows_figure(dataset, (first, year), factions=factions, end_year=year)
    if chart == "fates":
        chosen = None if factions is None else [
            f for f in factions if dataset.factions[f].kind in OPPOSITION_KINDS]
        return fates_figure(dataset, (span.first, max(span.last, year)), factions=chosen, year=year)
    raise ExportError(f"unknown chart {chart!r}; choose from {', '.join(CHARTS)} or all")


def chart_spec(dataset: Dataset, chart: str, year: int, since: int | None = None,
               filters: Filters = Filters()) -> dict:
    """:func:`build_chart` as a plain, JSON-ready dict: the network straight from its dict
    builder (the dashboard's hot path), the other charts through plotly's JSON."""
    if chart == "network":
        return network_spec(filters.data_of(dataset), year, **_network_options(filters, since))
    return json.loads(build_chart(dataset, chart, year, since, filters).to_json())


def _network_options(filters: Filters, since: int | None) -> dict:
    """The network builder's keyword arguments for these filters."""
    return {"factions": filters.factions, "persons": filters.persons, "highlight": filters.highlight,
            "highlight_label": filters.highlight_label, "selected": filters.selected,
            "view": filters.view, "since": since, "region": filters.region, "faction": filters.faction}


def file_name(chart: str, year: int, since: int | None, fmt: str, suffix: str = "") -> str:
    """What a file is called: ``network-1927.png``, ``overlap-1923-1927.svg``."""
    when = f"{since}-{year}" if since is not None and since != year else str(year)
    name = f"{chart}-{when}{suffix}.{fmt}"
    if not re.fullmatch(r"[a-z0-9.-]+", name):
        raise ExportError(f"unsafe file name {name!r}")
    return name
