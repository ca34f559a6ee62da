"""Each chart's data as a table a reader can sort, filter, read aloud and download.

The network's table lists the persons the chart draws, with the factions they were in that
year, their status at its end, the year's change, how many factions they sat in and how much
they bridged them (betweenness in that year's network), the least certainty of what is shown
and the citations of every row it rests on. The other charts' tables hold what they draw:
lifespans and events, shared members, each person's path and end, the members by status.

Every table's title says what its rows count, among the persons of the dataset. Nothing here
imports Dash: the command line and the dashboard read the very same rows.

Examples
--------
>>> from oppositions.dataset import load_dataset
>>> table = table_of(load_dataset(), "network", 1927)
>>> table.title
'179 persons the network of 1927 draws (121 members in 1927, 58 earlier members), among the 292 persons in this dataset'
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable

import networkx as nx

from .changes import CHANGE_LABELS
from .csv_tables import csv_bytes
from .dataset import Dataset
from .drawing import Filters
from .figures.flows import END_NODES, end_of, person_paths
from .figures.network_marks import worst
from .figures.overlap import membership_sets
from .figures.style import STATUS_LABELS
from .figures.timeline import timeline_events
from .graph_data import export_graph
from .sourcing import citations
from .span import span_of
from .status import STATUSES, statuses_by_year
from .vocabulary import OPPOSITION_KINDS

__all__ = ["Column", "Table", "TABLE_CHARTS", "table_of", "table_csv"]

EXACT_BETWEENNESS_UP_TO = 3000  # nodes; past this, betweenness is estimated from a sample of sources
BETWEENNESS_SAMPLE = 500
BETWEENNESS_SEED = 1921


@dataclass(frozen=True)
class Column:
    """One column: the row key, the header a reader sees, and whether it holds numbers."""

    field: str
    header: str
    numeric: bool = False
    hidden: bool = False  # kept in the rows (an id to open a person by) but not shown


@dataclass(frozen=True)
class Table:
    """A chart's rows, with a title saying what they count."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[dict, ...]

    @property
    def shown(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if not c.hidden)


def _among(dataset: Dataset) -> str:
    return f"among the {len(dataset.persons):,} persons in this dataset"


def _when(year: int, since: int | None) -> str:
    return f"{since}-{year}" if since is not None and since != year else str(year)


def _betweenness(graph: nx.Graph) -> dict[str, float]:
    if graph.number_of_nodes() <= EXACT_BETWEENNESS_UP_TO:
        return nx.betweenness_centrality(graph, normalized=True)
    return nx.betweenness_centrality(graph, k=BETWEENNESS_SAMPLE, normalized=True, seed=BETWEENNESS_SEED)


NETWORK_COLUMNS = (
    Column("id", "id", hidden=True), Column("name", "Person"), Column("drawn_as", "In the chart"),
    Column("factions", "Factions in these years"), Column("earlier", "Earlier factions"),
    Column("status", "Status at the end"),
    Column("change", "Changed this year"), Column("degree", "Factions (count)", numeric=True),
    Column("betweenness", "Bridging (betweenness)", numeric=True), Column("certainty", "Certainty"),
    Column("sources", "Sources"), Column("name_ru", "Russian name"),
)


