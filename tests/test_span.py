"""One span of years for every chart, title, slider and link."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from shipped import shipped

from components.controls import MARK_GAP, YearScale
from components.state import ViewState
from oppositions.export import build_chart
from oppositions.export_cli import _story
from oppositions.figures import fates_figure, flows_figure, overlap_heatmap
from oppositions.span import span_of
from synthetic import datasets

DATA = shipped()


def test_the_shipped_network_runs_from_1919_to_1941_and_the_rehabilitations_come_afterwards():
    span = span_of(DATA)
    assert (span.first, span.last, str(span)) == (1919, 1941, "1919–1941")
    assert span.afterwards == (1942, 2005)
    later = {f.date.year for f in DATA.fates} | {e.date.year for e in DATA.events}
    assert set(span.steps) - set(range(1919, 1942)) <= later  # only years that hold a fact
    assert {1956, 1988} <= set(span.steps) and 1948 not in span.steps


@settings(max_examples=40)
@given(datasets())
def test_a_span_lies_within_the_facts_and_every_step_is_in_it(dataset):
    span = span_of(dataset)
    assert span.first <= span.last <= span.end
    assert list(span.steps) == sorted(set(span.steps)) and span.steps[0] == span.first
    declared = span_of(dataclasses.replace(dataset, network_end=1930))
    assert declared.last == min(max(1930, declared.first), declared.end)


def test_the_sliders_labels_keep_apart_and_name_both_ends_of_the_network():
    scale = YearScale(DATA)
    marks = sorted(scale.marks())
    labels = [scale.marks()[i]["label"] for i in marks]
    assert labels[0] == "1919" and "1941" in labels and labels[-1] == "2005"
    assert all(b - a >= MARK_GAP for a, b in zip(marks, marks[1:]))
    assert scale.year(scale.last_network_step) == 1941 and scale.break_at().startswith("calc(")


def test_a_link_to_a_year_without_a_fact_says_which_year_it_shows():
    state, notes = ViewState.from_query("?year=1948", DATA)
    assert state.year == 1949
    assert notes == ["No fact in this dataset is dated 1948; showing 1949, the next year that has one."]


def test_every_chart_title_uses_the_networks_years():
    for figure in (flows_figure(DATA), overlap_heatmap(DATA), fates_figure(DATA)):
        assert figure.layout.meta["years"] == [1919, 1941]
        assert "1919-1941" in figure.layout.title.text
    assert "status at the end of 1941" in flows_figure(DATA).layout.title.text
    in_1937 = build_chart(DATA, "flows", 1937)
    assert "1919-1937" in in_1937.layout.title.text and "end of 1937" in in_1937.layout.title.text
    assert "1919-1937" in build_chart(DATA, "overlap", 1937).layout.title.text
    assert build_chart(DATA, "fates", 1937).layout.meta["years"] == [1919, 1941]
    assert _story(DATA) == (1919, 1942)  # the animation plays the network's years (a range's ends)
