"""Text in the charts never overprints: the Sankey's nodes in time order with their labels apart,
the timeline's event labels clear of each other, captions and subtitles that fit, an honest scale.

These are the charts' own estimates, checked without a browser;
``tests/browser/test_chart_text_in_browser.py`` measures the drawn text itself.
"""

from __future__ import annotations

import itertools

import pytest
from shipped import shipped

from oppositions.figures import fates_figure, flows_figure, overlap_heatmap, overlap_upset, timeline_figure
from oppositions.figures.fates import panel_px, year_ticks
from oppositions.figures.flows import FONT_SIZE, node_label
from oppositions.figures.style import MIN_WIDTH, wrap_text
from oppositions.figures.style import markup_width as text_width
from oppositions.figures.timeline import LABEL_SIZE, short_label

SPANS = [(1905, 1921), (1905, 1927), (1905, 1938), (1927, 1938), (1919, 1960)]


@pytest.fixture(scope="module")
def data():
    return shipped()


def sankey_nodes(figure):
    """(id, x, y) of every node of a flows figure."""
    node = figure.data[0].node
    return [(c[1], x, y) for c, x, y in zip(node.customdata, node.x, node.y)]


@pytest.mark.parametrize("years", SPANS)
def test_sankey_nodes_run_in_time_order_and_fates_come_last(data, years):
    nodes = sankey_nodes(flows_figure(data, years))
    factions = [(data.factions[n].formed.fractional(), x) for n, x, _ in nodes if n in data.factions]
    fates = [x for n, x, _ in nodes if n not in data.factions]
    assert factions and fates
    assert [x for _, x in sorted(factions)] == sorted(x for _, x in factions)
    assert min(fates) > max(x for _, x in factions)
    assert all(0 < x <= 1 for _, x, _ in nodes) and all(0 < y < 1 for *_, y in nodes)


@pytest.mark.parametrize("years", SPANS)
def test_a_group_of_1932_is_never_in_the_first_column(data, years):
    nodes = sankey_nodes(flows_figure(data, years))
    of_1932 = [x for n, x, _ in nodes if n in data.factions and data.factions[n].formed.year == 1932]
    earlier = [x for n, x, _ in nodes if n in data.factions and data.factions[n].formed.year < 1932]
    if of_1932 and earlier:
        assert min(of_1932) > max(earlier)


@pytest.mark.parametrize("years", SPANS)
def test_sankey_labels_are_a_line_apart_where_they_share_width(data, years):
    figure = flows_figure(data, years)
    layout = figure.layout.meta["node_layout"]
    plot_height = layout["plot"][1]
    boxes = [(n, b) for n, where in layout["nodes"].items() for b in where["boxes"]]
    for (n, a), (m, b) in itertools.combinations(boxes, 2):
        if n != m:
            apart = min(a[1], b[1]) - max(a[0], b[0]) <= 0 or min(a[3], b[3]) - max(a[2], b[2]) <= 0
            assert apart, f"{n} and {m} overlap"
    centres = {n: where["y"] for n, where in layout["nodes"].items()}
    for n, m in itertools.combinations(centres, 2):
        a, b = layout["nodes"][n]["boxes"][1], layout["nodes"][m]["boxes"][1]
        if min(a[1], b[1]) > max(a[0], b[0]):  # the labels share some width
            assert abs(centres[n] - centres[m]) * plot_height >= 1.2 * FONT_SIZE


def test_long_node_labels_are_broken_in_two():
    assert node_label("Trotsky-Bukharin platform") == "Trotsky-Bukharin<br>platform"
    assert node_label("Smirnov-Eismont-Tolmachev") == "Smirnov-Eismont-<br>Tolmachev"
    assert node_label("Workers' Truth") == "Workers' Truth"


def test_the_heatmaps_colour_range_covers_its_data_and_the_diagonal_is_stated_apart(data):
    for years in SPANS:
        figure = overlap_heatmap(data, years)
        shared, own = figure.data[0], figure.data[1]
        values = [v for row in shared.z for v in row if v is not None]
        assert shared.zmin <= min(values) and shared.zmax >= max(values) == shared.zmax
        diagonal = [row[i] for i, row in enumerate(own.z)]
        assert all(v is not None for v in diagonal) and own.showscale is False
        assert [own.text[i][i] for i in range(len(diagonal))] == [str(v) for v in diagonal]
    left = overlap_heatmap(data, (1905, 1938))
    i = list(left.data[1].y).index("Left Opposition")
    assert left.data[1].z[i][i] > left.data[0].zmax  # why the diagonal is not on the scale


