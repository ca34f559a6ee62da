"""The address holds the state: parsing is forgiving, and a state survives a round trip."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from shipped import shipped

from components.state import ViewState
from oppositions.span import span_of
from oppositions.vocabulary import TABS, VIEWS

DATA = shipped()
SPAN = span_of(DATA)


def test_empty_query_gives_the_default():
    state, notes = ViewState.from_query("", DATA)
    assert state == ViewState(year=1921) and notes == []


def test_full_round_trip():
    state = ViewState(year=1927, since=1923, factions=("left-opposition", "united-opposition"),
                      view="factions", tab="flows", person="trotsky")
    assert ViewState.from_query(state.to_query(), DATA) == (state, [])


def test_bad_values_are_dropped_with_a_note():
    state, notes = ViewState.from_query("?year=abc&factions=left-opposition,nope&view=x&person=ghost&tab=%3Cscript%3E",
                                        DATA)
    assert state.year == 1921 and state.factions == ("left-opposition",)
    assert state.view == "bipartite" and state.person is None and state.tab == "network"
    assert len(notes) == 5 and any("abc" in n for n in notes)


def test_out_of_range_year_is_clamped():
    state, notes = ViewState.from_query("?year=3000", DATA)
    assert state.year == SPAN.end and "outside" in notes[0]


def test_huge_and_repeated_parameters_do_not_break_parsing():
    query = "?" + "&".join(["year=1927"] * 500) + "&factions=" + "x" * 100000
    state, notes = ViewState.from_query(query, DATA)
    assert state.year == 1927


@given(st.builds(ViewState, year=st.sampled_from(SPAN.steps),  # reachable
                 since=st.one_of(st.none(), st.integers(1900, 1918)),
                 factions=st.one_of(st.none(), st.lists(st.sampled_from(sorted(DATA.factions)),
                                                        unique=True, max_size=5).map(sorted).map(tuple)),
                 view=st.sampled_from(VIEWS), tab=st.sampled_from(TABS),
                 person=st.one_of(st.none(), st.sampled_from(sorted(DATA.persons)))))
def test_any_valid_state_survives_the_address(state):
    if state.since is not None:
        state = ViewState(**{**state.__dict__, "since": None})
    assert ViewState.from_query(state.to_query(), DATA)[0] == state


@given(st.text(max_size=300))
def test_any_text_parses_without_error(text):
    state, notes = ViewState.from_query(text, DATA)
    assert state.year in SPAN.steps


def test_the_table_and_the_chart_only_mode_survive_a_link():

    dataset = shipped()
    state, notes = ViewState.from_query("?year=1927&show=table&embed=1&tab=fates", dataset)
    assert (state.show, state.embed, state.tab, notes) == ("table", True, "fates", [])
    assert ViewState.from_query(state.to_query(), dataset)[0] == state
    assert "show" not in ViewState.from_query("?year=1927", dataset)[0].to_query()
    assert ViewState.from_query("?show=pie", dataset)[1] == ["Unknown show 'pie' ignored."]


def test_a_link_made_with_older_data_keeps_its_version_until_the_view_changes():
    from components.page import _kept_version

    old = "?year=1927&v=0123abc"
    assert _kept_version("?year=1927&v=44c344221b36", old) == old
    assert _kept_version("?year=1928&v=44c344221b36", old) == "?year=1928&v=44c344221b36"
    assert _kept_version("?year=1928&v=44c344221b36", "?year=1927&embed=1") == "?year=1928&v=44c344221b36&embed=1"


def test_the_same_factions_in_another_order_are_one_view():
    a = ViewState.from_controls(DATA, step=8, factions=["united-opposition", "left-opposition"])
    b = ViewState.from_controls(DATA, step=8, factions=["left-opposition", "united-opposition", "left-opposition"])
    assert a == b and repr(a.filters(DATA)) == repr(b.filters(DATA)) and a.factions == ("left-opposition", "united-opposition")
    assert ViewState.from_controls(DATA, step=8, factions=list(DATA.factions)).factions is None  # all ticked


def test_the_controls_become_the_years_and_the_builders_options():
    state = ViewState.from_controls(DATA, step=3, range_on=True, span=[4, 8], view="persons", highlight=["trotsky"],
                                    selected={"kind": "person", "id": "zinoviev"}, undisputed=[True])
    assert (state.since, state.year) == (SPAN.steps[4], SPAN.steps[8])
    filters = state.filters(DATA)
    assert (filters.view, filters.highlight, filters.selected, filters.undisputed) == ("persons", ("trotsky",), "zinoviev", True)
    assert filters.highlight_label == "search results"
    junk = ViewState.from_controls(DATA, step="x", view="sideways", tab=None, selected={"kind": "planet"},
                                   highlight=["nobody", 3])
    assert junk == ViewState(year=SPAN.steps[0])


@given(st.builds(ViewState, year=st.sampled_from(SPAN.steps),
                 factions=st.one_of(st.none(), st.lists(st.sampled_from(sorted(DATA.factions)), unique=True,
                                                        min_size=1, max_size=5).map(sorted).map(tuple)),
                 view=st.sampled_from(VIEWS), tab=st.sampled_from(TABS),
                 person=st.one_of(st.none(), st.sampled_from(sorted(DATA.persons))),
                 highlight=st.lists(st.sampled_from(sorted(DATA.persons)), unique=True, max_size=4).map(sorted).map(tuple)))
def test_any_view_survives_the_browsers_json(state):
    assert ViewState.from_json(state.to_json(), DATA) == state


@pytest.mark.parametrize("sent", [
    {}, {"year": "1927"}, {"year": 1927.0}, {"year": True}, {"year": 1800}, {"year": 1927, "since": 1930},
    {"year": 1927, "view": "sideways"}, {"year": 1927, "factions": ["nope"]}, {"year": 1927, "factions": "left-opposition"},
    {"year": 1927, "highlight": ["trotsky", "trotsky"]}, {"year": 1927, "person": "ghost"}, {"year": 1927, "faction": "x"},
    {"year": 1927, "undisputed": "yes"}, {"year": 1927, "colour": "red"}, [1927], "1927", None,
])
def test_the_browsers_json_is_refused_when_it_is_not_a_view(sent):
    with pytest.raises(ValueError):
        ViewState.from_json(sent, DATA)


def test_a_searched_person_who_is_also_open_is_one_view():
    state = ViewState(year=1927, highlight=("shlyapnikov", "trotsky"), person="shlyapnikov")
    assert ViewState.from_json(state.to_json(), DATA) == state
