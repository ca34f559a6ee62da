"""One stable layout for every year, made to be read: families of factions as regions, each
person beside their factions, no two marks overlapping.

Positions are in pixels of :data:`REFERENCE`, the smallest plot the network is drawn in (the
dashboard on a tablet, 768x1024); a larger plot shows the same picture scaled up, so nothing that
is apart at the reference size can overlap at a larger one (see :mod:`oppositions.labels`).

1. **The factions' skeleton.** Kamada-Kawai on the factions, with short distances between
   factions that shared many members and a weak tie within each family (Workers' Truth shares
   no member with anyone, so only its family places it); turned so that its long side lies
   across the plot, and stretched to fill it.
2. **The persons.** Each starts at the mean of the factions they ever belonged to.
3. **Room.** :func:`oppositions.spacing.separate` pushes apart every pair of marks that overlap,
   in pixels (:mod:`oppositions.room`): persons keep 12 px between centres, and more in a year
   when either is drawn with rings of change (two neighbours' widest rings never touch), a
   faction keeps room for its name above it, and the factions' leaders keep room for their name
   at their right. Factions weigh 5 times more than persons, so the families stay where the
   skeleton put them. Crowds grow as they part: of up to :data:`LAYOUT_TRIES` skeletons, each
   stretched against the last one's shape, the one that fits the plot best is kept, drawn to
   the plot's size if still a little larger, and parted once more where anything then touches.

Every step is deterministic. The result is kept on disk, keyed by the data's version and a hash
of the code that makes it (:func:`layout_version`), so a second start on the same data reads it back; past
:data:`LARGE` persons a cheaper placement (sunflower discs around each set of factions) replaces
step 3, since no plot can hold so many persons apart.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import math
import os
import tempfile
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Mapping

import networkx as nx
import numpy as np

from .dataset import Dataset
from .kept import cache_root
from .network import faction_node, network_for, node_id
from .room import PERSON_ROOM, Marks, marks_of
from .spacing import separate
from .vocabulary import family_of

__all__ = ["REFERENCE", "layout_version", "stable_layout", "whole_layout", "cache_folder"]

LOG = logging.getLogger(__name__)
REFERENCE = (690.0, 505.0)  # px: the plot the layout (with the factions' names) is made for: a tablet's, 709x521, less the axes' pad
LAYOUT_TRIES = 6  # skeletons stretched at most, for the one whose crowd fits the plot best
LARGE = 600  # persons: past this, sunflower discs instead of overlap removal (its cost grows as the square)
SKELETON_EXACT = 80  # factions: past this, a force layout of their ties instead of all pairs' distances
SKELETON_ITERATIONS = 25  # of that force layout: 2 s for 1,250 factions (60 took 5 s, for a picture of squares)
MARGIN = 20.0  # px kept free at the plot's edges
SKELETON_STRETCH = (1.0, 1.0)


def stable_layout(dataset: Dataset) -> Mapping[str, tuple[float, float]]:
    """:func:`whole_layout` of the dataset, or of the whole dataset a subset was taken from, so
    that hiding disputed facts never moves anyone."""
    return whole_layout(dataset.whole or dataset)


@lru_cache(maxsize=8)
def whole_layout(dataset: Dataset) -> Mapping[str, tuple[float, float]]:
    """Positions (x, y) in reference pixels for every person and faction node, read from the
    disk cache when this version of the data was laid out before."""
    path = _cache_path(dataset)
    if path is not None and path.exists():
        try:
            return {node: tuple(xy) for node, xy in json.loads(path.read_text()).items()}
        except (OSError, ValueError):
            LOG.warning("layout cache %s unreadable; laying out again", path)
    positions = compute_layout(dataset)
    if path is not None:
        _write(path, positions)
    return positions


def compute_layout(dataset: Dataset) -> dict[str, tuple[float, float]]:
    """The layout, computed (see the module's description)."""
    graph = network_for(dataset).full_graph
    factions = sorted((f for f in dataset.factions if faction_node(f) in graph),
                      key=lambda f: (dataset.factions[f].formed.sort_key(), f))
    if not factions:
        return {}
    skeleton = _skeleton(dataset, graph, factions)
    persons = sorted(n for n in graph if node_id(n)[0] == "person")
    nodes = [faction_node(f) for f in factions] + persons
    if len(persons) > LARGE:
        column = {f: k for k, f in enumerate(factions)}
        positions = _sunflowers(_starts(graph, factions, persons, skeleton), len(factions),
                                [[column[node_id(f)[1]] for f in graph[p]] for p in persons])
    else:
        marks = marks_of(dataset, graph, factions, persons)
        stretch, best, best_fit = np.array(SKELETON_STRETCH), None, 0.0
        for _ in range(LAYOUT_TRIES):  # crowds grow as they part: stretch the skeleton until the whole fits
            placed = _arrange(marks, graph, factions, persons, skeleton, stretch)
            low, high = marks.corners(placed)
            span = (high - low).clip(min=1.0)
            fit = min(1.0, REFERENCE[0] / span[0], REFERENCE[1] / span[1])
            if fit > best_fit:
                best, best_fit = placed - low, fit
            aspect, wanted = span[0] / span[1], REFERENCE[0] / REFERENCE[1]
            if fit == 1.0 and abs(aspect / wanted - 1) < 0.08:
                break
            stretch *= np.array([math.sqrt(wanted / aspect), math.sqrt(aspect / wanted)])
        if best_fit < 1.0:  # the try that came nearest, drawn to the plot's size, then parted where it touches
            best = _settled(marks, best * best_fit)
            best -= marks.corners(best)[0]
        positions = np.vstack([best[:marks.count], best[2 * marks.count:]])
    positions = positions - positions.min(axis=0) + PERSON_ROOM if len(persons) > LARGE else positions
    return {node: (round(float(x), 2), round(float(y), 2)) for node, (x, y) in zip(nodes, positions)}


def _starts(graph, factions, persons, skeleton, stretch=(1.0, 1.0)) -> np.ndarray:
    """Factions at the skeleton (stretched about the plot's centre); each person at the mean of
    their factions, nudged a little in a direction of their own so that a set's members part."""
    centre = np.array(REFERENCE) / 2
    home = np.array([centre + (np.array(skeleton[faction_node(f)]) - centre) * stretch for f in factions])
    column = {f: k for k, f in enumerate(factions)}
    owner, of = [], []  # each membership: the person's row and the faction's
    for k, p in enumerate(persons):
        for f in graph[p]:
            owner.append(k)
            of.append(column[node_id(f)[1]])
    sums = np.zeros((len(persons), 2))
    np.add.at(sums, np.array(owner, dtype=int), home[np.array(of, dtype=int)].reshape(-1, 2))
    counts = np.bincount(np.array(owner, dtype=int), minlength=len(persons)).clip(min=1)[:, None]
    angles = [int(hashlib.sha1(p.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF * 2 * math.pi for p in persons]
    nudge = 6 * np.array([[math.cos(a), math.sin(a)] for a in angles]).reshape(-1, 2)
    return np.vstack([home.reshape(-1, 2), sums / counts + nudge])


def _arrange(marks: Marks, graph, factions, persons, skeleton, stretch) -> np.ndarray:
    """Overlap removal from the starts, persons pulled towards the mean of their factions (so that
    persons may sit beside a faction's square, under its name's ends); every mark's position."""
    start = _starts(graph, factions, persons, skeleton, stretch)
    count = marks.count
    share = np.zeros((len(persons), count))  # each person's row: 1/k on each of their k factions
    column = {f: k for k, f in enumerate(factions)}
    for k, p in enumerate(persons):
        columns = [column[node_id(f)[1]] for f in graph[p]]
        share[k, columns] = 1.0 / len(columns)
    home = start[:count].copy()

    def target(pos):
        return np.vstack([home, home, share @ pos[:count]])
    return separate(np.vstack([start[:count], start[:count], start[count:]]), marks.boxes, marks.weights, REFERENCE,
                    target=target, round_radius=marks.radius, groups=marks.groups, reach=marks.apart)


def _settled(marks: Marks, placed: np.ndarray) -> np.ndarray:
    """``placed`` after a last pass that parts whatever touches (no pull, no bounds)."""
    return separate(placed, marks.boxes, marks.weights, None, passes=0, round_radius=marks.radius,
                    groups=marks.groups, reach=marks.apart)


def _skeleton(dataset, graph, factions) -> dict[str, tuple[float, float]]:
    """The factions' places: Kamada-Kawai on distances from shared members and families; past
    :data:`SKELETON_EXACT` factions a force layout of the ties of shared members alone."""
    if len(factions) > SKELETON_EXACT:
        return _placed(_force_skeleton(graph, factions), factions)
    members = {f: set(graph[faction_node(f)]) for f in factions}
    ties = nx.Graph()
    ties.add_nodes_from(factions)
    for a_i, a in enumerate(factions):
        for b in factions[a_i + 1:]:
            shared = len(members[a] & members[b])
            same = family_of(dataset.factions[a]) == family_of(dataset.factions[b])
            if shared or same:
                length = 0.4 + 0.6 / math.sqrt(shared) if shared else 1.0
                ties.add_edge(a, b, length=min(length, 0.6) if same else length + 0.3)
    dist = dict(nx.shortest_path_length(ties, weight="length"))
    longest = max((d for row in dist.values() for d in row.values()), default=1.0)
    cap = min(longest, 1.5)
    full = {a: {b: min(dist[a].get(b, cap), cap) for b in factions} for a in factions}
    circle = {f: (math.cos(2 * math.pi * k / len(factions)), math.sin(2 * math.pi * k / len(factions)))
              for k, f in enumerate(factions)}
    if len(factions) < 3:
        raw = circle
    else:
        raw = nx.kamada_kawai_layout(ties, dist=full, pos=circle)
    return _placed(raw, factions)


def _force_skeleton(graph, factions) -> dict:
    """Factions tied by the members they share (counted once per person and pair: linear in the
    memberships), placed by Fruchterman-Reingold: two seconds for a thousand factions, where all
    pairs' distances and Kamada-Kawai take minutes."""
    shared: Counter = Counter()
    for node in graph:
        if node_id(node)[0] == "person":
            joined = sorted(node_id(f)[1] for f in graph[node])
            shared.update(itertools.combinations(joined, 2))
    ties = nx.Graph()
    ties.add_nodes_from(factions)
    ties.add_weighted_edges_from((a, b, math.sqrt(n)) for (a, b), n in shared.items())
    return nx.spring_layout(ties, weight="weight", iterations=SKELETON_ITERATIONS, seed=1)


def _placed(raw: Mapping, factions) -> dict[str, tuple[float, float]]:
    """A skeleton's positions turned so that its long side runs across the plot and the earliest
    faction is on the left, and scaled into the reference plot."""
    xy = np.array([raw[f] for f in factions], dtype=float)
    xy -= xy.mean(axis=0)
    if len(factions) > 1:  # the long side across the plot
        _, _, axes = np.linalg.svd(xy, full_matrices=False)
        xy = xy @ axes.T
        if xy[0, 0] > 0:  # the earliest faction on the left: the picture reads in time
            xy[:, 0] *= -1
    width, height = REFERENCE
    inner = np.array([width - 2 * MARGIN - 140, height - 2 * MARGIN - 60])
    span = np.ptp(xy, axis=0)
    span[span == 0] = 1.0
    xy = (xy - xy.min(axis=0)) / span * inner + np.array([MARGIN + 70, MARGIN + 30])
    return {faction_node(f): (float(x), float(y)) for f, (x, y) in zip(factions, xy)}


def _sunflowers(start, first_person, memberships) -> np.ndarray:
    """Persons who share the same factions in a golden-angle disc, 16 px apart, around their
    common start. O(n): for datasets too large for overlap removal."""
    positions = start.copy()
    groups: dict[tuple, list[int]] = {}
    for k, ms in enumerate(memberships):
        groups.setdefault(tuple(sorted(ms)), []).append(first_person + k)
    golden = math.pi * (3 - math.sqrt(5))
    for members in groups.values():
        centre = np.mean([start[m] for m in members], axis=0)
        for i, m in enumerate(members):
            r = 2 * PERSON_ROOM * math.sqrt(i + 0.5) * 0.55
            positions[m] = centre + r * np.array([math.cos(i * golden), math.sin(i * golden)])
    return positions


def cache_folder() -> Path | None:
    """Where layouts are kept (as JSON): ``layouts`` in :func:`oppositions.kept.cache_root`."""
    root = cache_root()
    return root / "layouts" if root else None


@lru_cache(maxsize=1)
def layout_version() -> str:
    """A hash of the code that makes the layout (narrower than :func:`oppositions.kept.code_version`,
    so that other code changes keep the layouts): any change to it lays the network out anew."""
    from . import labels, spacing
    digest = hashlib.sha256()
    from . import changes, room
    for module in (labels, spacing, changes, room):
        digest.update(Path(module.__file__).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:12]


def _cache_path(dataset: Dataset) -> Path | None:
    folder = cache_folder()
    if folder is None or not dataset.fingerprint:
        return None
    return folder / f"{dataset.fingerprint}-{layout_version()}-{len(dataset.persons)}.json"


def _write(path: Path, positions: Mapping) -> None:
    """Write the layout atomically; a folder that cannot be written only costs the next start."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, suffix=".part") as out:
            json.dump(positions, out)
        os.replace(out.name, path)
    except OSError as error:
        LOG.warning("layout not kept on disk (%s): the next start lays it out again", error)