def test_heatmap_names_stand_upright_with_room_below_and_left(data):
    figure = overlap_heatmap(data, (1905, 1938))
    assert figure.layout.xaxis.tickangle == -90
    longest = max(text_width(n, 11) for n in figure.data[0].x)
    assert figure.layout.margin.b >= longest + 20 and figure.layout.margin.l >= longest + 10


def label_spans(figure):
    """Each timeline label's lane, panel and estimated span in data units turned to px."""
    for trace in figure.data:
        if trace.type == "scatter" and trace.mode == "text":
            yield trace


@pytest.mark.parametrize("year", [None, 1921, 1927, 1938])
def test_timeline_event_labels_sit_in_blank_rows_and_never_touch(data, year):
    figure = timeline_figure(data, year)
    rows = list(figure.layout.yaxis.categoryarray)
    margin = figure.layout.margin
    plot = (MIN_WIDTH - margin.l - margin.r) * (1 - 0.015)
    labels = list(label_spans(figure))
    assert sum(len(t.text) for t in labels) >= 10
    spans = {}
    for trace in labels:
        axis = figure.layout.xaxis if trace.xaxis in (None, "x") else figure.layout.xaxis2
        width = plot * (axis.domain[1] - axis.domain[0]) / (1 - 0.015)
        scale = width / (axis.range[1] - axis.range[0])
        for x, text, y in zip(trace.x, trace.text, trace.y):
            assert not y.strip() and rows.index(y) % 2 == 1  # a blank row under a row of markers
            start = (x - axis.range[0]) * scale
            w = text_width(text, LABEL_SIZE)
            span = (start, start + w) if trace.textposition == "middle right" else (start - w, start)
            assert span[0] >= -1 and span[1] <= width + 1
            spans.setdefault((y, trace.xaxis), []).append(span)
    for row in spans.values():
        for a, b in itertools.combinations(sorted(row), 2):
            assert a[1] <= b[0]


def test_the_chosen_years_events_are_labelled_first(data):
    figure = timeline_figure(data, 1927)
    texts = {t for trace in label_spans(figure) for t in trace.text}
    assert "Declaration of the 83" in texts and "15th Party Congress" in texts


def test_short_labels_keep_the_first_clause_whole_words():
    assert short_label("8th Party Congress: Military Opposition and first Decist criticism") == "8th Party Congress"
    assert short_label("Tenth Congress of the RCP(b)") == "Tenth Congress"
    assert short_label("Trial of the Sixteen (Trotskyite-Zinovievite Terrorist Centre)") == "Trial of the Sixteen"
    long = short_label("Resolution 'On Certain Members of the Former Workers' Opposition'; Mitin expelled")
    assert long.endswith("…") and len(long) <= 29 and not long.removesuffix("…").endswith(" of")


def figures(data):
    return [timeline_figure(data, 1927), overlap_heatmap(data), overlap_upset(data),
            flows_figure(data), fates_figure(data, year=1937)]


def test_subtitles_and_captions_fit_the_narrowest_chart(data):
    for figure in figures(data):
        title = figure.layout.title
        assert title.yref == "container" and title.yanchor == "top"
        for line in title.text.split("<br>")[1:]:
            assert text_width(line, 14) <= MIN_WIDTH - 24
        caption = next(a for a in figure.layout.annotations if a.name == "caption")
        assert caption.x == 0 and caption.xshift == -(figure.layout.margin.l - 12)
        assert all(text_width(line, 11) <= MIN_WIDTH - 24 for line in caption.text.split("<br>"))
        lines = caption.text.count("<br>") + 1
        assert figure.layout.margin.b >= 14 * lines


def test_wrap_text_keeps_every_word():
    text = "one two three four five six seven eight nine ten"
    lines = wrap_text(text, 60, 11)
    assert " ".join(lines) == text and len(lines) > 1


def test_text_width_strips_markup_and_measures_the_font():
    assert text_width("<b>Declaration of the 83</b>", 13) == text_width("Declaration of the 83", 13) > 100
    assert text_width("a &amp; b", 11) == text_width("a & b", 11)


def test_fates_ticks_and_panel_titles_fit_their_panels(data):
    ticks = year_ticks(1919, 1941)
    assert ticks and all(b - a >= 5 for a, b in zip(ticks, ticks[1:]))
    assert (ticks[1] - ticks[0]) * panel_px() / 22 >= text_width("1930", 11) if len(ticks) > 1 else True
    figure = fates_figure(data, year=1937)
    titles = [note for note in figure.layout.annotations if note.name != "caption"]
    assert len(titles) == 15
    for note in titles:
        assert all(text_width(line, note.font.size) <= panel_px() for line in note.text.split("<br>"))
