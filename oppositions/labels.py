"""Names that never overlap: text widths from the real font, and places found by a collision check.

Everything is measured in pixels of the reference plot (:data:`oppositions.layout.REFERENCE`),
which are also the network's data units. A mark is an *anchor* (a node's position) with a box
around it in screen pixels that contains the anchor. Two such boxes that are apart at one scale
stay apart at every larger scale (the anchors move apart, the boxes keep their size), so names
placed for the smallest plot never collide when the plot is larger or the reader zooms in; a
larger plot only makes room for more names. :func:`place_labels` uses this: it places names for
the reference scale, then adds more at each larger scale, and gives every name the smallest
scale at which it is shown.

Plotly draws a ``markers+text`` trace's text beside its marker: ``middle right`` starts
``size / 2 + 2.2`` px right of the anchor, ``top center`` ends ``size / 2 + 2`` px above it
(measured in Chromium). The names trace uses invisible markers of :data:`NAME_GAP` px for that
offset.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np

__all__ = ["NAME_GAP", "NAME_SIZE", "POSITIONS", "SCALES", "Label", "Marks", "label_box", "place_labels",
           "short_names", "text_width", "overlapping"]

WIDTHS = json.loads(Path(__file__).with_name("font_widths.json").read_text(encoding="utf-8"))
LINE = 1.19  # the height of a line of DejaVu Sans, in em, as Chromium draws it
NAME_SIZE = 11  # px: persons' names
NAME_GAP = 14  # px: the invisible marker that sets the distance from a person to their name
POSITIONS = ("middle right", "middle left", "top center", "bottom center")
SCALES = (1.0, 1.25, 1.5, 2.0, 3.0)  # the zoom levels at which more names are placed


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width in px of ``text`` in DejaVu Sans at ``size`` px (the charts' font).

    >>> round(text_width("Preobrazhensky", 11))
    88
    """
    table = WIDTHS["bold" if bold else "regular"]
    return size * sum(table.get(ch, WIDTHS["fallback"]) for ch in text)


def label_box(width: float, size: float, position: str, marker: float) -> tuple[float, float, float, float]:
    """The box (x0, y0, x1, y1) of a text beside a marker of ``marker`` px, relative to the
    anchor in screen pixels with y upwards, united with the marker's own box so that it contains
    the anchor."""
    height, half = size * LINE, marker / 2
    if position == "middle right":
        box = (half + 2.2, -0.55 * height, half + 2.2 + width, 0.45 * height)
    elif position == "middle left":
        box = (-half - 2.2 - width, -0.55 * height, -half - 2.2, 0.45 * height)
    elif position == "top center":
        box = (-width / 2, half + 2, width / 2, half + 2 + height)
    elif position == "middle center":
        box = (-width / 2, -0.55 * height, width / 2, 0.45 * height)
    elif position == "bottom center":
        box = (-width / 2, -half - 0.5 - height, width / 2, -half - 0.5)
    else:
        raise ValueError(f"unknown text position {position!r}")
    return min(box[0], -half), min(box[1], -half), max(box[2], half), max(box[3], half)


@dataclass(frozen=True)
class Label:
    """A name placed beside its node: shown from ``scale`` up (1 is the reference plot)."""

    key: str
    text: str
    position: str
    scale: float


def overlapping(anchors: np.ndarray, boxes: np.ndarray, scale: float, anchor, box) -> np.ndarray:
    """Which of the marks (``anchors`` (n, 2) with ``boxes`` (n, 4)) overlap one more mark at
    ``scale``; boxes that merely touch do not."""
    if len(anchors) == 0:
        return np.zeros(0, dtype=bool)
    x, y = anchor[0] * scale, anchor[1] * scale
    xs, ys = anchors[:, 0] * scale, anchors[:, 1] * scale
    return ((xs + boxes[:, 0] < x + box[2] - 0.01) & (x + box[0] < xs + boxes[:, 2] - 0.01)
            & (ys + boxes[:, 1] < y + box[3] - 0.01) & (y + box[1] < ys + boxes[:, 3] - 0.01))


