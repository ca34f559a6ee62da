"""Each person's status in each year, and each faction's members by status: the curve of destruction.

A person's status at the end of a year is read from their fates up to that year (and their death):
active, expelled, imprisoned or exiled, recanted, executed, died in custody, died. Statuses that
end a life are final; a release returns a person to the status they had before arrest; a
readmission after recanting keeps them counted as having recanted.

A status holds only as long as some fact supports it. After the year of a living person's last
dated fact (a fate, or the last year a membership runs: its own end, else the faction's end,
else their death; a later death carries it on, but never past the network's last year) their
status is ``unknown``, "not known after" that year, until their death: never carried on as
active or imprisoned into years no source speaks of.

Examples
--------
>>> from oppositions.dataset import load_dataset
>>> dataset = load_dataset()
>>> status_at(dataset, "shlyapnikov", 1936)
'imprisoned'
>>> status_at(dataset, "shlyapnikov", 1937)
'executed'
"""

from __future__ import annotations

from functools import lru_cache
from typing import Mapping

from .dataset import Dataset, fate_order
from .network import network_for
from .span import span_of

__all__ = ["STATUSES", "DEAD", "DEATH_CAUSES", "UNKNOWN", "status_at", "statuses_by_year", "known_until", "faction_status_counts"]

# The order in which the curve of destruction stacks them, from alive and free to dead, then
# the status no fact supports any more.
UNKNOWN = "unknown"
STATUSES = ("active", "recanted", "expelled", "imprisoned", "executed", "died_in_custody", "died", UNKNOWN)
DEAD = frozenset({"executed", "died_in_custody", "died"})

# What each fate status does to the person's status.
FATE_STATUS = {
    "expelled": "expelled", "removed": None, "readmitted": "active", "recanted": "recanted",
    "arrested": "imprisoned", "imprisoned": "imprisoned", "sentenced": "imprisoned",
    "exiled": "imprisoned", "deported": "imprisoned", "released": "released",
    "executed": "executed", "died_in_custody": "died_in_custody", "suicide": "died",
    "killed": "died", "died": "died", "rehabilitated": None,
}
DEATH_STATUS = {"executed": "executed", "died_in_custody": "died_in_custody"}
# persons.csv's death_cause as a reader says it
DEATH_CAUSES = {"executed": "executed", "died_in_custody": "died in custody", "suicide": "suicide",
                "killed": "killed", "natural": "natural causes", "unknown": "cause unknown"}


def _next_status(current: str, before_arrest: str, fate_status: str) -> tuple[str, str]:
    """Apply one fate: return (new status, status to return to on release)."""
    if current in DEAD:
        return current, before_arrest
    change = FATE_STATUS.get(fate_status)
    if change is None:
        return current, before_arrest
    if change == "released":
        return (before_arrest if current == "imprisoned" else current), before_arrest
    if change == "active" and current == "recanted":
        return current, before_arrest
    if change == "imprisoned" and current != "imprisoned":
        return change, current
    return change, before_arrest


@lru_cache(maxsize=8)
def statuses_by_year(dataset: Dataset) -> Mapping[str, Mapping[int, str]]:
    """For every person, their status at the end of every year from the first year of the data.

    Years before a person's first recorded fact count as ``active``; a person's death (from
    ``died`` and ``death_cause``) makes them dead from that year even without a fate row; after
    the year :func:`known_until` a living person's status is ``unknown``.
    """
    first, last = dataset.years
    known = known_until(dataset)
    by_person: dict[str, dict[int, str]] = {}
    for person in dataset.persons.values():
        fates = list(dataset.fates_of(person.id))
        if person.died:
            cause = DEATH_STATUS.get(person.death_cause or "", "died")
            fates.append(_Death(person.died, cause))
            fates.sort(key=fate_order)
        status, before_arrest, i, years = "active", "active", 0, {}
        for year in range(first, last + 1):
            while i < len(fates) and fates[i].date.year <= year:
                status, before_arrest = _next_status(status, before_arrest, fates[i].status)
                i += 1
            years[year] = status if status in DEAD or year <= known[person.id] else UNKNOWN
        by_person[person.id] = years
    return by_person


@lru_cache(maxsize=8)
def known_until(dataset: Dataset) -> Mapping[str, int]:
    """For every person, the last year their status is known: the year of their last fate (other
    than a rehabilitation) or of the last year one of their memberships runs (its own end, else its
    faction's, else their death); a death carries the status before it on up to the death, but
    no further than the network's last year (:func:`~oppositions.span.span_of`), the horizon.
    With no fact at all: the data's first year.

    So a man arrested in 1935 and shot in 1937 is imprisoned in 1936; but that Ante Ciliga,
    deported in 1935, died in 1991 says nothing of where he stood in 1988: not known after 1941.
    """
    known = dict.fromkeys(dataset.persons, dataset.years[0])
    for edge in network_for(dataset).edges:
        person = edge.membership.person
        known[person] = max(known.get(person, edge.last_year), edge.last_year)
    horizon = span_of(dataset).last
    deaths = [(f.person, f.date.year) for f in dataset.fates if FATE_STATUS.get(f.status) in DEAD]
    deaths += [(p.id, p.died.year) for p in dataset.persons.values() if p.died]
    for fate in dataset.fates:  # a rehabilitation, often posthumous, says nothing of the years before it
        if fate.status != "rehabilitated" and FATE_STATUS.get(fate.status) not in DEAD:
            known[fate.person] = max(known.get(fate.person, fate.date.year), fate.date.year)
    for person, year in deaths:  # the status before a death holds up to it, within the network's years
        known[person] = max(known[person], min(year, horizon))
    return known


class _Death:
    """A death read from the persons table, treated as a final fate."""

    __slots__ = ("date", "status")

    def __init__(self, date, status):
        self.date, self.status = date, status


def status_at(dataset: Dataset, person_id: str, year: int) -> str:
    """A person's status at the end of ``year`` (see :data:`STATUSES`)."""
    years = statuses_by_year(dataset)[person_id]
    if year in years:
        return years[year]
    return years[max(years)] if year > max(years) else "active"


def faction_status_counts(dataset: Dataset, faction_id: str) -> dict[int, dict[str, int]]:
    """For every year, how many of the faction's past and present members had each status.

    A person counts from the year they first joined the faction onwards.
    """
    joined: dict[str, int] = {}
    for m in dataset.memberships:
        if m.faction == faction_id:
            joined[m.person] = min(joined.get(m.person, m.start.year), m.start.year)
    statuses = statuses_by_year(dataset)
    first, last = dataset.years
    counts = {}
    for year in range(first, last + 1):
        tally = dict.fromkeys(STATUSES, 0)
        for person, since in joined.items():
            if since <= year:
                tally[statuses[person][year]] += 1
        counts[year] = tally
    return counts
