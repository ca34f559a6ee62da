"""The room each mark of the network keeps, in px of the layout's reference plot: a person's
marker and rings of change, a faction's square and its name, and the boxes and distances that
overlap removal (:func:`oppositions.spacing.separate`) keeps apart.

A person keeps :data:`PERSON_ROOM` each way; in any year in which two persons are drawn and
either has rings of change, their centres keep room for the widest ring of each (:func:`reach`):
two neighbours' rings never touch, at the smallest plot or a larger one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .changes import changes_in
from .labels import NAME_GAP, NAME_SIZE, label_box, short_names, text_width
from .network import faction_node, node_id

__all__ = ["PERSON_ROOM", "PERSON_SIZE", "RING_SIZE", "RING_STEP", "RING_LINE", "FACTION_NAME_SIZE", "Marks",
           "marks_of", "ring_size", "faction_marker_size", "reach"]

PERSON_ROOM = 6.0  # px: half the room each person keeps (markers 9 px, a first ring 12 px)
PERSON_SIZE = 9  # px: a person's marker, as seen (whatever its shape)
RING_SIZE = 12  # px: a ring of change around a person, as seen
RING_STEP = 3  # px: each further change of a person in one year, a ring this much wider
RING_LINE = 1.2  # px: a ring's line
FACTION_NAME_SIZE = 11  # px: a faction's name
FACTION_WEIGHT = 5.0  # how much harder a faction's marks are to move than a person's


def ring_size(order: int) -> float:
    """How wide a person's ring of change is seen, in px: the first of the year (``order`` 0)
    just around the marker, each further one wider, so that all of them show."""
    return RING_SIZE + RING_STEP * order


def faction_marker_size(members: int) -> float:
    """A faction's square, in px, grows with its members that year."""
    return 12 + 0.45 * min(members, 30)


@dataclass(frozen=True)
class Marks:
    """What overlap removal moves: each faction as two marks (its square, its name above it) that
    move as one, then the persons; their boxes, weights and groups, and the distances round ones
    keep (:func:`reach`)."""

    count: int
    boxes: np.ndarray
    weights: np.ndarray
    groups: np.ndarray
    radius: np.ndarray
    apart: np.ndarray
    round_: np.ndarray
    half: np.ndarray

    def corners(self, placed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The lower left and upper right corners of what is drawn around the marks at ``placed``
        (the factions' names, the persons' rooms; not the names placed later)."""
        count, round_ = self.count, self.round_
        drawn = np.r_[:2 * count, np.flatnonzero(round_)]
        named = ~round_[2 * count:]
        rooms = np.column_stack([-self.half, -self.half, self.half, self.half])[named]
        corners = np.vstack([placed[drawn] + self.boxes[drawn, :2], placed[drawn] + self.boxes[drawn, 2:],
                             placed[2 * count:][named] + rooms[:, :2], placed[2 * count:][named] + rooms[:, 2:]])
        return corners.min(axis=0), corners.max(axis=0)


def marks_of(dataset, graph, factions, persons) -> Marks:
    """Each faction's two marks, then each person's, with their boxes, weights, groups and reach."""
    count = len(factions)
    squares, names = zip(*(_faction_boxes(dataset, graph, f) for f in factions)) if factions else ((), ())
    distances = reach(dataset, persons)
    half = np.maximum(PERSON_ROOM, distances.max(axis=1, initial=0.0) / 2)  # a person's box holds their widest ring
    boxes = np.array(list(squares) + list(names) + [_person_box(dataset, graph, p, h) for p, h in zip(persons, half)])
    round_ = np.array([False] * (2 * count) + [not _leads(graph, p) for p in persons])
    apart = np.zeros((len(boxes), len(boxes)))
    apart[2 * count:, 2 * count:] = distances
    return Marks(count, boxes, np.array([FACTION_WEIGHT] * (2 * count) + [1.0] * len(persons)),
                 np.array(list(range(count)) * 2 + list(range(count, count + len(persons)))),
                 np.concatenate([np.zeros(2 * count), half]) * round_, apart, round_, half)


def _faction_boxes(dataset, graph, faction_id) -> tuple[tuple, tuple]:
    """A faction's square at its largest, and its name above it, each around the square's centre."""
    size = faction_marker_size(graph.degree(faction_node(faction_id)))
    width = text_width(dataset.factions[faction_id].label, FACTION_NAME_SIZE, bold=True)
    half, height = size / 2, FACTION_NAME_SIZE * 1.19
    return (-half, -half, half, half), (-width / 2, half + 2, width / 2, half + 2 + height)


def reach(dataset, persons) -> np.ndarray:
    """The distance two persons' centres keep, in px: their rooms, and in any year in which
    either is drawn with rings of change and the other is drawn too, room for the widest ring of
    each (or the marker of the one without) and the rings' line, so that no two rings, nor a ring
    and a marker, touch."""
    index = {node_id(p)[1]: k for k, p in enumerate(persons)}
    joined = np.full(len(persons), np.inf)  # a person is drawn from the year of their first membership on
    for m in dataset.memberships:
        if m.person in index:
            joined[index[m.person]] = min(joined[index[m.person]], m.start.year)
    need = np.full((len(persons), len(persons)), 2 * PERSON_ROOM)
    first, last = dataset.years
    for year in range(first, last + 1):
        rings = Counter(c.person for c in changes_in(dataset, year) if c.person in index)
        if not rings:
            continue
        width = np.full(len(persons), float(PERSON_SIZE))
        ringed = np.array([index[p] for p in rings])
        width[ringed] = [ring_size(n - 1) for n in rings.values()]
        wanted = np.where(joined <= year, (width[ringed][:, None] + width[None, :]) / 2 + RING_LINE, 0.0)
        need[ringed, :] = np.maximum(need[ringed, :], wanted)
        need[:, ringed] = np.maximum(need[:, ringed], wanted.T)
    np.fill_diagonal(need, 0.0)
    return need


def _leads(graph, node) -> bool:
    return any(d["role"] == "leader" for _, _, d in graph.edges(node, data=True))


def _person_box(dataset, graph, node, half: float = PERSON_ROOM) -> tuple[float, float, float, float]:
    """A person's room (``half`` each way from the centre); with their name at the right when
    they are likely to be named."""
    room = (-half, -half, half, half)
    person = node_id(node)[1]
    if not _leads(graph, node):
        return room
    name = _names(dataset)[person]
    box = label_box(text_width(name, NAME_SIZE), NAME_SIZE, "middle right", NAME_GAP)
    return (min(box[0], room[0]), min(box[1], room[1]), max(box[2], room[2]), max(box[3], room[3]))


@lru_cache(maxsize=8)
def _names(dataset) -> dict[str, str]:
    return short_names(dataset.persons.values())