def network_table(dataset: Dataset, year: int, since: int | None = None, filters: Filters = Filters()) -> Table:
    """The persons the network draws for these filters, one row each: the members of the years
    first, then the earlier members the chart draws faded, each by name."""
    graph = export_graph(dataset, year, since, filters)
    data = filters.data_of(dataset)
    current = graph.edge_subgraph((a, b) for a, b, d in graph.edges(data=True) if d["in_span"])
    bridging = _betweenness(current)
    rows = []
    for node, attrs in graph.nodes(data=True):
        if attrs["kind"] != "person":
            continue
        edges = graph[node]
        now = [n for n in edges if edges[n]["in_span"]]
        before = [n for n in edges if not edges[n]["in_span"]]
        shown = now or before
        rows.append({
            "id": node.partition(":")[2], "name": attrs["label"], "name_ru": attrs["name_ru"],
            "drawn_as": f"member in {_when(year, since)}" if attrs["in_span"] else "earlier member (faded)",
            "factions": "; ".join(graph.nodes[f]["label"] for f in now),
            "earlier": "; ".join(graph.nodes[f]["label"] for f in before),
            "status": STATUS_LABELS.get(attrs["status"], attrs["status"]),
            "change": "; ".join(CHANGE_LABELS.get(c, c) for c in attrs["changes"].split(";") if c),
            "degree": len(now), "betweenness": round(bridging.get(node, 0.0), 4),
            "certainty": worst(edges[f]["certainty"] for f in shown),
            "sources": citations(data.sources, (s for record in (attrs, *(edges[f] for f in shown))
                                         for s in record["sources"].split(";") if s)),
        })
    rows.sort(key=lambda r: (not r["degree"], r["name"].casefold(), r["id"]))
    members = sum(1 for n, d in graph.nodes(data=True) if d["kind"] == "person" and d["in_span"])
    title = (f"{len(rows)} persons the network of {_when(year, since)} draws ({members} members in "
             f"{_when(year, since)}, {len(rows) - members} earlier members), {_among(data)}")
    return Table(title, NETWORK_COLUMNS, tuple(rows))


TIMELINE_COLUMNS = (
    Column("what", "Kind"), Column("name", "Faction or event"), Column("from", "From"), Column("to", "To"),
    Column("detail", "How it ended, or what happened"),
    Column("persons", "Persons in this dataset", numeric=True), Column("count", "Number the sources give", numeric=True),
    Column("certainty", "Certainty"), Column("sources", "Sources"),
)


def timeline_table(dataset: Dataset, _year: int, _since: int | None = None, filters: Filters = Filters()) -> Table:
    """The timeline's bars (each faction's lifespan) and markers (each event), in date order (the
    same whatever the year: the chart marks the year, the table lists everything)."""
    data = filters.data_of(dataset)
    keep = set(filters.factions) if filters.factions is not None else None
    members = Counter(m.faction for m in {(m.person, m.faction): m for m in data.memberships}.values())
    rows = [{"what": "faction or group", "name": f.name, "from": str(f.formed), "to": str(f.ended or ""),
             "detail": f.end_reason or "", "persons": members.get(f.id, 0), "count": None, "certainty": "certain",
             "sources": citations(data.sources, f.sources), "_key": f.formed.sort_key()}
            for f in data.factions.values() if keep is None or f.id in keep]
    rows += [{"what": e.kind, "name": e.title, "from": str(e.date), "to": str(e.end or ""),
              "detail": e.description or "", "persons": len(e.persons), "count": e.count,
              "certainty": e.certainty or "certain", "sources": citations(data.sources, e.sources), "_key": e.date.sort_key()}
             for e in timeline_events(data, filters.factions)]
    rows.sort(key=lambda r: r.pop("_key"))
    factions = sum(1 for r in rows if r["what"] == "faction or group")
    title = (f"{factions} factions and groups and {len(rows) - factions} events on the timeline; 'Persons in "
             f"this dataset' counts a faction's members and the persons an event names, {_among(data)}")
    return Table(title, TIMELINE_COLUMNS, tuple(rows))


OVERLAP_COLUMNS = (
    Column("first", "Faction"), Column("second", "Shares members with"),
    Column("shared", "Shared members", numeric=True), Column("jaccard", "Share of either's members", numeric=True),
    Column("names", "Who"),
)


def overlap_table(dataset: Dataset, year: int, since: int | None = None, filters: Filters = Filters()) -> Table:
    """Every pair of factions with a member in common in the years, most shared first."""
    data = filters.data_of(dataset)
    first = since if since is not None else span_of(data).first
    sets = membership_sets(data, (first, year), filters.factions)
    members: dict[str, set[str]] = {}
    for person, factions in sets.items():
        for f in factions:
            members.setdefault(f, set()).add(person)
    order = sorted(members, key=lambda f: (data.factions[f].formed.sort_key(), f))
    rows = []
    for i, a in enumerate(order):
        for b in order[i + 1:]:
            shared = members[a] & members[b]
            if shared:
                names = sorted(data.persons[p].name for p in shared)
                rows.append({"first": data.factions[a].name, "second": data.factions[b].name,
                             "shared": len(shared), "jaccard": round(len(shared) / len(members[a] | members[b]), 3),
                             "names": "; ".join(names)})
    rows.sort(key=lambda r: (-r["shared"], r["first"], r["second"]))
    title = (f"{len(rows)} pairs of factions that shared members in {first}-{year}, counting the "
             f"{len(sets)} persons with a membership in those years, {_among(data)}")
    return Table(title, OVERLAP_COLUMNS, tuple(rows))


