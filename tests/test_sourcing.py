"""What a fact rests on: sources typed, ranked best first, copies cited with where they were read."""

from __future__ import annotations

import csv
import json
import re

from hypothesis import given
from hypothesis import strategies as st
from shipped import shipped

from oppositions.dataset import DESCRIPTOR_PATH, check_folder
from oppositions.records import Membership, Source
from oppositions.sourcing import citation_text, citations, copy_only_facts, kind_counts, ranked, read_at
from oppositions.vocabulary import SOURCE_KINDS

KINDS = list(SOURCE_KINDS)


def source(i: int, kind: str | None) -> Source:
    return Source(f"s{i}", f"Work {i}", f"https://www.site{i}.example/page", kind)


@given(st.lists(st.tuples(st.integers(0, 30), st.sampled_from(KINDS + [None])), max_size=40))
def test_ranked_keeps_each_known_source_once_best_kind_first(cited):
    sources = {f"s{i}": source(i, kind) for i, kind in cited}
    ids = [f"s{i}" for i, _ in cited] + ["unknown"]
    order = ranked(sources, ids)
    assert sorted(s.id for s in order) == sorted(set(ids) - {"unknown"})
    ranks = [KINDS.index(s.kind) if s.kind else len(KINDS) for s in order]
    assert ranks == sorted(ranks)


def test_a_copy_is_cited_as_the_work_it_carries_and_where_it_was_read():
    mirror = Source("m", "Wikipedia (German), 'Rafail Farbman'", "https://www.de.zxc.wiki/wiki/Farbman", "mirror")
    book = Source("b", "S. Cohen, Bukharin", "https://publisher.example/cohen", "scholarly")
    assert read_at(mirror) == "de.zxc.wiki"
    assert citation_text(mirror).endswith("(mirror or translation of an encyclopedia, read at de.zxc.wiki)")
    assert citation_text(book) == "S. Cohen, Bukharin"  # a book at its publisher's needs no "read at"
    assert citations({"m": mirror, "b": book}, ["m", "b", "gone"]).split(" | ") == [
        "S. Cohen, Bukharin", citation_text(mirror), "gone"]
    assert read_at(Source("seed", "A seed text", None, "web", "seed.txt")) is None


def test_a_fact_rests_on_copies_only_when_every_source_it_cites_is_one():
    sources = {"m": source(1, "mirror"), "c": source(2, "copy"), "d": source(3, "document")}

    def fact(*ids):
        return Membership(person="p", faction="f", start=None, role="member", sources=ids)
    facts = [fact("m", "c"), fact("m", "d"), fact("d"), fact()]
    assert copy_only_facts(sources, facts) == [facts[0]]
    assert kind_counts(sources.values()) == {"document": 1, "copy": 1, "mirror": 1}


def test_the_descriptor_allows_the_kinds_the_project_names():
    descriptor = json.loads(DESCRIPTOR_PATH.read_text(encoding="utf-8"))
    fields = next(r for r in descriptor["resources"] if r["name"] == "sources")["schema"]["fields"]
    assert next(f for f in fields if f["name"] == "kind")["constraints"]["enum"] == KINDS


def test_every_shipped_source_is_typed_and_a_copy_names_its_original_not_its_site():
    data = shipped()
    assert all(s.kind in SOURCE_KINDS for s in data.sources.values())
    for s in data.sources.values():
        if s.kind in ("copy", "mirror") and read_at(s):  # machine-written text is its own original
            site = read_at(s).split(".")[-2]  # "zxc" of de.zxc.wiki, "bibliboba" of user.bibliboba.online
            assert site in ("wikipedia", "marxists") or not re.search(rf"\b{re.escape(site)}\b", s.citation, re.I), (
                s.id, s.citation)
    counts = kind_counts(data.sources.values())
    assert counts["document"] and counts["scholarly"] and counts["reference"]


def test_validate_warns_of_untyped_sources_copies_only_and_memberships_outliving_their_faction(make_folder):
    def edit(tables):
        tables["sources"].append({"id": "mirror", "citation": "Wikipedia, 'Letter of the 22'",
                                  "url": "https://mirror.example/l22", "kind": "mirror"})
        tables["factions"][1]["sources"] = "mirror"
        tables["memberships"].append({"person": "kollontai", "faction": "l22", "start": "1922-02", "end": "1923",
                                      "role": "signatory", "sources": "src-a"})
    report = check_folder(make_folder(edit=edit))
    assert report.ok
    messages = [(w.file, w.row, w.column, w.message) for w in report.warnings]
    assert ("sources.csv", 2, "kind", "source not typed: src-a") in messages
    assert any(f == "factions.csv" and r == 3 and m.startswith("copies only") for f, r, _, m in messages)
    outlives = [m for f, _, field, m in messages if m.startswith("outlives its faction")]
    assert outlives == ["outlives its faction: kollontai in l22 until 1923, but the faction ended 1922-02"]


def test_a_membership_of_the_same_month_as_its_faction_does_not_outlive_it(make_folder):
    """The Letter of the 22 is dated to February 1922; a signature of 26 February is within it."""
    def edit(tables):
        tables["memberships"][2]["start"] = tables["memberships"][2]["end"] = "1922-02-26"
    report = check_folder(make_folder(edit=edit))
    assert not [w for w in report.warnings if w.message.startswith("outlives")]


def test_the_shipped_sources_table_keeps_its_columns_in_the_descriptors_order():
    descriptor = json.loads(DESCRIPTOR_PATH.read_text(encoding="utf-8"))
    fields = [f["name"] for f in next(r for r in descriptor["resources"] if r["name"] == "sources")["schema"]["fields"]]
    with (DESCRIPTOR_PATH.parent / "sources.csv").open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == fields
