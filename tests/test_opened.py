"""An opened faction of a crowd laid out for itself (:mod:`oppositions.opened`): whatever its
members and the factions around, no two members' marks or rings touch, and no faction's square
or name lies on a member or on another faction."""

from __future__ import annotations

import itertools
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from oppositions.opened import opened_layout

SPACING, LINE = 14.2, 2.2
OWN = (-30.0, -10.0, 30.0, 28.0)  # a square and its name above


def _overlap(a, b, gap=0.0) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


members_ = st.lists(st.tuples(st.lists(st.integers(0, 5), max_size=3, unique=True), st.sampled_from([9.0, 12.0, 12.0, 12.0, 12.0, 12.0, 15.0, 18.0])),
                    min_size=1, max_size=120)
others_ = st.lists(st.tuples(st.floats(-math.pi, math.pi), st.floats(8, 160), st.floats(10, 30)), min_size=6, max_size=6)


@settings(max_examples=40, deadline=None)
@given(members_, others_)
def test_members_and_factions_never_touch(members, others):
    factions = [(f"f:{k}", direction, (-w / 2, -h / 2, w / 2, h / 2)) for k, (direction, w, h) in enumerate(others)]
    people = [(f"p:{k}", [f"f:{f}" for f in theirs], width) for k, (theirs, width) in enumerate(members)]
    placed = opened_layout((100.0, 50.0), OWN, people, factions, SPACING, LINE)
    assert set(placed) == {p for p, _, _ in people} | {f for f, _, _ in factions}
    for (a, _, wa), (b, _, wb) in itertools.combinations(people, 2):
        # places are rounded to the hundredth of a px: two of them may come 0.015 px nearer
        assert math.dist(placed[a], placed[b]) >= max(SPACING, (wa + wb) / 2 + LINE) - 0.015, (a, b)
    boxes = [(100 + OWN[0], 50 + OWN[1], 100 + OWN[2], 50 + OWN[3])]
    for key, _, box in factions:
        x, y = placed[key]
        boxes.append((x + box[0], y + box[1], x + box[2], y + box[3]))
    for a, b in itertools.combinations(boxes, 2):
        assert not _overlap(a, b), "two factions' squares or names overlap"
    for key, _, width in people:
        x, y = placed[key]
        disc = (x - width / 2, y - width / 2, x + width / 2, y + width / 2)
        assert not any(_overlap(disc, box) for box in boxes), f"{key} lies on a faction's square or name"


def test_members_who_share_a_faction_sit_on_its_side():
    factions = [("f:east", 0.0, (-10, -10, 10, 10)), ("f:west", math.pi, (-10, -10, 10, 10))]
    people = [(f"p:{k}", ["f:east"] if k % 2 else ["f:west"], 12.0) for k in range(60)]
    placed = opened_layout((0.0, 0.0), (-10, -10, 10, 10), people, factions, SPACING, LINE)
    east = np.array([placed[p][0] for p, theirs, _ in people if theirs == ["f:east"]])
    west = np.array([placed[p][0] for p, theirs, _ in people if theirs == ["f:west"]])
    assert placed["f:east"][0] > 0 > placed["f:west"][0]
    assert east.mean() > 0 > west.mean()
    assert opened_layout((0.0, 0.0), (-10, -10, 10, 10), people, factions, SPACING, LINE) == placed, "the same each time"
