"""What changed in a year: counted right at the edges of intervals, on fixtures and generated data."""

from __future__ import annotations

from hypothesis import given
from shipped import shipped

from oppositions.changes import changes_in, summary_line
from oppositions.dataset import load_dataset
from oppositions.network import network_for, node_id
from synthetic import datasets


def kinds(dataset, year):
    return {(c.person, c.kind) for c in changes_in(dataset, year)}


def test_joins_and_leavings_fall_in_the_first_and_last_year_of_a_spell(make_folder):
    dataset = load_dataset(make_folder())
    assert {("shlyapnikov", "joined"), ("medvedev-sergei", "joined")} <= kinds(dataset, 1920)
    in_1921 = kinds(dataset, 1921)
    assert {("kollontai", "joined"), ("kollontai", "left"), ("shlyapnikov", "left")} <= in_1921
    # The group was banned in 1922: its last members did not leave it, and signing is not leaving.
    assert ("medvedev-sergei", "left") not in in_1921 | kinds(dataset, 1922)
    assert ("shlyapnikov", "joined") in kinds(dataset, 1922)  # the Letter of the 22
    assert ("shlyapnikov", "left") not in kinds(dataset, 1922)


def test_a_spell_that_goes_on_the_next_year_is_neither_a_leaving_nor_a_joining(make_folder):
    def second_spell(data):
        data["memberships"].append({"person": "shlyapnikov", "faction": "wo", "start": "1922",
                                    "end": "1922", "role": "member", "sources": "src-a"})
    dataset = load_dataset(make_folder(edit=second_spell))
    assert ("shlyapnikov", "left") not in kinds(dataset, 1921)
    joined_1922 = [c for c in changes_in(dataset, 1922) if c.person == "shlyapnikov" and c.kind == "joined"]
    assert [c.faction for c in joined_1922] == ["l22"]


def test_fates_count_in_their_year_and_each_person_once(make_folder):
    dataset = load_dataset(make_folder())
    assert ("shlyapnikov", "expelled") in kinds(dataset, 1933)
    assert ("shlyapnikov", "expelled") not in kinds(dataset, 1932) | kinds(dataset, 1934)
    executed_1937 = [c.person for c in changes_in(dataset, 1937) if c.kind == "executed"]
    assert sorted(executed_1937) == ["medvedev-sergei", "shlyapnikov"]  # one from fates, one from death
    assert ("shlyapnikov", "rehabilitated") in kinds(dataset, 1963)
    # A death is not a leaving: Medvedev's open membership is not "left" in 1937.
    assert ("medvedev-sergei", "left") not in kinds(dataset, 1937)


def test_the_summary_line_is_computed_from_the_changes(make_folder):
    dataset = load_dataset(make_folder())
    assert summary_line(changes_in(dataset, 1937), 1937, dataset) == "1937: 2 executed"
    assert summary_line(changes_in(dataset, 1921), 1921, dataset) == "1921: 1 joined or signed, 2 left"
    assert summary_line(changes_in(dataset, 1920), 1920, dataset) == \
        "1920: 2 joined or signed (2 Workers' Opposition)"
    assert summary_line((), 1950) == "1950: no change recorded for the persons shown."


def test_a_faction_filter_keeps_only_its_members_changes(make_folder):
    dataset = load_dataset(make_folder())
    assert kinds(dataset, 1922) >= {("shlyapnikov", "joined")}
    only_wo = {(c.person, c.kind) for c in changes_in(dataset, 1922, factions=["wo"])}
    assert ("shlyapnikov", "joined") not in only_wo
    assert ("kollontai", "joined") in kinds(dataset, 1921)
    assert ("kollontai", "joined") not in {(c.person, c.kind) for c in changes_in(dataset, 1921, factions=["l22"])}


def ends(a, b) -> tuple[str, str]:
    """(person id, faction id) of a membership edge, whichever way round networkx gives it."""
    kinds = dict((node_id(a), node_id(b)))
    return kinds["person"], kinds["faction"]


@given(datasets())
def test_joined_is_present_this_year_and_absent_the_year_before(dataset):
    network = network_for(dataset)
    first, last = network.years
    for year in range(first, min(last, first + 12)):
        joined = {c.person for c in changes_in(dataset, year) if c.kind == "joined"}
        now, before = network.graph_at(year), network.graph_at(year - 1)
        new = {ends(a, b)[0] for a, b in now.edges if not before.has_edge(a, b)}
        assert joined == new


@given(datasets())
def test_left_is_present_this_year_and_absent_the_next_unless_dead_or_the_group_ended(dataset):
    network = network_for(dataset)
    first, last = network.years
    for year in range(first, min(last, first + 12)):
        left = {c.person for c in changes_in(dataset, year) if c.kind == "left"}
        now, after = network.graph_at(year), network.graph_at(year + 1)
        gone = set()
        for a, b in now.edges:
            pid, fid = ends(a, b)
            died, ended = dataset.persons[pid].died, dataset.factions[fid].ended
            own_end = any(s.membership.end is not None and s.last_year == year for s in now.edges[a, b]["spells"])
            if (not after.has_edge(a, b) and own_end and not (died and died.year == year)
                    and not (ended and ended.year <= year)):
                gone.add(pid)
        assert left == gone


def test_1927_on_the_shipped_data_names_the_declaration_and_the_expulsions():
    dataset = shipped()
    line = summary_line(changes_in(dataset, 1927), 1927, dataset)
    assert line.startswith("1927: ") and "Declaration of the 83" in line and " expelled" in line
