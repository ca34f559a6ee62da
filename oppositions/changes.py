"""What changed in a year: who joined or left a group, who was expelled, arrested, exiled,
recanted, executed, died in custody or was rehabilitated, each with the row that says so.

A membership counts as *joined* in the year its spell begins, unless the same person was in the
same group the year before through another spell. It counts as *left* in the year of its own
end, when that end comes before the group's own end (a group banned or a declaration signed is
not its members leaving), unless another spell goes on the next year or the end is their death.
Fates count in the year they are dated. Each person counts once per kind and year.

Examples
--------
>>> from oppositions.dataset import load_dataset
>>> summary_line(changes_in(load_dataset(), 1927), 1927)  # doctest: +ELLIPSIS
'1927: 42 joined or signed, 35 expelled, ...'
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from .dataset import Dataset
from .dates import PartialDate
from .network import network_for

__all__ = ["CHANGE_KINDS", "CHANGE_LABELS", "Change", "changes_in", "summary_line"]

CHANGE_KINDS = ("joined", "left", "expelled", "arrested", "exiled", "recanted", "executed",
                "died_in_custody", "rehabilitated")
CHANGE_LABELS = {
    "joined": "joined or signed", "left": "left", "expelled": "expelled", "arrested": "arrested or sentenced",
    "exiled": "exiled or deported", "recanted": "recanted", "executed": "executed",
    "died_in_custody": "died in custody", "rehabilitated": "rehabilitated",
}
FATE_CHANGES = {
    "expelled": "expelled", "arrested": "arrested", "imprisoned": "arrested", "sentenced": "arrested",
    "exiled": "exiled", "deported": "exiled", "recanted": "recanted", "executed": "executed",
    "died_in_custody": "died_in_custody", "rehabilitated": "rehabilitated",
}


@dataclass(frozen=True)
class Change:
    """One person's change in one year, and the row it was read from."""

    person: str
    kind: str  # one of CHANGE_KINDS
    date: PartialDate
    what: str  # for a reader: "Workers' Opposition" or the fate's description
    sources: tuple[str, ...]
    certainty: str | None = None
    note: str | None = None
    faction: str | None = None


def changes_in(dataset: Dataset, year: int, factions: Iterable[str] | None = None) -> tuple[Change, ...]:
    """Every change of ``year``, in the order of :data:`CHANGE_KINDS`, then by date and person.

    With ``factions``, only memberships of those groups, and fates of persons who belonged to
    one of them by the end of the year.
    """
    return _changes(dataset, year, None if factions is None else frozenset(factions))


@lru_cache(maxsize=512)
def _changes(dataset: Dataset, year: int, factions: frozenset[str] | None) -> tuple[Change, ...]:
    found = [*_membership_changes(dataset, year, factions), *_fate_changes(dataset, year, factions)]
    seen: set[tuple[str, str]] = set()
    unique = []
    for change in sorted(found, key=lambda c: (CHANGE_KINDS.index(c.kind), c.date.sort_key(), c.person)):
        if (change.person, change.kind) not in seen:
            seen.add((change.person, change.kind))
            unique.append(change)
    return tuple(unique)


def _membership_changes(dataset, year, factions):
    """Spells begun (joined) or ended (left) in ``year``."""
    network = network_for(dataset)
    spells_of: dict[tuple[str, str], list] = {}
    for edge in network.edges:
        spells_of.setdefault((edge.membership.person, edge.membership.faction), []).append(edge)
    for edge in network.edges:
        m = edge.membership
        if factions is not None and m.faction not in factions:
            continue
        others = [e for e in spells_of[(m.person, m.faction)] if e is not edge]
        label = dataset.factions[m.faction].name
        if edge.first_year == year and not any(e.first_year < year <= e.last_year + 1 for e in others):
            yield Change(m.person, "joined", m.start, label, m.sources, m.certainty, m.note, m.faction)
        if _leaves(dataset, edge, year, others):
            yield Change(m.person, "left", m.end, label, m.sources, m.certainty, m.note, m.faction)


def _leaves(dataset, edge, year, others) -> bool:
    """Whether a spell is its person leaving the group in ``year`` (see the module's text)."""
    m = edge.membership
    group_end = dataset.factions[m.faction].ended
    died = dataset.persons[m.person].died
    return (m.end is not None and edge.last_year == year
            and (group_end is None or m.end.year < group_end.year)
            and not (died and died.year == year)
            and not any(e.first_year - 1 <= year < e.last_year for e in others))


def _fate_changes(dataset, year, factions):
    """Fates dated in ``year`` (and deaths in custody or by execution that no fate records)."""
    members = None
    if factions is not None:
        members = {m.person for m in dataset.memberships if m.faction in factions and m.start.year <= year}
    for fate in dataset.fates:
        kind = FATE_CHANGES.get(fate.status)
        if kind and fate.date.year == year and (members is None or fate.person in members):
            yield Change(fate.person, kind, fate.date, fate.description or fate.status, fate.sources,
                         fate.certainty, fate.note)
    for person in dataset.persons.values():
        if (person.died and person.died.year == year and person.death_cause in ("executed", "died_in_custody")
                and (members is None or person.id in members)):
            yield Change(person.id, person.death_cause, person.died, person.death_cause.replace("_", " "),
                         person.sources, person.certainty, person.note)


def summary_line(changes: Iterable[Change], year: int, dataset: Dataset | None = None) -> str:
    """One line of counts, computed from the changes: ``"1927: 31 joined or signed (30 Declaration
    of the 83), 99 expelled, ..."``. With ``dataset``, the group most joined is named."""
    changes = tuple(changes)
    if not changes:
        return f"{year}: no change recorded for the persons shown."
    counts = Counter(c.kind for c in changes)
    parts = []
    for kind in CHANGE_KINDS:
        if not counts[kind]:
            continue
        text = f"{counts[kind]} {CHANGE_LABELS[kind]}"
        if kind == "joined" and dataset is not None:
            (faction, n), = Counter(c.faction for c in changes if c.kind == "joined").most_common(1)
            if n > 1 and faction:
                text += f" ({n} {dataset.factions[faction].label})"
        parts.append(text)
    return f"{year}: " + ", ".join(parts)
