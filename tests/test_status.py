"""The one rule for what is known of a person in a year: a status holds until a later fact, and
after a living person's last dated fact it is "not known", in the network, the Fates and Flows
charts and the count line alike."""

from __future__ import annotations

import dataclasses
from collections import Counter

from hypothesis import given
from shipped import shipped

from oppositions.dataset import Faction, Fate, Membership, Person
from oppositions.dates import PartialDate
from oppositions.figures import network_figure
from oppositions.figures.flows import END_NODES, end_of, person_paths
from oppositions.status import DEAD, UNKNOWN, faction_status_counts, known_until, statuses_by_year
from synthetic import datasets, make_dataset


def constructed():
    """Four members of a faction of 1923-1927: one arrested in 1929 and heard of no more, one
    the same but rehabilitated in 1956, one shot in 1937, and one of a group that never ended."""
    opposition = Faction(id="opp", name="An opposition", kind="opposition", formed=PartialDate(1923),
                         ended=PartialDate(1927), colour="#112233", description="d", sources=("src",))
    majority = Faction(id="maj", name="The majority", kind="leadership", formed=PartialDate(1923),
                       colour="#445566", description="d", sources=("src",))
    persons = [Person(id=p, name=p.title(), sources=("src",)) for p in ("lost", "rehabilitated", "shot", "loyal")]
    memberships = [Membership(person=p.id, faction="maj" if p.id == "loyal" else "opp", start=PartialDate(1923),
                              role="member", sources=("src",)) for p in persons]
    fates = [Fate(person="lost", date=PartialDate(1929), status="arrested", sources=("src",)),
             Fate(person="rehabilitated", date=PartialDate(1929), status="arrested", sources=("src",)),
             Fate(person="rehabilitated", date=PartialDate(1956), status="rehabilitated", sources=("src",)),
             Fate(person="shot", date=PartialDate(1937, 8), status="executed", sources=("src",)),
             Fate(person="loyal", date=PartialDate(1941), status="removed", sources=("src",))]
    return make_dataset([opposition, majority], persons, memberships, fates)


def test_a_status_holds_until_the_last_fact_and_is_not_known_after_it():
    dataset = constructed()
    statuses = statuses_by_year(dataset)
    assert statuses["lost"][1928] == "active"  # held from the faction's end (1927) to the arrest
    assert statuses["lost"][1929] == "imprisoned"
    assert statuses["lost"][1930] == UNKNOWN and statuses["lost"][1941] == UNKNOWN  # never carried on
    assert statuses["rehabilitated"][1930] == UNKNOWN  # a later rehabilitation says nothing of 1930
    assert statuses["rehabilitated"][1956] == UNKNOWN
    assert statuses["shot"][1936] == "active"  # held until the next fact, the execution
    assert statuses["shot"][1937] == "executed"
    assert statuses["shot"][1956] == "executed"  # death is final
    assert known_until(dataset) == {"lost": 1929, "rehabilitated": 1929, "shot": 1937, "loyal": 1956}


@given(datasets())
def test_no_living_status_is_shown_after_the_last_fact(dataset):
    known = known_until(dataset)
    for person, years in statuses_by_year(dataset).items():
        for year, status in years.items():
            if year > known[person]:
                assert status in DEAD or status == UNKNOWN, (person, year, status)
            else:
                assert status != UNKNOWN, (person, year)


def test_the_fates_and_flows_charts_tell_the_same_ends_on_the_shipped_data():
    """Flows and the Fates chart once told one missing fact as two stories ("fate not recorded",
    "active"): for each year, their dead agree person by person, and those of unknown status in
    the Fates chart are the flows' "fate not recorded" or have a later death on record."""
    dataset = shipped()
    statuses = statuses_by_year(dataset)
    for year in (1927, 1937, 1941):
        for person in person_paths(dataset, (dataset.years[0], year), None):
            end, status = end_of(dataset, statuses[person], person, year), statuses[person][year]
            if status in DEAD:
                assert end == status
            elif status == UNKNOWN:
                died = dataset.persons[person].died
                assert end == "unknown" or (end == "alive" and died and died.year > year)
            else:
                assert end == "alive"
            assert end in END_NODES


def test_workers_truth_is_not_shown_active_for_years_no_source_speaks_of():
    counts = faction_status_counts(shipped(), "workers-truth")
    assert counts[1930]["active"] == 0 and counts[1941]["active"] == 0
    assert counts[1930][UNKNOWN] > 0


def test_the_count_line_of_1988_counts_the_unknown_apart():
    subtitle = network_figure(shipped(), 1988).layout.title.subtitle.text
    assert "status not known" in subtitle
    line = subtitle.split("<br>")[1]
    jailed = int(line.split(": ")[1].split(" imprisoned")[0]) if "imprisoned" in line else 0
    assert jailed <= 5, line  # not the 39 a never-lapsing status once carried to 1988


def test_a_person_of_unknown_status_says_since_when_on_hover():
    figure = network_figure(constructed(), 1935)
    hovers = [h for t in figure.data if t.meta and t.meta.get("role") == "person" for h in (t.hovertext or ())]
    assert any("status not known after 1929" in h for h in hovers), Counter(hovers)


def test_a_death_carries_the_status_on_only_within_the_networks_years():
    """Arrested in 1930 and died in 1960: imprisoned up to the horizon (the network's last year,
    here 1941), not known from 1942, dead from 1960; the same with the death as a fate row."""
    base = constructed()
    lost = base.persons["lost"]
    dead_in_1960 = Person(id="lost", name="Lost", sources=("src",), died=PartialDate(1960), death_cause="natural")
    others = [p for k, p in base.persons.items() if k != "lost"]
    later = Fate(person="loyal", date=PartialDate(1960), status="removed", sources=("src",))  # data runs to 1960
    for dataset in (make_dataset(base.factions.values(), [dead_in_1960, *others], base.memberships, base.fates + (later,)),
                    make_dataset(base.factions.values(), [lost, *others], base.memberships, base.fates + (
                        later, Fate(person="lost", date=PartialDate(1960), status="died", sources=("src",))))):
        dataset = dataclasses.replace(dataset, network_end=1941)
        years = statuses_by_year(dataset)["lost"]
        assert (years[1930], years[1941], years[1942], years[1959], years[1960]) == (
            "imprisoned", "imprisoned", UNKNOWN, UNKNOWN, "died")
        assert known_until(dataset)["lost"] == 1941


def test_no_one_of_the_shipped_data_is_still_imprisoned_by_a_death_decades_later():
    statuses = statuses_by_year(shipped())
    assert statuses["ciliga"][1988] == UNKNOWN and statuses["ioffe-nadezhda"][1988] == UNKNOWN
    assert statuses["ioffe-nadezhda"][1940] == "imprisoned"  # within the network's years it holds
    subtitle = network_figure(shipped(), 2000).layout.title.subtitle.text
    assert " 0 " not in subtitle and "imprisoned" not in subtitle  # no one, and no "0 imprisoned"
