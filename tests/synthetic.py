"""Datasets made in memory for property tests: random, but always valid."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

from hypothesis import strategies as st

from oppositions.dataset import Dataset, Faction, Fate, Membership, Person, Source
from oppositions.dates import PartialDate

SOURCE = Source(id="src", citation="A source", url="https://example.org/")
FATE_STATUSES = ("expelled", "readmitted", "recanted", "arrested", "exiled", "released",
                 "executed", "died_in_custody", "rehabilitated")


def make_dataset(factions, persons, memberships, fates=(), events=()) -> Dataset:
    """A Dataset from records, as the loader would build it."""
    return Dataset(
        folder=Path("."), title="synthetic", version="0",
        sources=MappingProxyType({"src": SOURCE}),
        factions=MappingProxyType({f.id: f for f in factions}),
        persons=MappingProxyType({p.id: p for p in persons}),
        memberships=tuple(memberships), fates=tuple(fates), events=tuple(events))


@st.composite
def datasets(draw, max_factions=6, max_persons=25):
    """Small valid datasets: factions with lifespans, persons, memberships within 1917-1940."""
    n_factions = draw(st.integers(1, max_factions))
    factions = []
    for i in range(n_factions):
        formed = draw(st.integers(1917, 1935))
        ended = draw(st.one_of(st.none(), st.integers(formed, 1940)))
        factions.append(Faction(id=f"f{i}", name=f"Faction {i}", kind=draw(st.sampled_from(
            ["opposition", "signatories", "leadership", "other"])), formed=PartialDate(formed),
            ended=PartialDate(ended) if ended else None, colour=f"#{i:02d}{i:02d}aa",
            description="d", sources=("src",)))
    persons, memberships, fates = [], [], []
    for j in range(draw(st.integers(1, max_persons))):
        pid = f"p{j}"
        died = draw(st.one_of(st.none(), st.integers(1925, 1945)))
        persons.append(Person(id=pid, name=f"Person {j}", sources=("src",),
                              died=PartialDate(died) if died else None,
                              death_cause=draw(st.sampled_from(["executed", "natural", None]))))
        for faction in draw(st.lists(st.sampled_from(factions), min_size=1, max_size=3, unique_by=lambda f: f.id)):
            start = draw(st.integers(faction.formed.year, (faction.ended.year if faction.ended else 1940)))
            if died and start > died:
                continue
            end = draw(st.one_of(st.none(), st.integers(start, 1940)))
            memberships.append(Membership(person=pid, faction=faction.id, start=PartialDate(start),
                                          end=PartialDate(end) if end else None,
                                          role=draw(st.sampled_from(["leader", "member", "signatory"])),
                                          sources=("src",)))
        for _ in range(draw(st.integers(0, 3))):
            year = draw(st.integers(1920, died if died else 1940))
            fates.append(Fate(person=pid, date=PartialDate(year),
                              status=draw(st.sampled_from(FATE_STATUSES)), sources=("src",)))
    return make_dataset(factions, persons, memberships, fates)
