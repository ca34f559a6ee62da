"""The network of a view as data: CSV (nodes, edges and the sources they cite), GraphML, GEXF
with each membership's years, node-link JSON.
"""

from __future__ import annotations

import io
import json
import re
from xml.sax.saxutils import escape as xml_escape

import networkx as nx

from .csv_tables import cited_sources, csv_bytes
from .dataset import Dataset
from .drawing import ExportError, Filters
from .figures.network_scene import scene_of
from .network import faction_node, network_for, node_id, person_node
from .status import statuses_by_year

__all__ = ["DATA_FORMATS", "data_bytes", "export_graph"]

DATA_FORMATS = ("csv", "graphml", "gexf", "json")


def export_graph(dataset: Dataset, year: int, since: int | None = None,
                 filters: Filters = Filters()) -> nx.Graph:
    """The network the dashboard shows, with readable attributes on every node and edge.

    Every person and faction the chart draws is here: the members of the span and, as the chart
    draws them faded, the earlier members of its factions and the factions with no member left
    (``in_span`` 0). Nodes carry kind, name, spellings, dates, the status at the end of ``year``
    (the rule of :mod:`oppositions.status`: "unknown" after a living person's last fact) and the
    year's changes; edges carry role, the membership's years (``start`` and ``end``, used by GEXF
    as its time interval) and certainty. Every node and edge names its sources twice: their ids
    (``sources``, rows of sources.csv) and their citations (``citations``). Lists are joined with
    ``;`` (citations with `` | ``) so that every format can hold them.
    """
    first = since if since is not None else year
    dataset = filters.data_of(dataset)
    scene = scene_of(dataset, year, factions=filters.factions, persons=filters.persons, since=since)
    network = network_for(dataset)
    everyone = network.graph_between(min(network.years[0], first), year, filters.factions, filters.persons)
    kept = {person_node(p) for p in scene.drawn} | {faction_node(f) for f in scene.factions + scene.ended_factions}
    graph = everyone.subgraph(n for n in everyone if n in kept)
    statuses = statuses_by_year(dataset)
    changed: dict[str, list[str]] = {}
    for change in scene.changes:
        changed.setdefault(change.person, []).append(change.kind)
    out = nx.Graph(name=f"{dataset.title}, {first}-{year}", version=dataset.version)
    for node in graph.nodes:
        kind, record_id = node_id(node)
        if kind == "person":
            p = dataset.persons[record_id]
            attrs = {"kind": "person", "label": p.name, "name_ru": p.name_ru or "",
                     "name_variants": ";".join(p.name_variants), "born": str(p.born or ""),
                     "died": str(p.died or ""), "death_cause": p.death_cause or "",
                     "status": statuses[record_id].get(year, "active"), "in_span": int(record_id in scene.current),
                     "changes": ";".join(dict.fromkeys(changed.get(record_id, ()))),
                     **_cited(dataset, p.sources)}
        else:
            f = dataset.factions[record_id]
            attrs = {"kind": "faction", "label": f.name, "faction_kind": f.kind, "colour": f.colour,
                     "formed": str(f.formed), "ended": str(f.ended or ""), "end_reason": f.end_reason or "",
                     "in_span": int(record_id in scene.factions), **_cited(dataset, f.sources)}
        out.add_node(node, **attrs)
    for a, b, data in graph.edges(data=True):
        spells = data["spells"]
        person, faction = (a, b) if a.startswith("p:") else (b, a)
        out.add_edge(person, faction, role=data["role"],
                     start=min(s.first_year for s in spells), end=max(s.last_year for s in spells),
                     start_date=str(spells[0].membership.start),
                     end_date=str(spells[-1].membership.end or ""),
                     in_span=int(any(s.last_year >= first for s in spells)),
                     certainty=data["certainty"] or "certain",
                     **_cited(dataset, (s for sp in spells for s in sp.membership.sources)))
    for node in out:
        years = [out.edges[node, n]["start"] for n in out[node]] + [out.edges[node, n]["end"] for n in out[node]]
        out.nodes[node]["start"], out.nodes[node]["end"] = (min(years), max(years)) if years else (first, year)
    return out


def _cited(dataset: Dataset, source_ids) -> dict[str, str]:
    """A record's sources as ids and as the citations they stand for."""
    ids = list(dict.fromkeys(source_ids))
    return {"sources": ";".join(ids),
            "citations": " | ".join(dataset.sources[s].citation if s in dataset.sources else s for s in ids)}


def data_bytes(graph: nx.Graph, fmt: str, dataset: Dataset | None = None) -> dict[str, bytes]:
    """The graph in a data format: ``{suffix: bytes}`` (CSV gives a nodes and an edges file, and
    with ``dataset`` the sources they cite)."""
    if fmt == "csv":
        files = {"-nodes.csv": csv_bytes([{"id": n, **d} for n, d in graph.nodes(data=True)]),
                 "-edges.csv": csv_bytes([{"source": a, "target": b, **d}
                                           for a, b, d in graph.edges(data=True)])}
        return {**files, "-sources.csv": cited_sources(dataset, graph)} if dataset is not None else files
    if fmt == "graphml":
        buffer = io.BytesIO()
        nx.write_graphml(graph, buffer, encoding="utf-8")
        return {".graphml": buffer.getvalue()}
    if fmt == "gexf":
        return {".gexf": _gexf_bytes(graph)}
    if fmt == "json":
        data = nx.node_link_data(graph, edges="links")
        return {".json": json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")}
    raise ExportError(f"unknown data format {fmt!r}; choose from {', '.join(DATA_FORMATS)}")


# -- files -------------------------------------------------------------------------------------


def _gexf_bytes(graph: nx.Graph) -> bytes:
    """GEXF 1.2draft, dynamic (each node and edge with its ``start`` and ``end`` year), valid
    against the official schema: networkx writes ``timeformat="long"`` and a ``name`` on the
    graph, which the schema has not; the years are integers and the name becomes the meta's
    description."""
    dynamic = graph.copy()
    dynamic.graph.update(mode="dynamic")
    buffer = io.BytesIO()
    nx.write_gexf(dynamic, buffer, encoding="utf-8")
    text = buffer.getvalue().decode("utf-8")
    head, rest = text.split("<graph ", 1)
    tag, rest = rest.split(">", 1)
    tag = re.sub(r'\s?name="[^"]*"', "", tag).replace('timeformat="long"', 'timeformat="integer"')
    description = xml_escape(str(graph.graph.get("name", "")))
    head = head.replace("</creator>", f"</creator>\n    <description>{description}</description>", 1)
    return (head + "<graph " + tag + ">" + rest).encode("utf-8")
