"""Facts that the standard references agree on, pinned across all the oppositions.

A change to the data that contradicts one of these fails here; where sources disagree on a
day, only what they agree on (the month or year) is pinned.
"""

from __future__ import annotations

import pytest
from shipped import shipped

DATA = shipped()

# (person id, death as far as the references agree, cause of death)
DEATHS = [
    ("shlyapnikov", "1937-09-02", "executed"),
    ("kotov-vasily", "1937-05-26", "executed"),
    ("ignatov", "1938-01-11", "executed"),
    ("medvedev-sergei", "1937-09", "executed"),
    ("kollontai", "1952-03", "natural"),
    ("lutovinov", "1924", "suicide"),
    ("zinoviev", "1936-08-25", "executed"),
    ("kamenev", "1936-08-25", "executed"),
    ("smirnov-ivan", "1936-08-25", "executed"),
    ("ter-vaganyan", "1936-08", "executed"),
    ("bukharin", "1938-03", "executed"),
    ("rykov", "1938-03", "executed"),
    ("tomsky", "1936-08-22", "suicide"),
    ("trotsky", "1940-08", "killed"),
    ("ioffe-adolf", "1927-11", "suicide"),
    ("radek", "1939-05", None),
    ("sokolnikov", "1939-05", None),
    ("rakovsky", "1941-09-11", "executed"),
    ("sapronov", "1937-09", "executed"),
    ("ryutin", "1937-01-10", "executed"),
    ("lenin", "1924-01-21", None),
    ("stalin", "1953-03-05", None),
    ("kirov", "1934-12-01", None),
    ("yagoda", "1938-03", "executed"),
    ("myasnikov", "1945", "executed"),
    ("pyatakov", "1937", "executed"),
    ("muralov", "1937", "executed"),
    ("frumkin", "1938", "executed"),  # Conquest: shot with the 138 of late July 1938
    ("ciliga", "1992-10-21", None),  # Wikipedia and the Istrian encyclopedia agree
]

# (person id, faction id, role or None): who belonged where
MEMBERSHIPS = [
    ("shlyapnikov", "workers-opposition", "leader"),
    ("shuk", "united-opposition", "supporter"),
    ("kollontai", "workers-opposition", None),
    ("sapronov", "democratic-centralists", None),
    ("osinsky", "democratic-centralists", None),
    ("smirnov-vladimir", "group-of-15", None),
    ("myasnikov", "workers-group", None),
    ("trotsky", "bolshevik-leninists", "leader"),  # Broué: the faction of his supporters after 1927
    ("rakovsky", "bolshevik-leninists", None),
    ("preobrazhensky", "declaration-of-46", "signatory"),
    ("trotsky", "left-opposition", "leader"),
    ("zinoviev", "new-opposition", None),
    ("kamenev", "united-opposition", None),
    ("bukharin", "right-opposition", "leader"),
    ("rykov", "right-opposition", None),
    ("tomsky", "right-opposition", None),
    ("ryutin", "ryutin-group", None),
    ("stalin", "triumvirate", None),
    ("lenin", "platform-of-ten", None),
    ("trotsky", "trotsky-platform", None),
    ("ter-vaganyan", "declaration-of-83", "signatory"),
]


def matches(date, expected: str) -> bool:
    return date is not None and str(date).startswith(expected)


@pytest.mark.parametrize("person_id, died, cause", DEATHS)
def test_death(person_id, died, cause):
    person = DATA.persons[person_id]
    assert matches(person.died, died), (person_id, str(person.died))
    if cause:
        assert person.death_cause == cause


@pytest.mark.parametrize("person_id, faction_id, role", MEMBERSHIPS)
def test_membership(person_id, faction_id, role):
    found = [m for m in DATA.memberships if m.person == person_id and m.faction == faction_id]
    assert found, (person_id, faction_id)
    if role:
        assert any(m.role == role for m in found)


@pytest.mark.parametrize("person_id, year", [("bukharin", 1988), ("rykov", 1988), ("zinoviev", 1988),
                                             ("kamenev", 1988), ("shlyapnikov", 1963),
                                             ("kotov-vasily", 1958), ("ignatov", 1956)])
def test_rehabilitation(person_id, year):
    steps = [f for f in DATA.fates_of(person_id) if f.status == "rehabilitated"]
    assert any(f.date.year == year for f in steps) or (
        DATA.persons[person_id].rehabilitated and DATA.persons[person_id].rehabilitated.year == year)


def test_trotsky_expelled_in_november_1927_exiled_1928_deported_1929():
    steps = {(f.status, f.date.year, f.date.month) for f in DATA.fates_of("trotsky")}
    assert ("expelled", 1927, 11) in steps
    assert any(s == "exiled" and y == 1928 for s, y, _ in steps)
    assert any(s == "deported" and y == 1929 for s, y, _ in steps)


def test_the_three_moscow_trials_are_events_with_their_defendants():
    trials = {e.id: e for e in DATA.events if e.kind == "trial"}
    sixteen, seventeen, twenty_one = trials["trial-of-the-sixteen"], trials["trial-of-the-seventeen"], trials["trial-of-twenty-one"]
    assert sixteen.date.year == 1936 and {"zinoviev", "kamenev"} <= set(sixteen.persons)
    assert seventeen.date.year == 1937 and {"pyatakov", "radek"} <= set(seventeen.persons)
    assert twenty_one.date.year == 1938 and {"bukharin", "rykov"} <= set(twenty_one.persons)


def test_at_least_thirty_facts_are_pinned():
    assert len(DEATHS) + len(MEMBERSHIPS) + 5 + 2 >= 30
