"""The faction-membership network, sliced by year, with its projections and metrics.

A :class:`Network` is built once from a :class:`~oppositions.dataset.Dataset`: each membership
becomes an edge between a person node and a faction node, carrying its interval in years, its
role and its sources. Slicing by year reads a precomputed index (year -> edges active that
year) instead of scanning every membership, so moving a year slider costs only the edges shown.

Node ids are prefixed (``p:shlyapnikov``, ``f:workers-opposition``) so that a person and a
faction can never collide.

Examples
--------
>>> from oppositions.dataset import load_dataset
>>> net = network_for(load_dataset())
>>> g = net.graph_at(1921)
>>> g.has_edge("p:shlyapnikov", "f:workers-opposition")
True
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Iterable, Iterator, Mapping

import networkx as nx

from .dataset import Dataset, Membership
from .dates import PartialDate
from .vocabulary import OPPOSITION_KINDS

__all__ = [
    "Bridge",
    "Edge",
    "Network",
    "Step",
    "faction_node",
    "network_for",
    "person_node",
    "node_id",
]



def person_node(person_id: str) -> str:
    """The graph node of a person."""
    return f"p:{person_id}"


def faction_node(faction_id: str) -> str:
    """The graph node of a faction."""
    return f"f:{faction_id}"


def node_id(node: str) -> tuple[str, str]:
    """Split a node into its kind (``'person'`` or ``'faction'``) and the record id."""
    prefix, _, record_id = node.partition(":")
    return ("person" if prefix == "p" else "faction"), record_id


@dataclass(frozen=True)
class Edge:
    """A membership as an edge, with the years it is drawn in (both ends included)."""

    index: int
    membership: Membership
    first_year: int
    last_year: int

    @property
    def nodes(self) -> tuple[str, str]:
        """(person node, faction node)."""
        return person_node(self.membership.person), faction_node(self.membership.faction)


@dataclass(frozen=True)
class Bridge:
    """A person who sat in two or more oppositions, with each membership's years."""

    person: str
    memberships: tuple[tuple[str, int, int], ...]  # (faction id, first year, last year)


@dataclass(frozen=True)
class Step:
    """One step of a person's trajectory: a membership begun, or a fate."""

    date: PartialDate
    kind: str  # "joined" or a fate status
    faction: str | None
    label: str


