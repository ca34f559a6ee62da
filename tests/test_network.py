"""The network model: slicing by year, projections, bridges, metrics, trajectories, status, layout."""

from __future__ import annotations

import math

from hypothesis import given, settings
from shipped import shipped

from oppositions.layout import LARGE, stable_layout, whole_layout
from oppositions.network import Network, faction_node, network_for, person_node
from oppositions.room import PERSON_ROOM
from oppositions.status import DEAD, STATUSES, faction_status_counts, status_at
from synthetic import datasets


def active_in(network: Network, membership, year: int) -> bool:
    """The rule the year index must agree with, written out plainly."""
    edge = next(e for e in network.edges if e.membership is membership)
    return edge.first_year <= year <= edge.last_year


@given(datasets())
def test_graph_at_holds_exactly_the_memberships_active_that_year(dataset):
    network = Network(dataset)
    for year in range(1916, 1942):
        graph = network.graph_at(year)
        expected = {(person_node(m.person), faction_node(m.faction))
                    for m in dataset.memberships if active_in(network, m, year)}
        assert {tuple(sorted(e, key=lambda n: n[0] != "p")) for e in graph.edges} == expected


@given(datasets())
def test_no_membership_is_lost_across_all_years(dataset):
    network = Network(dataset)
    seen = set()
    for year in range(*network.years):
        for _, _, data in network.graph_at(year).edges(data=True):
            seen.update(id(spell.membership) for spell in data["spells"])
    for _, _, data in network.graph_between(*network.years).edges(data=True):
        seen.update(id(spell.membership) for spell in data["spells"])
    assert seen == {id(m) for m in dataset.memberships}


@given(datasets())
def test_interval_ends_respect_data(dataset):
    """A membership is never drawn before it starts, nor after its own recorded end."""
    for edge in Network(dataset).edges:
        m = edge.membership
        assert edge.first_year == m.start.year
        if m.end:
            assert edge.last_year == max(m.start.year, m.end.year)


@given(datasets())
def test_status_is_final_once_dead(dataset):
    for person in dataset.persons.values():
        dead_from = None
        for year in range(dataset.years[0], dataset.years[1] + 1):
            status = status_at(dataset, person.id, year)
            assert status in STATUSES
            if dead_from is not None:
                assert status == status_at(dataset, person.id, dead_from)
            elif status in DEAD:
                dead_from = year


@given(datasets())
def test_faction_counts_add_up_to_members_joined(dataset):
    for faction in dataset.factions:
        joined = {}
        for m in dataset.memberships:
            if m.faction == faction:
                joined[m.person] = min(joined.get(m.person, 9999), m.start.year)
        for year, tally in faction_status_counts(dataset, faction).items():
            assert sum(tally.values()) == sum(1 for y in joined.values() if y <= year)


@settings(max_examples=12)
@given(datasets(max_persons=15))
def test_layout_is_deterministic_and_covers_every_node(dataset):
    positions = stable_layout(dataset)
    assert set(positions) == set(network_for(dataset).full_graph)
    whole_layout.cache_clear()
    assert stable_layout(dataset) == positions
    persons = [xy for node, xy in positions.items() if node.startswith("p:")]
    assert all(x >= 0 and y >= 0 for x, y in positions.values())
    if len(persons) <= LARGE:  # persons keep their room: no two markers can touch
        for i, (x0, y0) in enumerate(persons):
            assert all(math.hypot(x0 - x1, y0 - y1) >= 2 * PERSON_ROOM - 0.1 for x1, y1 in persons[i + 1:])


# -- the shipped dataset -------------------------------------------------------------------------


def shipped_network():
    return network_for(shipped())


def members(graph, faction_id):
    node = faction_node(faction_id)
    return set(graph[node]) if node in graph else set()


