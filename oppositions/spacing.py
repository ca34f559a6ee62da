"""Overlap removal for anchored boxes, in pixels: marks pushed apart until none overlap.

Each mark is an anchor (its node's position) with a box around it (marker, and room for its name)
that contains the anchor. Overlapping pairs are pushed apart along the axis on which they overlap
least, shared by weight (a faction moves far less than a person); a pull towards each mark's
target (a person's factions) keeps the families together while there is room, and is released at
the end so that the last passes only separate. Vectorised with numpy; each pass tests only the
pairs near enough to touch (a list of pairs within :data:`SLACK` px, made again whenever a mark
has moved that far since), which changes nothing in the result.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

__all__ = ["overlap_pairs", "separate"]

GAP = 1.0  # px left between two boxes
SLACK = 4.0  # px: pairs this near (per axis, on each side) are tested each pass; farther ones once a mark has moved that far


def overlap_pairs(positions: np.ndarray, boxes: np.ndarray, gap: float = 0.0, pairs=None):
    """The pairs (i < j) of boxes that overlap, with how much in x and in y; ``pairs``, the
    candidate pairs as ``np.triu_indices(n, 1)`` gives them, when the caller keeps them."""
    i, j = np.triu_indices(len(positions), 1) if pairs is None else pairs
    x0, y0 = positions[:, 0] + boxes[:, 0], positions[:, 1] + boxes[:, 1]
    x1, y1 = positions[:, 0] + boxes[:, 2], positions[:, 1] + boxes[:, 3]
    ox = np.minimum(x1[i], x1[j]) - np.maximum(x0[i], x0[j]) + gap
    hit = np.flatnonzero(ox > 0)  # most pairs are apart in x: y only for the rest
    i, j, ox = i[hit], j[hit], ox[hit]
    oy = np.minimum(y1[i], y1[j]) - np.maximum(y0[i], y0[j]) + gap
    keep = oy > 0
    return i[keep], j[keep], ox[keep], oy[keep]


def separate(positions: np.ndarray, boxes: np.ndarray, weights: np.ndarray, bounds: tuple[float, float] | None = None,
             target: Callable[[np.ndarray], np.ndarray] | None = None, pull: float = 0.03,
             passes: int = 600, settle: int = 5000, round_radius: np.ndarray | None = None,
             groups: np.ndarray | None = None, reach: np.ndarray | None = None) -> np.ndarray:
    """Positions near ``positions`` at which no two marks overlap (when there is room).

    Parameters
    ----------
    positions : (n, 2) array
        Starting anchors, in px.
    boxes : (n, 4) array
        Each box (x0, y0, x1, y1) relative to its anchor.
    weights : (n,) array
        How hard a mark is to move; an overlap is shared in inverse proportion.
    bounds : (width, height), optional
        Boxes are kept inside [0, width] x [0, height] while the pull lasts; in the last passes
        only the height holds, and the crowd may widen.
    target : callable, optional
        Where each mark would like to be, given the current positions; pulled there with
        strength ``pull`` during the first ``passes`` passes.
    settle : int
        Passes at most without pull at the end, until nothing overlaps.
    round_radius : (n,) array, optional
        Marks with a radius > 0 are discs to each other (kept that far apart, pushed along the
        line between them, which packs a crowd more evenly than boxes); to any other mark they
        are their box.
    groups : (n,) array of int, optional
        Marks of one group move as one (a faction's square and its name) and never push each
        other; by default each mark is its own group.
    reach : (n, n) array, optional
        The distance two round marks keep between their centres, pair by pair (at most the
        sum of their boxes' half widths); by default the sum of their radii.
    """
    pos = np.array(positions, dtype=float)
    n = len(pos)
    radius = np.zeros(n) if round_radius is None else np.asarray(round_radius, dtype=float)
    group = np.arange(n) if groups is None else np.asarray(groups)
    _, group, members = np.unique(group, return_inverse=True, return_counts=True)
    by_group = np.argsort(group, kind="stable")  # the marks group by group, for reduceat
    group_starts = np.r_[0, np.cumsum(members)[:-1]]
    parity = np.where(np.arange(n) % 2 == 0, 1.0, -1.0)
    centres = np.column_stack([(boxes[:, 0] + boxes[:, 2]) / 2, (boxes[:, 1] + boxes[:, 3]) / 2])
    every_pair, listed_at, candidates = np.triu_indices(n, 1), None, None
    for step in range(passes + settle):
        if listed_at is None or np.abs(pos - listed_at).max() > SLACK:  # a pair not listed could touch now
            listed_at = pos.copy()
            near_i, near_j = overlap_pairs(pos, boxes, GAP + 2 * SLACK, every_pair)[:2]
            apart = group[near_i] != group[near_j]  # a group's marks never push each other
            candidates = near_i[apart], near_j[apart]
        i, j, ox, oy = overlap_pairs(pos, boxes, GAP, candidates)
        both_round = (radius[i] > 0) & (radius[j] > 0)
        delta = (pos[j] + centres[j]) - (pos[i] + centres[i])
        dist = np.hypot(delta[:, 0], delta[:, 1])
        wanted = radius[i] + radius[j] if reach is None else reach[i, j]
        discs = both_round & (dist < wanted + GAP)
        keep = ~both_round | discs
        i, j, ox, oy, delta, dist, discs = i[keep], j[keep], ox[keep], oy[keep], delta[keep], dist[keep], discs[keep]
        wanted = wanted[keep]
        if step >= passes:  # done when no two marks overlap (they may be closer than the gap)
            depth = np.where(discs, wanted + GAP - dist, np.minimum(ox, oy))
            if len(i) == 0 or depth.max() < 0.9 * GAP:
                break
        push = np.zeros((len(i), 2))
        if len(i):
            along_x = ox <= oy
            if bounds is not None and step > passes + 500 and step % 2:
                along_x[:] = True  # long jams are against the floor or the ceiling: part them sideways
            sign = np.sign(np.where(along_x, delta[:, 0], delta[:, 1]))
            sign[sign == 0] = parity[j][sign == 0]
            push[:, 0] = np.where(along_x, ox * sign, 0.0)
            push[:, 1] = np.where(along_x, 0.0, oy * sign)
            if discs.any():
                d = np.maximum(dist[discs], 1e-6)
                unit = delta[discs] / d[:, None]
                unit[dist[discs] < 1e-6] = np.column_stack([parity[j][discs], np.zeros(discs.sum())])[dist[discs] < 1e-6]
                push[discs] = unit * (wanted[discs] + GAP - d)[:, None]
        move = np.zeros_like(pos)
        if len(i):
            share_i = (weights[j] / (weights[i] + weights[j]))[:, None]
            ends = np.concatenate([i, j])  # summed in this order, as np.add.at on i then j would
            shares = np.vstack([-push * share_i, push * (1 - share_i)])
            move[:, 0] = np.bincount(ends, shares[:, 0], minlength=n)
            move[:, 1] = np.bincount(ends, shares[:, 1], minlength=n)
            counts = np.bincount(ends, minlength=n).clip(min=1)
            move /= np.sqrt(counts)[:, None]  # many pushes on one mark: do not fling it
        if target is not None and step < passes:
            strength = pull * (1 - step / passes)
            move += strength * (target(pos) - pos) / weights[:, None]
        if groups is not None:  # a group moves by the mean of its marks' moves
            total = np.column_stack([np.bincount(group, move[:, 0], minlength=len(members)),
                                     np.bincount(group, move[:, 1], minlength=len(members))])
            move = (total / members[:, None])[group]
        pos += move
        if bounds is not None:  # the height is kept throughout; the width may grow once the pull ends
            need_low = -boxes[:, :2] - pos
            need_high = np.array(bounds) - boxes[:, 2:] - pos
            low = np.maximum.reduceat(need_low[by_group], group_starts)
            high = np.minimum.reduceat(need_high[by_group], group_starts)
            shift = np.clip(np.zeros_like(low), low, high)  # the least shift that keeps a whole group inside
            if step >= passes:
                shift[:, 0] = 0.0
            pos += shift[group]
    return pos
