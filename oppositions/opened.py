"""An opened faction of a crowd, laid out for itself, so that its members can be read.

In a dataset too large for the plot the stable layout puts persons in sunflower discs around
each set of factions, discs that overlap their neighbours' (:func:`oppositions.layout.compute_layout`).
A faction opened there draws its members afresh, around its own square:

- on a hexagonal lattice filling an ellipse as wide as a plot is, its points apart by what two
  first rings of change need; a person drawn with wider rings that year takes a point whose
  neighbours are far enough, so that no two markers nor rings touch;
- the other factions of the year around the lattice, the largest first, each as near the
  direction of its place in the stable layout as its square and name find room;
- those in no other faction nearest the square, the others around them, ordered by the
  direction of the factions they also belong to, so that members who share a faction sit
  together on its side.

Pure numpy and a k-d tree: a fraction of a second for two thousand members.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np
from scipy.spatial import cKDTree

__all__ = ["ASPECT", "Box", "opened_layout"]

ASPECT = 1.6  # the lattice's width over its height: a plot is wider than it is high
HOLES = 4  # lattice points left empty, about, around each person drawn with wider rings than the lattice's
ANGLE_STEP = math.radians(2)  # a faction looks for room this far either side of its direction, at a time
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 around an anchor


def opened_layout(centre: tuple[float, float], own: Box, members: Sequence[tuple[str, Sequence[str], float]],
                  others: Sequence[tuple[str, float, Box]], spacing: float, line: float) -> dict[str, tuple[float, float]]:
    """Positions for the opened faction's members and for the other factions drawn with them.

    ``centre`` is the opened faction's place, ``own`` the box of its square and name around it;
    ``members`` are (key, the keys of their other factions, the width of their widest mark);
    ``others`` are (key, direction in radians, box), in the order they are given room (the
    largest first); two members' centres keep the mean of their widths plus ``line``, and at
    least ``spacing``, the lattice's."""
    widths = np.array([m[2] for m in members], dtype=float)
    widest = max(spacing, widths.max(initial=0.0) + line)
    wide = int(np.sum(widths + line > spacing + 1e-9))  # who leave the points next to them empty
    if (len(members) + HOLES * wide) * spacing ** 2 > len(members) * widest ** 2:
        spacing, wide = widest, 0  # so many wide marks that a wider lattice is the smaller
    extra, clearance = HOLES * wide, widest / 2  # a faction's square or name keeps this from any member's centre
    while True:
        points = _lattice(len(members) + extra, spacing, own, clearance)
        factions = _around(others, points, own, spacing, clearance, _ellipse_radius(points).max(initial=0.0))
        taken = _assign(members, widths, points, factions, spacing, line)
        if taken is not None:
            break
        extra = max(6, int(extra * 1.5))
    at = np.asarray(centre, dtype=float)
    placed = {members[k][0]: points[p] for k, p in taken.items()}
    placed.update(factions)
    return {key: (round(float(at[0] + x), 2), round(float(at[1] + y), 2)) for key, (x, y) in placed.items()}


def _assign(members, widths, points, factions, spacing, line) -> dict[int, int] | None:
    """Each member's lattice point (None when the points run out): the core first, nearest the
    centre; then the rest by the direction of their other factions' places."""
    order = np.lexsort((np.arctan2(points[:, 1], points[:, 0]), _ellipse_radius(points)))
    core = sorted(k for k, m in enumerate(members) if not m[1])
    direction = {}
    for k, (_, theirs, _) in enumerate(members):
        if theirs:
            x, y = np.mean([factions[f] for f in theirs], axis=0)
            direction[k] = math.atan2(y, x)
    rest = sorted(direction, key=lambda k: (direction[k], members[k][0]))
    tree, width_at, widest = cKDTree(points), np.full(len(points), np.nan), widths.max(initial=0.0)
    taken: dict[int, int] = {}

    def place(k, candidates) -> int | None:
        for position, p in enumerate(candidates):
            if not np.isnan(width_at[p]):
                continue
            near = [q for q in tree.query_ball_point(points[p], (widths[k] + widest) / 2 + line + 1e-6)
                    if q != p and not np.isnan(width_at[q])]
            if all(math.dist(points[p], points[q]) >= max(spacing, (widths[k] + width_at[q]) / 2 + line) - 1e-6
                   for q in near):
                width_at[p] = widths[k]
                taken[k] = p
                return position
        return None

    def fill(group, candidates) -> int | None:  # each of ``group`` in turn on the next free point: how many were passed
        cursor = 0
        for k in group:
            used = place(k, candidates[cursor:])
            if used is None:
                return None
            cursor += used + 1
        return cursor

    passed = fill(core, order)
    if passed is None:
        return None
    left = order[passed:]
    left = left[np.argsort(np.arctan2(points[left, 1], points[left, 0]), kind="stable")]
    return taken if fill(rest, left) is not None else None


