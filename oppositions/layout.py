"""One stable layout for every year: a node keeps its place while the network grows and dies.

Factions are placed on a circle in the order they formed, so successive oppositions (which shared
most members) stand side by side and the picture reads clockwise in time. Persons are placed
inside with the factions held fixed, each starting between its own factions. The force layout
uses a fixed seed: the same dataset always gives the same picture. The result is cached per
dataset.
"""

from __future__ import annotations

import math
import random
from functools import lru_cache
from typing import Mapping

import networkx as nx

from .dataset import Dataset
from .network import faction_node, network_for, node_id

__all__ = ["stable_layout", "LAYOUT_SEED"]

LAYOUT_SEED = 1917
FACTION_RADIUS = 0.92
FORCE_LIMIT = 2500  # nodes; beyond, the O(n) sunflower placement replaces the force layout
PERSON_PULL = 0.72  # a person of one faction starts this far out along its faction's radius


def stable_layout(dataset: Dataset) -> Mapping[str, tuple[float, float]]:
    """:func:`whole_layout` of the dataset, or of the whole dataset a subset was taken from, so
    that hiding disputed facts never moves anyone."""
    return whole_layout(dataset.whole or dataset)


@lru_cache(maxsize=8)
def whole_layout(dataset: Dataset) -> Mapping[str, tuple[float, float]]:
    """Positions (x, y) within [-1, 1] for every person and faction node of the dataset.

    Factions sit on a circle in the order they formed, clockwise from the top (so the picture
    reads like a clock of the 1920s); persons are placed inside it by a seeded force layout with
    the factions held fixed, each starting between the factions they belonged to.
    """
    network = network_for(dataset)
    graph = network.full_graph
    factions = sorted((dataset.factions[i] for i in dataset.factions if faction_node(i) in graph),
                      key=lambda f: (f.formed.fractional(), f.id))
    if not factions:
        return {}
    angle = {f.id: math.pi / 2 - 2 * math.pi * k / len(factions) for k, f in enumerate(factions)}
    faction_pos = {faction_node(f): (FACTION_RADIUS * math.cos(a), FACTION_RADIUS * math.sin(a))
                   for f, a in angle.items()}
    rng = random.Random(LAYOUT_SEED)
    start = dict(faction_pos)
    for node in sorted(graph):
        if node_id(node)[0] == "person":
            neighbours = [faction_pos[f] for f in graph[node]]
            pull = PERSON_PULL if len(neighbours) == 1 else 1.0
            start[node] = (pull * sum(x for x, _ in neighbours) / len(neighbours) + rng.uniform(-0.05, 0.05),
                           pull * sum(y for _, y in neighbours) / len(neighbours) + rng.uniform(-0.05, 0.05))
    if graph.number_of_nodes() > FORCE_LIMIT:
        positions = _spread(graph, faction_pos, start)
    else:
        k = 0.9 / math.sqrt(max(graph.number_of_nodes(), 1))
        positions = nx.spring_layout(graph, pos=start, fixed=list(faction_pos), k=k,
                                     iterations=60, seed=LAYOUT_SEED)
    return {node: _inside(float(x), float(y)) for node, (x, y) in positions.items()}


def _spread(graph, faction_pos, start) -> dict:
    """Past a few thousand nodes, no force layout: persons who share exactly the same factions
    are laid out in a sunflower (golden-angle) disc around their common starting point. O(n)."""
    groups: dict[tuple, list] = {}
    for node in sorted(start):
        if node not in faction_pos:
            groups.setdefault(tuple(sorted(graph[node])), []).append(node)
    positions = dict(faction_pos)
    golden = math.pi * (3 - math.sqrt(5))
    for members in groups.values():
        cx, cy = start[members[0]]
        radius = min(0.25, 0.012 * math.sqrt(len(members)))
        for i, node in enumerate(members):
            r = radius * math.sqrt((i + 0.5) / len(members))
            positions[node] = (cx + r * math.cos(i * golden), cy + r * math.sin(i * golden))
    return positions


def _inside(x: float, y: float) -> tuple[float, float]:
    """Keep a position within the unit disc (the force layout can push loners outside)."""
    r = math.hypot(x, y)
    if r > 0.98:
        x, y = 0.98 * x / r, 0.98 * y / r
    return round(x, 5), round(y, 5)
