"""The charts as a reader sees them: what is drawn at a year, colours, markers, escaping."""

from __future__ import annotations

import json
import subprocess
import sys

import plotly.graph_objects as go
import pytest
from shipped import shipped

from oppositions.dataset import Faction, Membership, Person, load_dataset
from oppositions.dates import PartialDate
from oppositions.figures import (
    fates_figure,
    flows_figure,
    network_figure,
    overlap_heatmap,
    overlap_upset,
    timeline_figure,
)
from oppositions.figures import network_scene as network_module
from oppositions.figures.network_chart import network_spec
from oppositions.figures.style import STATUS_COLOURS, STATUS_LABELS, with_alpha
from oppositions.network import network_for
from synthetic import make_dataset


@pytest.fixture(scope="module")
def data():
    return shipped()


def role(trace) -> str | None:
    return trace.meta.get("role") if isinstance(trace.meta, dict) else None


def trace_of(figure: go.Figure, person_id: str):
    """The trace a person's marker is drawn in."""
    for trace in figure.data:
        if role(trace) == "person" and ["person", person_id] in [list(c) for c in trace.customdata]:
            return trace
    raise AssertionError(f"{person_id} not drawn")


def point_of(figure, kind, record_id):
    for trace in figure.data:
        if role(trace) not in ("person", "faction"):
            continue
        for i, c in enumerate(trace.customdata):
            if list(c)[:2] == [kind, record_id]:
                return trace, i
    raise AssertionError(record_id)


def test_executed_shown_as_executed_after_1937_not_before(data):
    assert trace_of(network_figure(data, 1936), "shlyapnikov").name == STATUS_LABELS["imprisoned"]
    assert trace_of(network_figure(data, 1938), "shlyapnikov").name == STATUS_LABELS["executed"]
    assert trace_of(network_figure(data, 1921), "shlyapnikov").name == STATUS_LABELS["active"]


def test_network_counts_follow_the_data(data):
    for year in (1921, 1923, 1927):
        graph = network_for(data).graph_at(year)
        figure = network_figure(data, year, show_former=False)
        drawn = {list(c)[1] for t in figure.data if role(t) == "person" for c in t.customdata}
        assert len(drawn) == sum(1 for _, k in graph.nodes(data="kind") if k == "person")
        assert (f"Among the {len(data.persons)} persons in this dataset, {len(drawn)} belonged to"
                in figure.layout.title.subtitle.text)


