"""One builder cites the dataset (and a view) in Chicago, APA and BibTeX, from the package's own
metadata: its compilers, publisher, year, version and content hash."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from shipped import shipped

from oppositions.citation import CITATION_STYLES, authors_of, citation_forms, publisher_of

DATASET = shipped()
ADDRESS = "https://oppositions.example.org/?year=1927&v=" + DATASET.fingerprint


def test_every_style_names_compiler_title_version_year_address_and_access_date():
    forms = citation_forms(DATASET, ADDRESS, date(2026, 12, 2), "network, 1927")
    assert tuple(forms) == CITATION_STYLES
    assert authors_of(DATASET) == ["The Oppositions dataset contributors"]
    assert publisher_of(DATASET) == "The Oppositions project"
    for style, text in forms.items():
        assert "The Oppositions dataset contributors" in text, style
        assert DATASET.title in text and "0.1.0" in text and "2026" in text, style
        assert ADDRESS in text and "network, 1927" in text, style
    assert "Accessed 2 December 2026" in forms["Chicago"]
    assert "Retrieved December 2, 2026, from " + ADDRESS == forms["APA"][-len("Retrieved December 2, 2026, from ") - len(ADDRESS):]
    assert forms["Chicago"].count(DATASET.fingerprint) == 2  # the content hash, and in the link


def test_the_bibtex_entry_is_balanced_and_tex_safe():
    hostile = dataclasses.replace(DATASET, title="Fights & splits {50%} #1 \\input{x}",
                                  metadata={**DATASET.metadata, "contributors": [{"title": "A_B & C", "role": "author"}]})
    entry = citation_forms(hostile, "https://example.org/?a=1%20b", date(2026, 12, 2))["BibTeX"]
    assert entry.startswith("@dataset{") and entry.count("{") == entry.count("}")
    assert "\\input" not in entry and "\\&" in entry and "A\\_B" in entry and "50\\%" in entry
    assert re.search(r"url = \{https://example.org/\?a=1\\%20b\}", entry)


def test_a_package_without_contributors_is_cited_by_its_title_and_no_date():
    bare = dataclasses.replace(DATASET, metadata={"name": "x"})
    forms = citation_forms(bare, ADDRESS, date(2026, 12, 2))
    assert forms["Chicago"].startswith(DATASET.title + ". n.d.")


def test_a_list_names_its_sources_by_a_short_citation_and_keeps_the_whole_on_hover():
    from components.sources import markdown_sources, short_citation

    long = "V. Rogovin, Vlast i oppozitsii, ch. XL \"Delo bukharinskoi shkoly\" (history.wikireading.ru), a long name"
    short = short_citation(long)
    assert len(short) <= 71 and short.endswith("…") and long.startswith(short[:-1])
    assert short_citation("Adolph Joffe. Wikipedia (English)") == "Adolph Joffe. Wikipedia (English)"
    trotsky = DATASET.persons["trotsky"].sources
    named = markdown_sources(DATASET, trotsky, named=True)
    first = DATASET.sources[trotsky[0]]
    assert named.startswith("[" if first.url else "") and "[1]" not in named
    assert len(named.split("; ")) >= len(set(trotsky))
