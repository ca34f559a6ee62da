"""What makes the network readable, as pure logic: text widths from the real font, names that never
overlap at any zoom, marks pushed apart, colours told apart in colour blindness, and the
network's names on the shipped data."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from coloraide import Color
from hypothesis import given, settings
from hypothesis import strategies as st
from shipped import shipped

from oppositions import spacing
from oppositions.dataset import load_dataset
from oppositions.figures.network_chart import network_spec, plot_scale
from oppositions.figures.style import STATUS_COLOURS
from oppositions.labels import SCALES, label_box, overlapping, place_labels, short_names, text_width
from oppositions.layout import REFERENCE, stable_layout
from oppositions.spacing import overlap_pairs, separate
from oppositions.vocabulary import family_of


@pytest.fixture(scope="module")
def data():
    return shipped()


def test_text_width_follows_dejavu_sans():
    # measured in Chromium: "Preobrazhensky" at 11 px is 87.7 px wide; bold is wider
    assert abs(text_width("Preobrazhensky", 11) - 87.7) < 1
    assert text_width("Троцкий", 11, bold=True) > text_width("Троцкий", 11) > 0


def test_namesakes_get_initials(data):
    names = short_names(data.persons.values())
    assert names["trotsky"] == "Trotsky"
    assert names["smirnov-ivan"] == "I. N. Smirnov" and names["smirnov-vladimir"] == "V. M. Smirnov"
    assert len({names[p] for p in data.persons if data.persons[p].name.endswith("Smirnov")}) == sum(
        1 for p in data.persons.values() if p.name.endswith("Smirnov"))


anchors = st.lists(st.tuples(st.floats(0, 300), st.floats(0, 200)), min_size=1, max_size=40)


@given(anchors, st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=14), min_size=40,
                         max_size=40))
def test_placed_names_never_overlap_at_any_larger_scale(points, words):
    """A name placed for one scale stays clear of every other mark at every larger scale."""
    markers = [(f"p{i}", xy, (-5.0, -5.0, 5.0, 5.0)) for i, xy in enumerate(points)]
    candidates = [(f"p{i}", words[i], xy, 14) for i, xy in enumerate(points)]
    labels = place_labels(candidates, markers)
    boxes = {label.key: label_box(text_width(label.text, 11), 11, label.position, 14) for label in labels}
    where = dict((key, xy) for key, _, xy, _ in candidates)
    for scale in (1.0, 1.3, 2.0, 3.7, 4.0):
        shown = [label for label in labels if label.scale <= scale]
        for a, b in itertools.combinations(shown, 2):
            hit = overlapping(np.array([where[b.key]]), np.array([boxes[b.key]]), scale, where[a.key], boxes[a.key])
            assert not hit.any(), (a, b, scale)
        for label in shown:  # nor on another person's marker
            others = [(xy, box) for key, xy, box in markers if key != label.key]
            if others:
                hit = overlapping(np.array([xy for xy, _ in others]), np.array([box for _, box in others]), scale,
                                  where[label.key], boxes[label.key])
                assert not hit.any()
    assert all(label.scale in SCALES for label in labels)


@settings(max_examples=30)
@given(st.lists(st.tuples(st.floats(0, 60), st.floats(0, 60)), min_size=2, max_size=60))
def test_separation_leaves_no_overlap_when_there_is_room(points):
    start = np.array(points)
    boxes = np.tile([-5.0, -5.0, 5.0, 5.0], (len(points), 1))
    placed = separate(start, boxes, np.ones(len(points)), (400.0, 400.0), passes=50, settle=3000)
    i, j, ox, oy = overlap_pairs(placed, boxes)
    assert not np.any((ox > 0.1) & (oy > 0.1))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 80), st.floats(0, 80), st.floats(2, 9), st.booleans()), min_size=2, max_size=50))
def test_testing_only_near_pairs_places_every_mark_where_testing_all_pairs_would(monkeypatch, marks):
    """The pairs list within a slack is only a saving: any slack gives the very same positions."""
    start = np.array([m[:2] for m in marks])
    boxes = np.array([[-m[2], -m[2], m[2], m[2] + 8 * m[3]] for m in marks])  # some with room for a name below
    radius = np.array([0.0 if m[3] else m[2] for m in marks])
    placed = {}
    for slack in (spacing.SLACK, 0.5, 1e9):
        monkeypatch.setattr(spacing, "SLACK", slack)
        placed[slack] = separate(start, boxes, np.ones(len(marks)), (200.0, 200.0), passes=40, settle=800,
                                 target=lambda pos: pos * 0.9, round_radius=radius)
    assert np.array_equal(placed[1e9], placed[0.5]) and np.array_equal(placed[1e9], placed[spacing.SLACK])


def test_the_shipped_layout_keeps_every_mark_apart_and_within_the_reference_height(data):
    positions = stable_layout(data)
    persons = np.array([xy for node, xy in positions.items() if node.startswith("p:")])
    boxes = np.tile([-4.5, -4.5, 4.5, 4.5], (len(persons), 1))  # 9 px markers
    i, j, ox, oy = overlap_pairs(persons, boxes)
    assert not np.any((ox > 0.5) & (oy > 0.5))
    assert np.ptp(persons[:, 1]) <= REFERENCE[1]


def test_rings_of_change_never_touch_a_neighbour_in_the_smallest_plot(data):
    """Every year, each person drawn with rings of change (two or three, widening, for two or
    three changes) keeps them clear of every other person drawn that year, their rings included,
    at the scale of a tablet's plot (709 x 536 px, the smallest the dashboard draws), by more than
    1 px (as the browser measures it)."""
    from collections import Counter

    from oppositions.changes import changes_in
    from oppositions.figures.network_chart import network_spec
    from oppositions.room import PERSON_SIZE, RING_LINE, ring_size

    positions = stable_layout(data)
    joined = {}
    for m in data.memberships:
        joined[m.person] = min(joined.get(m.person, 9999), m.start.year)
    for year in (1923, 1927, 1928, 1929, 1936, 1937, 1938):
        spec = network_spec(data, year)
        margin = spec["layout"]["margin"]
        scale = plot_scale(spec["layout"], 709 + margin["l"] + margin["r"], 536 + margin["t"] + margin["b"])
        rings = Counter(c.person for c in changes_in(data, year))
        drawn = [p for p in data.persons if joined.get(p, 9999) <= year]
        width = {p: ring_size(rings[p] - 1) + RING_LINE if p in rings else PERSON_SIZE for p in drawn}
        at = np.array([positions[f"p:{p}"] for p in drawn]) * scale
        gaps = np.hypot(*(at[:, None, :] - at[None, :, :]).transpose(2, 0, 1))
        wanted = (np.array([width[p] for p in drawn])[:, None] + np.array([width[p] for p in drawn])[None, :]) / 2
        ringed = np.array([p in rings for p in drawn])
        close = (gaps < wanted - 1) & (ringed[:, None] | ringed[None, :])
        np.fill_diagonal(close, False)
        assert not close.any(), (year, scale, [(drawn[i], drawn[j], gaps[i, j], wanted[i, j]) for i, j in zip(*np.nonzero(close))][:5])


def families_near(data):
    positions = stable_layout(data)
    by_family = {}
    for f in data.factions.values():
        by_family.setdefault(family_of(f), []).append(np.array(positions[f"f:{f.id}"]))
    return {family: np.mean(points, axis=0) for family, points in by_family.items()}, by_family


def test_families_are_regions(data):
    """Each faction sits nearer the centre of its own family than of most others."""
    centres, members = families_near(data)
    for family, points in members.items():
        if family == "other":
            continue
        for point in points:
            own = np.linalg.norm(point - centres[family])
            closer = sum(np.linalg.norm(point - c) < own for f, c in centres.items() if f not in (family, "other"))
            assert closer <= 1, family


@pytest.mark.parametrize("year", [1921, 1923, 1927, 1932, 1937])
def test_names_of_the_year_are_many_and_the_leaders_are_among_them(data, year):
    spec = network_spec(data, year, size=(1440, 800))
    names = next(t for t in spec["data"] if (t.get("meta") or {}).get("role") == "names")
    named = {c[1] for c, text in zip(names["customdata"], names["text"]) if text}
    assert len(named) >= 20
    if year == 1927:
        assert {"trotsky", "zinoviev", "kamenev"} <= named
    assert plot_scale(spec["layout"], 1440, 800) >= 1


def test_a_slide_png_names_more_than_the_reference_plot(data):
    small, slide = network_spec(data, 1927), network_spec(data, 1927, size=(1920, 1080))

    def count(spec):
        names = next(t for t in spec["data"] if (t.get("meta") or {}).get("role") == "names")
        return sum(1 for text in names["text"] if text)
    assert count(slide) > count(small) >= 20


def cvd(colour: str, kind: str | None) -> Color:
    c = Color(colour)
    return c if kind is None else c.filter(kind, method="brettel" if kind == "tritan" else "machado")


@pytest.mark.parametrize("kind", [None, "deutan", "protan", "tritan"])
def test_status_colours_are_told_apart_in_colour_blindness(kind):
    for a, b in itertools.combinations(STATUS_COLOURS.values(), 2):
        assert cvd(a, kind).delta_e(cvd(b, kind), method="2000") >= 12, (a, b, kind)


@pytest.mark.parametrize("kind", [None, "deutan", "protan", "tritan"])
def test_family_hues_are_told_apart_in_colour_blindness(data, kind):
    centres = {}
    for f in sorted(data.factions.values(), key=lambda f: f.formed.sort_key()):
        centres.setdefault(family_of(f), []).append(f.colour)
    middle = [colours[len(colours) // 2] for colours in centres.values()]
    for a, b in itertools.combinations(middle, 2):
        assert cvd(a, kind).delta_e(cvd(b, kind), method="2000") >= 12, (a, b, kind)


def test_every_colour_has_three_to_one_contrast_on_white(data):
    for colour in list(STATUS_COLOURS.values()) + [f.colour for f in data.factions.values()]:
        assert Color(colour).contrast("white") >= 3.0, colour


def test_the_layout_is_kept_on_disk_and_laid_out_anew_when_the_data_changes(make_folder, tmp_path, monkeypatch):
    from oppositions import layout

    monkeypatch.setenv("OPPOSITIONS_CACHE", str(tmp_path / "cache"))
    folder = make_folder()
    first = load_dataset(folder)
    positions = layout.stable_layout(first)
    kept = list((tmp_path / "cache" / "layouts").glob("*.json"))
    assert len(kept) == 1 and first.fingerprint in kept[0].name
    layout.whole_layout.cache_clear()
    calls = []
    monkeypatch.setattr(layout, "compute_layout", lambda d: calls.append(d) or {})
    assert layout.stable_layout(load_dataset(folder)) == positions and calls == []  # read back, not computed
    edited = make_folder(edit=lambda tables: tables["persons"][0].update(name="Alexander G. Shlyapnikov"))
    layout.stable_layout(load_dataset(edited))
    assert len(calls) == 1  # another version of the data: laid out again


def test_the_persons_view_keeps_each_persons_strongest_ties_and_all_of_the_selected(data):
    from collections import Counter

    from oppositions.figures.network_chart import TIES_PER_PERSON

    spec = network_spec(data, 1927, view="persons", since=1923, selected="trotsky")
    positions = {tuple(xy): node for node, xy in stable_layout(data).items()}
    ties = Counter()
    for trace in spec["data"]:
        if trace.get("mode") != "lines":
            continue
        xs, ys = trace["x"], trace["y"]
        for k in range(0, len(xs), 3):
            for end in ((xs[k], ys[k]), (xs[k + 1], ys[k + 1])):
                ties[positions[end]] += 1
    trotsky = ties.pop("p:trotsky")
    assert trotsky > TIES_PER_PERSON  # the selected person keeps every tie
    assert sum(1 for n in ties.values() if n <= 2 * TIES_PER_PERSON) > 0.8 * len(ties)