def test_edges_are_one_trace_per_certainty_with_none_separators(data):
    figure = network_figure(data, 1927)
    lines = {t.name: t for t in figure.data if t.mode == "lines"}
    assert list(lines) == ["membership", "uncertain membership", "disputed membership"]
    assert [lines[n].line.dash for n in lines] == ["solid", "dot", "dash"]
    assert None in lines["membership"].x and None in lines["uncertain membership"].x
    segments = sum(len(t.x) // 3 for t in lines.values())
    assert segments == network_for(data).graph_at(1927).number_of_edges()


def test_uncertain_and_disputed_memberships_are_drawn_as_such(data):
    from oppositions.layout import stable_layout
    from oppositions.network import faction_node, person_node

    disputed = next(m for m in data.memberships if m.certainty == "disputed")
    year = disputed.start.year
    trace = next(t for t in network_figure(data, year).data if t.name == "disputed membership")
    ends = {tuple(stable_layout(data)[person_node(disputed.person)]), tuple(stable_layout(data)[faction_node(disputed.faction)])}
    segments = {(trace.x[i], trace.y[i]) for i in range(len(trace.x)) if trace.x[i] is not None}
    assert ends <= segments
    marks = next(t for t in network_figure(data, year).data if t.name == "?! disputed fact")
    hover = marks.hovertext[[c[1] for c in marks.customdata].index(disputed.person)]
    assert "disputed" in hover and (disputed.note or "")[:20] in hover.replace("<br>", " ")


def test_each_change_of_the_year_has_its_ring_and_its_count(data):
    from oppositions.changes import changes_in

    figure = network_figure(data, 1937)
    executed = next(t for t in figure.data if t.legendgroup == "changes" and t.name.startswith("executed"))
    ringed = {c[1] for c in executed.customdata}
    assert "shlyapnikov" in ringed and "pyatakov" in ringed
    assert executed.name == f"executed ({len(ringed)})" and f"{len(ringed)} executed" in figure.layout.title.subtitle.text
    assert ringed == {c.person for c in changes_in(data, 1937) if c.kind == "executed"} & ringed
    assert not any(t.legendgroup == "changes" and t.name.startswith("executed") and t.customdata
                   for t in network_figure(data, 1921).data)


def test_positions_do_not_change_between_years(data):
    a, b = network_figure(data, 1923), network_figure(data, 1927)
    for person in ("trotsky", "preobrazhensky", "sapronov"):
        ta, ia = point_of(a, "person", person)
        tb, ib = point_of(b, "person", person)
        assert (ta.x[ia], ta.y[ia]) == (tb.x[ib], tb.y[ib])


def test_faction_colours_equal_across_charts(data):
    colour = data.factions["left-opposition"].colour
    trace, i = point_of(network_figure(data, 1927), "faction", "left-opposition")
    assert trace.marker.color[i] == colour
    timeline = timeline_figure(data, 1927)
    bar = next(t for t in timeline.data if t.type == "bar")
    j = [list(c) for c in bar.customdata].index(["faction", "left-opposition"])
    assert bar.marker.color[j] == with_alpha(colour, 0.85)  # the same colour, 85% opaque
    sankey = flows_figure(data).data[0]
    k = [list(c) for c in sankey.node.customdata].index(["faction", "left-opposition"])
    assert sankey.node.color[k] == colour


def test_timeline_marks_the_chosen_year(data):
    figure = timeline_figure(data, 1927)
    lines = [s for s in figure.layout.shapes if s.type == "line"]
    assert len(lines) == 1 and lines[0].x0 == 1927.5
    assert any(a.text == "<b>1927</b>" for a in figure.layout.annotations)


def test_timeline_events_carry_their_year_for_clicks(data):
    figure = timeline_figure(data)
    years = {c[2] for t in figure.data if t.type == "scatter" for c in t.customdata}
    assert {1921, 1927, 1937, 1988} <= years


def test_empty_filter_says_so(data):
    figure = network_figure(data, 1937, factions=["workers-opposition"], show_former=False)
    assert any("No faction in the selection" in (a.text or "") for a in figure.layout.annotations)


def test_highlight_marks_names_and_says_where_it_comes_from(data):
    figure = network_figure(data, 1927, highlight=["kuznetsov-nikolai", "trotsky"], highlight_label="search results",
                            selected="zinoviev")
    halo = next(t for t in figure.data if role(t) == "highlight")
    assert [list(c)[1] for c in halo.customdata] == ["kuznetsov-nikolai", "trotsky"]
    assert halo.name == "search results" and halo.showlegend
    selected = next(t for t in figure.data if role(t) == "selected")
    assert [list(c)[1] for c in selected.customdata] == ["zinoviev"] and selected.name == "selected person"
    names = next(t for t in figure.data if role(t) == "names")
    named = {list(c)[1] for c, text in zip(names.customdata, names.text) if text}
    assert {"trotsky", "zinoviev"} <= named  # the marked are named first


def test_views(data):
    for view in ("bipartite", "persons", "factions"):
        assert network_figure(data, 1927, view=view).layout.meta["view"] == view
    with pytest.raises(ValueError):
        network_figure(data, 1927, view="nope")


def test_webgl_past_the_threshold(data, monkeypatch):
    monkeypatch.setattr(network_module, "WEBGL_THRESHOLD", 10)
    assert any(t.type == "scattergl" for t in network_figure(data, 1927).data)
    monkeypatch.undo()
    assert not any(t.type == "scattergl" for t in network_figure(data, 1927).data)


def test_hostile_text_is_escaped_in_hovers():
    evil = "<img src=x onerror=alert(1)>"
    faction = Faction(id="f", name=evil, kind="opposition", formed=PartialDate(1921),
                      colour="#123456", description=evil, sources=("src",))
    person = Person(id="p", name=evil, sources=("src",))
    member = Membership(person="p", faction="f", start=PartialDate(1921), role="member", sources=("src",))
    dataset = make_dataset([faction], [person], [member])
    for figure in (network_figure(dataset, 1921), timeline_figure(dataset, 1921),
                   overlap_heatmap(dataset), flows_figure(dataset)):
        text = figure.to_json()
        assert "<img" not in text and "&lt;img" in text


def test_every_chart_has_title_caption_and_sources(data):
    figures = [network_figure(data, 1927), timeline_figure(data, 1927), overlap_heatmap(data),
               overlap_upset(data), flows_figure(data), fates_figure(data, year=1937)]
    for figure in figures:
        assert figure.layout.title.text
        captions = [a.text for a in figure.layout.annotations if a.name == "caption"]
        assert len(captions) == 1 and "Sources:" in captions[0] and data.version in captions[0]


def test_overlap_heatmap_diagonal_and_symmetry(data):
    heatmap = overlap_heatmap(data).data[0]
    n = len(heatmap.x)
    for i in range(n):
        assert heatmap.z[i][i] is None
        for j in range(n):
            assert heatmap.text[i][j] == heatmap.text[j][i]


def test_upset_bars_are_sorted_and_multi_faction(data):
    bars = overlap_upset(data).data[0]
    assert list(bars.y) == sorted(bars.y, reverse=True) and min(bars.y) >= 1


def test_flows_end_in_fates(data):
    sankey = flows_figure(data).data[0]
    labels = list(sankey.node.label)
    assert "executed" in labels and "alive" in labels
    assert sum(v for s, t, v in zip(sankey.link.source, sankey.link.target, sankey.link.value)
               if labels[t] == "executed") >= 20


def test_fates_share_alive_falls_in_the_terror(data):
    figure = fates_figure(data)
    left = list(figure.layout.annotations).index(next(a for a in figure.layout.annotations if a.text == "Left Opposition"))
    alive = [t for t in figure.data if t.name == "share alive"][left]
    share = dict(zip(alive.x, alive.y))
    assert share[1930] > 80 and share[1938] < 50 and share[1930] - share[1938] > 40


def test_figures_never_import_dash():
    code = ("import sys, oppositions.figures, oppositions.network, oppositions.status, "
            "oppositions.layout; print('dash' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("view", ["bipartite", "persons", "factions"])
def test_the_network_built_without_plotly_checks_passes_them(data, view):
    import plotly.graph_objects as go

    for year in (1921, 1927, 1937):
        go.Figure(network_spec(data, year, view=view, highlight=["trotsky"]))  # raises if invalid


def test_a_persons_path_shows_their_groups_and_their_end(data):
    from oppositions.figures import person_path_figure

    figure = person_path_figure(data, "pyatakov")
    bars = next(t for t in figure.data if t.name == "groups belonged to")
    years = list(bars.x)
    assert years[0] <= 1923 and years[-1] == 1937  # from the Left Opposition to his execution
    assert max(bars.y) >= 2  # he sat in several groups at once
    strip = next(t for t in figure.data if t.name == "status")
    assert strip.marker.color[-1] == STATUS_COLOURS["executed"]
    assert "executed in 1937" in figure.layout.title.text
    between = next(t for t in figure.data if t.name == "betweenness")
    assert len(between.y) == len(years) and max(between.y) > 0


def test_past_the_webgl_threshold_points_and_lines_go_to_webgl_with_brief_hovers(data, monkeypatch):
    monkeypatch.setattr(network_module, "WEBGL_THRESHOLD", 10)
    spec = network_spec(data, 1927)
    drawn = [t for t in spec["data"] if t.get("x") and t["x"] != [None]]
    by_name = {t["name"]: t for t in drawn}
    assert by_name["membership"]["type"] == "scattergl"
    persons = by_name["persons"]  # every status in one WebGL trace, the legend's entries apart
    assert persons["type"] == "scattergl"
    assert {t["type"] for t in drawn if (t.get("meta") or {}).get("role") in ("faction", "faction names")} \
        == {"scattergl"}  # thousands of names in SVG text would cost more than all the persons
    assert len(set(persons["marker"]["symbol"])) > 1 and len(persons["x"]) == len(persons["hovertext"])
    assert next(t for t in drawn if t.get("legendgroup") == "changes")["type"] == "scattergl"
    assert "click for memberships and sources" in persons["hovertemplate"]
    assert not any("•" in h for h in persons["hovertext"])
    monkeypatch.setattr(network_module, "WEBGL_THRESHOLD", 3000)
    small = network_spec(data, 1927)
    assert {t["type"] for t in small["data"]} == {"scatter"}
    assert any("•" in h for t in small["data"] if t["name"] == "active" for h in t.get("hovertext", []))


def test_a_large_dataset_draws_every_year_with_the_same_trace_types(data, monkeypatch):
    """A year must not switch renderer: the browser would rebuild its WebGL canvases mid-scrub."""
    monkeypatch.setattr(network_module, "WEBGL_THRESHOLD", len(data.persons) - 1)
    early, late = (network_spec(data, year) for year in (1920, 1927))
    drawn_early = sum(len(t["x"]) for t in early["data"] if t.get("mode") == "markers" and t["x"] != [None])
    assert drawn_early < len(data.persons) - 1, "1920 should draw fewer persons than the threshold"
    assert [t["type"] for t in early["data"]] == [t["type"] for t in late["data"]]
    assert "scattergl" in {t["type"] for t in early["data"]}


def test_no_chart_turns_a_faction_or_person_name_into_live_markup(make_folder):
    """Plotly reads tick labels, titles and hovers as its own small HTML: a name holding a link
    must be drawn as its letters in every chart, the timeline's rows among them."""
    from oppositions.export import CHARTS, Filters, chart_spec

    link = '<a href="https://evil.example/">click</a>'

    def edit(d):
        for faction in d["factions"]:
            faction.update(short_name=f"{faction.get('short_name') or faction['name']} {link}")
        d["persons"][0].update(name=f"{d['persons'][0]['name']} {link}")
    dataset = load_dataset(make_folder(edit=edit))
    first, last = dataset.years
    for chart in CHARTS:
        spec = chart_spec(dataset, chart, last, first if chart != "network" else None, Filters())
        assert "<a href" not in json.dumps(spec), chart