class Network:
    """The membership network of one dataset, with a year index built once.

    Parameters
    ----------
    dataset : Dataset
    """

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self.edges: tuple[Edge, ...] = tuple(
            Edge(i, m, *self._years_of(m)) for i, m in enumerate(dataset.memberships))
        index: dict[int, list[int]] = defaultdict(list)
        for edge in self.edges:
            for year in range(edge.first_year, edge.last_year + 1):
                index[year].append(edge.index)
        self._by_year: Mapping[int, tuple[int, ...]] = {y: tuple(ix) for y, ix in index.items()}

    # -- years ---------------------------------------------------------------------------------

    @cached_property
    def years(self) -> tuple[int, int]:
        """First and last year of the story: first membership to the last fate or event."""
        first = min((e.first_year for e in self.edges), default=self.dataset.years[0])
        return first, max(self.dataset.years[1], first)

    @cached_property
    def membership_years(self) -> tuple[int, int]:
        """First and last year in which any membership was active."""
        if not self.edges:
            return self.years
        return min(e.first_year for e in self.edges), max(e.last_year for e in self.edges)

    def _years_of(self, membership: Membership) -> tuple[int, int]:
        """The years a membership is drawn in: its own end, else the faction's end, else death."""
        start = membership.start.year
        if membership.end:
            return start, max(start, membership.end.year)
        faction = self.dataset.factions.get(membership.faction)
        person = self.dataset.persons.get(membership.person)
        candidates = [d.year for d in (faction.ended if faction else None,
                                       person.died if person else None) if d]
        end = min(candidates) if candidates else self.dataset.years[1]
        return start, max(start, end)

    def edges_between(self, first: int, last: int) -> Iterator[Edge]:
        """Edges active in any year from ``first`` to ``last`` (both included), each once."""
        seen: set[int] = set()
        for year in range(first, last + 1):
            for i in self._by_year.get(year, ()):
                if i not in seen:
                    seen.add(i)
                    yield self.edges[i]

    # -- graphs --------------------------------------------------------------------------------

    def graph_at(self, year: int, factions: Iterable[str] | None = None,
                 persons: Iterable[str] | None = None) -> nx.Graph:
        """The bipartite person-faction graph of the memberships active in ``year``.

        Parameters
        ----------
        year : int
        factions, persons : iterable of ids, optional
            Keep only these factions or persons (``None`` keeps all).
        """
        return self.graph_between(year, year, factions, persons)

    def graph_between(self, first: int, last: int, factions: Iterable[str] | None = None,
                      persons: Iterable[str] | None = None) -> nx.Graph:
        """The bipartite graph of memberships active at any time from ``first`` to ``last``."""
        keep_factions = set(factions) if factions is not None else None
        keep_persons = set(persons) if persons is not None else None
        graph = nx.Graph(first_year=first, last_year=last)
        for edge in self.edges_between(first, last):
            m = edge.membership
            if keep_factions is not None and m.faction not in keep_factions:
                continue
            if keep_persons is not None and m.person not in keep_persons:
                continue
            p, f = edge.nodes
            if p not in graph:
                graph.add_node(p, bipartite=0, kind="person", id=m.person)
            if f not in graph:
                graph.add_node(f, bipartite=1, kind="faction", id=m.faction)
            if graph.has_edge(p, f):  # two spells in one faction: keep them all on one edge
                graph.edges[p, f]["spells"].append(edge)
            else:
                graph.add_edge(p, f, spells=[edge], role=m.role, sources=m.sources,
                               certainty=m.certainty)
        return graph

    @cached_property
    def members_ever(self) -> Mapping[str, int]:
        """How many persons ever belonged to each faction (its degree in :attr:`full_graph`,
        counted without building it)."""
        members: dict[str, set[str]] = defaultdict(set)
        for edge in self.edges:
            members[edge.membership.faction].add(edge.membership.person)
        return {faction: len(persons) for faction, persons in members.items()}

    @cached_property
    def full_graph(self) -> nx.Graph:
        """Every membership of every year: the graph the stable layout is computed on."""
        return self.graph_between(*self.years)

    # -- projections ---------------------------------------------------------------------------

    @staticmethod
    def person_projection(graph: nx.Graph) -> nx.Graph:
        """Persons linked by the factions they shared; ``weight`` counts shared factions."""
        persons = [n for n, kind in graph.nodes(data="kind") if kind == "person"]
        if not persons:  # networkx refuses to project an empty graph
            return nx.Graph()
        return nx.bipartite.weighted_projected_graph(graph, persons)

    @staticmethod
    def faction_projection(graph: nx.Graph) -> nx.Graph:
        """Factions linked by shared members: ``weight`` (count) and ``jaccard``."""
        factions = [n for n, kind in graph.nodes(data="kind") if kind == "faction"]
        projection = nx.Graph()
        projection.add_nodes_from(factions)
        members = {f: set(graph[f]) for f in factions}
        for i, a in enumerate(factions):
            for b in factions[i + 1:]:
                shared = members[a] & members[b]
                if shared:
                    projection.add_edge(a, b, weight=len(shared),
                                        jaccard=len(shared) / len(members[a] | members[b]))
        return projection

    def bridges(self) -> tuple[Bridge, ...]:
        """Persons who belonged to two or more oppositions (or signed their documents)."""
        spells: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
        for edge in self.edges:
            faction = self.dataset.factions[edge.membership.faction]
            if faction.kind in OPPOSITION_KINDS:
                spells[edge.membership.person].append(
                    (faction.id, edge.first_year, edge.last_year))
        bridges = [Bridge(p, tuple(sorted(s, key=lambda t: (t[1], t[0]))))
                   for p, s in spells.items() if len({f for f, _, _ in s}) >= 2]
        return tuple(sorted(bridges, key=lambda b: (-len(b.memberships), b.person)))

    # -- metrics -------------------------------------------------------------------------------

    @lru_cache(maxsize=256)  # noqa: B019 (one Network per dataset, kept as long as the dataset)
    def centrality_at(self, year: int) -> Mapping[str, tuple[int, float]]:
        """(degree, normalised betweenness) of every node in the graph of ``year``, computed once."""
        graph = self.graph_at(year)
        if graph.number_of_nodes() == 0:
            return {}
        betweenness = nx.betweenness_centrality(graph, normalized=True)
        return {n: (graph.degree(n), betweenness[n]) for n in graph}

    # -- trajectories --------------------------------------------------------------------------

    def trajectory(self, person_id: str) -> tuple[Step, ...]:
        """A person's path: each faction joined, then each fate, in date order."""
        steps = [Step(m.start, "joined", m.faction,
                      f"{m.role} of {self.dataset.factions[m.faction].name}")
                 for m in self.dataset.memberships_of(person_id)]
        steps += [Step(f.date, f.status, None, f.description or f.status)
                  for f in self.dataset.fates_of(person_id)]
        return tuple(sorted(steps, key=lambda s: (s.date.reading_key(), s.kind != "joined")))


@lru_cache(maxsize=8)
def network_for(dataset: Dataset) -> Network:
    """The one :class:`Network` of a dataset, built on first use and then shared."""
    return Network(dataset)
