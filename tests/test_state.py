"""The address holds the state: parsing is forgiving, and a state survives a round trip."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from components.state import TABS, ViewState, parse_query, to_query
from oppositions.dataset import load_dataset
from oppositions.figures.network_chart import VIEWS
from oppositions.span import span_of

DATA = load_dataset()
YEARS = (1919, 1999)


def test_empty_query_gives_the_default():
    state, notes = parse_query("", DATA, YEARS)
    assert state == ViewState(year=1921) and notes == []


def test_full_round_trip():
    state = ViewState(year=1927, since=1923, factions=("left-opposition", "united-opposition"),
                      view="factions", tab="flows", person="trotsky")
    assert parse_query(to_query(state), DATA, YEARS) == (state, [])


def test_bad_values_are_dropped_with_a_note():
    state, notes = parse_query("?year=abc&factions=left-opposition,nope&view=x&person=ghost&tab=%3Cscript%3E",
                               DATA, YEARS)
    assert state.year == 1921 and state.factions == ("left-opposition",)
    assert state.view == "bipartite" and state.person is None and state.tab == "network"
    assert len(notes) == 5 and any("abc" in n for n in notes)


def test_out_of_range_year_is_clamped():
    state, notes = parse_query("?year=3000", DATA, YEARS)
    assert state.year == 1999 and "outside" in notes[0]


def test_huge_and_repeated_parameters_do_not_break_parsing():
    query = "?" + "&".join(["year=1927"] * 500) + "&factions=" + "x" * 100000
    state, notes = parse_query(query, DATA, YEARS)
    assert state.year == 1927


@given(st.builds(ViewState, year=st.sampled_from([y for y in span_of(DATA).steps if y <= YEARS[1]]),  # reachable
                 since=st.one_of(st.none(), st.integers(1900, 1918)),
                 factions=st.one_of(st.none(), st.lists(st.sampled_from(sorted(DATA.factions)),
                                                        unique=True, max_size=5).map(tuple)),
                 view=st.sampled_from(VIEWS), tab=st.sampled_from(TABS),
                 person=st.one_of(st.none(), st.sampled_from(sorted(DATA.persons)))))
def test_any_valid_state_survives_the_address(state):
    if state.since is not None:
        state = ViewState(**{**state.__dict__, "since": None})
    assert parse_query(to_query(state), DATA, YEARS)[0] == state


@given(st.text(max_size=300))
def test_any_text_parses_without_error(text):
    state, notes = parse_query(text, DATA, YEARS)
    assert YEARS[0] <= state.year <= YEARS[1]


def test_the_table_and_the_chart_only_mode_survive_a_link():
    from components.state import parse_query, to_query
    from oppositions.dataset import load_dataset

    dataset = load_dataset()
    state, notes = parse_query("?year=1927&show=table&embed=1&tab=fates", dataset, (1905, 2005))
    assert (state.show, state.embed, state.tab, notes) == ("table", True, "fates", [])
    assert parse_query(to_query(state), dataset, (1905, 2005))[0] == state
    assert "show" not in to_query(parse_query("?year=1927", dataset, (1905, 2005))[0])
    assert parse_query("?show=pie", dataset, (1905, 2005))[1] == ["Unknown show 'pie' ignored."]


def test_a_link_made_with_older_data_keeps_its_version_until_the_view_changes():
    from components.page import _kept_version

    old = "?year=1927&v=0123abc"
    assert _kept_version("?year=1927&v=44c344221b36", old) == old
    assert _kept_version("?year=1928&v=44c344221b36", old) == "?year=1928&v=44c344221b36"
    assert _kept_version("?year=1928&v=44c344221b36", "?year=1927&embed=1") == "?year=1928&v=44c344221b36&embed=1"