def _around(others, points, own, spacing, half, reach) -> dict[str, tuple[float, float]]:
    """The other factions just outside the lattice (``half`` from any point), the first given
    the nearest room to its direction; a faction that finds none all round goes one row out."""
    taken = [np.array(own, dtype=float)]
    placed = {}
    for key, direction, box in others:
        box = np.asarray(box, dtype=float)
        level = reach + spacing + (box[3] - box[1]) / 2
        while key not in placed:
            boxes = np.array(taken)
            for turn in range(int(math.pi / ANGLE_STEP) + 1):
                for side in ((0,) if turn == 0 else (1, -1)):
                    angle = direction + side * turn * ANGLE_STEP
                    x, y = ASPECT * level * math.cos(angle), level * math.sin(angle)
                    if _clear(x, y, box, points, half, boxes):
                        placed[key] = (x, y)
                        taken.append(np.array([x + box[0], y + box[1], x + box[2], y + box[3]]))
                        break
                if key in placed:
                    break
            level += spacing
    return placed


def _clear(x, y, box, points, half, boxes) -> bool:
    """Whether a faction's box at (x, y) keeps ``half`` from every lattice point and 1 px from
    every box placed."""
    x0, y0, x1, y1 = x + box[0], y + box[1], x + box[2], y + box[3]
    if np.any((points[:, 0] > x0 - half) & (points[:, 0] < x1 + half)
              & (points[:, 1] > y0 - half) & (points[:, 1] < y1 + half)):
        return False
    return not np.any((boxes[:, 0] < x1 + 1) & (boxes[:, 2] > x0 - 1) & (boxes[:, 1] < y1 + 1) & (boxes[:, 3] > y0 - 1))


def _ellipse_radius(points: np.ndarray) -> np.ndarray:
    return np.hypot(points[:, 0] / ASPECT, points[:, 1])


def _lattice(count: int, spacing: float, hole: Box, half: float) -> np.ndarray:
    """The ``count`` points of a hexagonal lattice ``spacing`` apart nearest the origin (in the
    ellipse's measure), none within ``half`` of the box ``hole`` (the opened faction's square
    and name)."""
    if count == 0:
        return np.zeros((0, 2))
    x0, y0, x1, y1 = hole
    row = spacing * math.sqrt(3) / 2
    area = count * spacing * row + (x1 - x0 + 2 * half) * (y1 - y0 + 2 * half)
    height = math.sqrt(area / (math.pi * ASPECT)) + 2 * spacing
    while True:
        rows = np.arange(-math.ceil(height / row), math.ceil(height / row) + 1)
        columns = np.arange(-math.ceil(ASPECT * height / spacing) - 1, math.ceil(ASPECT * height / spacing) + 2)
        cx, ry = np.meshgrid(columns, rows)
        points = np.column_stack([((cx + (ry % 2) / 2) * spacing).ravel(), (ry * row).ravel()])
        free = ~((points[:, 0] > x0 - half) & (points[:, 0] < x1 + half)
                 & (points[:, 1] > y0 - half) & (points[:, 1] < y1 + half))
        points = points[free & (_ellipse_radius(points) <= height)]
        if len(points) >= count:
            radius = _ellipse_radius(points)
            return points[np.lexsort((np.arctan2(points[:, 1], points[:, 0]), radius))[:count]]
        height *= 1.25