def test_left_opposition_grows_then_goes_on_in_exile_as_the_bolshevik_leninists():
    net = shipped_network()
    assert len(members(net.graph_at(1927), "left-opposition")) > len(members(net.graph_at(1923), "left-opposition"))
    # expelled in December 1927: the faction inside the party ends, Trotsky's supporters go on
    # in exile and the isolators; the capitulations of 1929 take most leaders, Rakovsky held out until 1934
    assert members(net.graph_at(1928), "left-opposition") == set()
    exiled, after = members(net.graph_at(1928), "bolshevik-leninists"), members(net.graph_at(1931), "bolshevik-leninists")
    assert {person_node(p) for p in ("trotsky", "rakovsky", "radek", "smilga", "preobrazhensky")} <= exiled
    assert person_node("rakovsky") in after and person_node("radek") not in after and len(after) < len(exiled) / 2
    assert members(net.graph_at(1939), "bolshevik-leninists") == set()  # shot at Vorkuta in 1938


def test_workers_opposition_in_1921_not_in_1925():
    net = shipped_network()
    assert person_node("shlyapnikov") in members(net.graph_at(1921), "workers-opposition")
    assert members(net.graph_at(1925), "workers-opposition") == set()


def test_filters_keep_only_what_is_asked():
    graph = shipped_network().graph_at(1927, factions=["united-opposition"])
    factions = {n for n, k in graph.nodes(data="kind") if k == "faction"}
    assert factions == {faction_node("united-opposition")}
    graph = shipped_network().graph_at(1927, persons=["trotsky"])
    assert {n for n, k in graph.nodes(data="kind") if k == "person"} == {person_node("trotsky")}


def test_faction_projection_counts_shared_members_and_jaccard():
    net = shipped_network()
    graph = net.graph_between(1923, 1923)
    projection = net.faction_projection(graph)
    a, b = faction_node("declaration-of-46"), faction_node("left-opposition")
    shared = members(graph, "declaration-of-46") & members(graph, "left-opposition")
    assert projection.edges[a, b]["weight"] == len(shared) > 0
    union = members(graph, "declaration-of-46") | members(graph, "left-opposition")
    assert abs(projection.edges[a, b]["jaccard"] - len(shared) / len(union)) < 1e-9


def test_person_projection_weights_count_shared_factions():
    net = shipped_network()
    graph = net.graph_at(1927)
    projection = net.person_projection(graph)
    for a, b, weight in projection.edges(data="weight"):
        assert weight == len(set(graph[a]) & set(graph[b]))


def test_bridges_include_sapronov_across_decists_and_left():
    bridges = {b.person: b for b in shipped_network().bridges()}
    factions = {f for f, _, _ in bridges["sapronov"].memberships}
    assert {"democratic-centralists", "left-opposition"} <= factions
    assert "stalin" not in bridges  # leadership groups do not make a bridge


def test_centrality_counts_a_factions_members_and_stays_between_0_and_1():
    net = shipped_network()
    graph = net.graph_at(1927)
    centrality = net.centrality_at(1927)
    node = faction_node("united-opposition")
    assert centrality[node][0] == graph.degree(node)
    assert all(0 <= b <= 1 for _, b in centrality.values())


def test_trajectory_of_shlyapnikov_runs_from_opposition_to_execution():
    steps = shipped_network().trajectory("shlyapnikov")
    kinds = [s.kind for s in steps]
    assert kinds[0] == "joined" and "executed" in kinds
    assert kinds.index("expelled") < kinds.index("executed") < kinds.index("rehabilitated")
    assert [s.date.reading_key() for s in steps] == sorted(s.date.reading_key() for s in steps)
    dated = [s.date.human() for s in steps if s.date.year == 1935]  # the dated arrest, then "1935"
    assert dated[0] != "1935" and dated[-1] == "1935", dated


def test_status_of_pyatakov_recants_then_is_shot():
    dataset = shipped()
    assert status_at(dataset, "pyatakov", 1931) == "recanted"
    assert status_at(dataset, "pyatakov", 1936) == "imprisoned"
    assert status_at(dataset, "pyatakov", 1937) == "executed"
    assert status_at(dataset, "kollontai", 1938) == "active"