class Marks:
    """A growing set of anchored boxes, kept in preallocated arrays for the collision check, each
    with its owner (a label may cover its own node's marks)."""

    def __init__(self, anchors: Sequence, boxes: Sequence, owners: Sequence, room: int = 0):
        count = len(owners)
        self.anchors = np.zeros((count + room, 2))
        self.boxes = np.zeros((count + room, 4))
        self.codes = np.full(count + room, -1)
        self.owners: dict = {}
        self.size = 0
        for anchor, box, owner in zip(anchors, boxes, owners):
            self.add(anchor, box, owner)

    def code(self, owner) -> int:
        return self.owners.setdefault(owner, len(self.owners))

    def first_free(self, scale, anchor, boxes: np.ndarray, owner=None) -> int:
        """The index of the first of several boxes (k, 4) around ``anchor`` that overlaps no mark
        but the owner's own, or -1: one vectorised check for all of a label's positions, on the
        marks placed so far."""
        n = self.size
        if n == 0:
            return 0
        near = slice(0, n)
        x, y = anchor[0] * scale, anchor[1] * scale
        xs, ys = self.anchors[near, 0] * scale, self.anchors[near, 1] * scale
        b = self.boxes[near]
        hits = ((xs + b[:, 0] < x + boxes[:, 2:3] - 0.01) & (x + boxes[:, 0:1] < xs + b[:, 2] - 0.01)
                & (ys + b[:, 1] < y + boxes[:, 3:4] - 0.01) & (y + boxes[:, 1:2] < ys + b[:, 3] - 0.01))
        hits &= self.codes[near] != self.owners.get(owner, -2)
        clear = np.flatnonzero(~hits.any(axis=1))
        return int(clear[0]) if len(clear) else -1

    def add(self, anchor, box, owner=None) -> None:
        if self.size == len(self.codes):  # grow by half again
            extra = max(16, len(self.codes) // 2)
            self.anchors = np.vstack([self.anchors, np.zeros((extra, 2))])
            self.boxes = np.vstack([self.boxes, np.zeros((extra, 4))])
            self.codes = np.concatenate([self.codes, np.full(extra, -1)])
        self.anchors[self.size] = anchor
        self.boxes[self.size] = box
        self.codes[self.size] = self.code(owner)
        self.size += 1


def place_labels(candidates: Iterable[tuple[str, str, tuple[float, float], float]],
                 obstacles: Iterable[tuple[object, tuple[float, float], tuple[float, float, float, float]]],
                 scales: Sequence[float] = SCALES, size: float = NAME_SIZE,
                 positions: Sequence[str] = POSITIONS,
                 box_of: Callable[[str, str, float], tuple] | None = None, kind: str = "label") -> list[Label]:
    """Labels for as many candidates as fit, most important first, never overlapping.

    Parameters
    ----------
    candidates : iterable of (key, text, anchor, marker size)
        In order of importance; ``anchor`` in reference pixels.
    obstacles : iterable of (owner, anchor, box)
        Every mark drawn (markers, rings, faction names, labels placed before); a label may
        cover its own node's marks (``owner`` equal to its key) but no other.
    scales : sequence of float
        Increasing; the first is the smallest plot the labels must fit.
    positions : sequence of str
        Where a label may go, in the order tried (right, left, above, below for names).
    box_of : callable (text, position, marker size) -> box, optional
        A label's box around its anchor; by default the text's, from the font.
    kind : str
        What the placed labels are, as obstacles to later ones: ``(kind, key)``.

    Returns
    -------
    list of Label
        Each candidate that fits at some scale, with its position and the smallest scale from
        which it is shown, in the order of ``candidates``.
    """
    if box_of is None:
        def box_of(text, position, marker):
            return label_box(text_width(text, size), size, position, marker)
    candidates = list(candidates)
    obstacles = list(obstacles)
    marks = Marks([a for _, a, _ in obstacles], [b for _, _, b in obstacles], [o for o, _, _ in obstacles],
                  room=len(candidates))
    boxes = {key: np.array([box_of(text, position, marker) for position in positions], dtype=float)
             for key, text, _, marker in candidates}  # every position's box, once per label
    placed: dict[str, Label] = {}
    for scale in scales:
        for key, text, anchor, _marker in candidates:
            if key in placed:
                continue
            k = marks.first_free(scale, anchor, boxes[key], owner=key)
            if k >= 0:
                marks.add(anchor, boxes[key][k], owner=(kind, key))
                placed[key] = Label(key, text, positions[k], scale)
    return [placed[key] for key, *_ in candidates if key in placed]


@lru_cache(maxsize=4096)
def _initials(name: str) -> str:
    return " ".join(f"{part[0]}." for part in name.split()[:-1] if part[:1].isalpha())


def short_names(persons: Iterable) -> dict[str, str]:
    """The name a chart writes beside each person: the surname, or initials and surname where
    two persons of the dataset share it (I. N. Smirnov, V. M. Smirnov, A. P. Smirnov).

    Initials come from a variant spelled like "I. N. Smirnov" when the data has one, else from
    the given names.
    """
    persons = list(persons)
    surnames: dict[str, int] = {}
    for p in persons:
        surname = p.name.split()[-1]
        surnames[surname] = surnames.get(surname, 0) + 1
    names = {}
    for p in persons:
        surname = p.name.split()[-1]
        if surnames[surname] == 1:
            names[p.id] = surname
            continue
        spelled = [v for v in getattr(p, "name_variants", ()) or ()
                   if v.endswith(surname) and all(len(w) == 2 and w.endswith(".") for w in v.split()[:-1])
                   and len(v.split()) > 1]
        names[p.id] = max(spelled, key=len) if spelled else f"{_initials(p.name)} {surname}".strip()
    return names


def measure_font_widths(regular: str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                        bold: str = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf") -> dict:
    """The advance widths (in em) of DejaVu Sans for Latin, Cyrillic and punctuation, read from
    Debian's font files with fontTools: what ``font_widths.json`` holds (``make font-widths``)."""
    from fontTools.ttLib import TTFont  # only to refresh the table; not needed to draw

    ranges = [(0x20, 0x7F), (0xA0, 0x180), (0x400, 0x460), (0x2010, 0x2027), (0x2190, 0x2194)]
    out = {"font": "DejaVu Sans (Debian's fonts-dejavu-core)", "units": "em", "fallback": 0.62}
    for weight, path in (("regular", regular), ("bold", bold)):
        font = TTFont(path)
        cmap, metrics, em = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
        out[weight] = {chr(c): round(metrics[cmap[c]][0] / em, 4)
                       for lo, hi in ranges for c in range(lo, hi) if c in cmap}
    return out


if __name__ == "__main__":
    Path(__file__).with_name("font_widths.json").write_text(
        json.dumps(measure_font_widths(), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