FLOWS_COLUMNS = (
    Column("id", "id", hidden=True), Column("name", "Person"), Column("path", "Path through the factions"),
    Column("steps", "Factions (count)", numeric=True), Column("end", "End"),
)


def flows_table(dataset: Dataset, year: int, since: int | None = None, filters: Filters = Filters()) -> Table:
    """Each person's path through the factions in the years, and where it ended by ``year``:
    the rows the Flows chart adds up."""
    data = filters.data_of(dataset)
    first = since if since is not None else span_of(data).first
    paths = person_paths(data, (first, year), filters.factions)
    statuses = statuses_by_year(data)
    rows = [{"id": p, "name": data.persons[p].name,
             "path": " → ".join(data.factions[f].label for f in path), "steps": len(path),
             "end": END_NODES[end_of(data, statuses[p], p, year)][0]}
            for p, path in paths.items() if path]
    rows.sort(key=lambda r: (r["name"].casefold(), r["id"]))
    title = f"{len(rows)} persons' paths through the factions in {first}-{year}, and their end by {year}, {_among(data)}"
    return Table(title, FLOWS_COLUMNS, tuple(rows))


FATES_COLUMNS = (Column("faction", "Faction or group"), Column("members", "Members so far", numeric=True),
                 *(Column(s, STATUS_LABELS[s], numeric=True) for s in STATUSES))


def fates_table(dataset: Dataset, year: int, _since: int | None = None, filters: Filters = Filters()) -> Table:
    """Each opposition's members so far by their status at the end of ``year``."""
    data = filters.data_of(dataset)
    statuses = statuses_by_year(data)
    joined: dict[str, dict[str, int]] = {}
    for m in data.memberships:
        first = joined.setdefault(m.faction, {})
        first[m.person] = min(first.get(m.person, m.start.year), m.start.year)
    keep = set(filters.factions) if filters.factions is not None else None
    rows = []
    for f in sorted(data.factions.values(), key=lambda f: f.formed.sort_key()):
        if f.kind not in OPPOSITION_KINDS or (keep is not None and f.id not in keep):
            continue
        so_far = [p for p, start in joined.get(f.id, {}).items() if start <= year]
        if not so_far:
            continue
        tally = Counter(statuses[p].get(year, "active") for p in so_far)
        rows.append({"faction": f.name, "members": len(so_far), **{s: tally.get(s, 0) for s in STATUSES}})
    title = (f"Members of {len(rows)} oppositions and groups of signatories by status at the end of {year} "
             f"(a person counts in each group they had joined by then), {_among(data)}")
    return Table(title, FATES_COLUMNS, tuple(rows))


TABLE_CHARTS = {"network": network_table, "timeline": timeline_table, "overlap": overlap_table,
                "flows": flows_table, "fates": fates_table}


def table_of(dataset: Dataset, chart: str, year: int, since: int | None = None,
             filters: Filters = Filters()) -> Table:
    """The table of ``chart`` (a tab of the dashboard) for the view."""
    return TABLE_CHARTS[chart](dataset, year, since, filters)


def table_csv(table: Table, order: Iterable[int] | None = None) -> bytes:
    """The table as spreadsheet-safe CSV under its headers, the rows in ``order`` (indices, as a
    reader sorted and filtered them) or all of them."""
    rows = table.rows if order is None else [table.rows[i] for i in order]
    columns = table.shown
    return csv_bytes(({c.header: row[c.field] for c in columns} for row in rows), [c.header for c in columns])
