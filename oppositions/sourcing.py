"""What each fact rests on: sources ranked best first, cited with the work they carry and where
they were read, and the facts that rest on copies alone, counted.

A source's ``kind`` (:data:`~oppositions.vocabulary.SOURCE_KINDS`) says what sort of text it is.
For a copy, a mirror or machine-written text (:data:`~oppositions.vocabulary.COPY_KINDS`) the
citation names the original work and the address is only where it was read, so a citation for a
reader says both.

Examples
--------
>>> from oppositions.records import Source
>>> mirror = Source("m", "Wikipedia (German), 'Rafail Farbman'", "https://de.zxc.wiki/wiki/Farbman", "mirror")
>>> citation_text(mirror)
"Wikipedia (German), 'Rafail Farbman' (mirror or translation of an encyclopedia, read at de.zxc.wiki)"
>>> book = Source("b", "S. Cohen, Bukharin and the Bolshevik Revolution", None, "scholarly")
>>> [s.id for s in ranked({"m": mirror, "b": book}, ["m", "b", "m"])]
['b', 'm']
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Mapping
from urllib.parse import urlsplit

from .records import Source
from .vocabulary import COPY_KINDS, SOURCE_KINDS

__all__ = ["citation_text", "citations", "copy_only_facts", "kind_counts", "kind_label", "ordered_ids", "ranked",
           "read_at"]

RANK = {kind: n for n, kind in enumerate(SOURCE_KINDS)}
UNTYPED = "not typed"


def read_at(source: Source) -> str | None:
    """The site a page was read on (its host, without ``www.``), if it was read on the web."""
    if not source.url or not source.url.lower().startswith(("http://", "https://")):
        return None
    host = (urlsplit(source.url).hostname or "").removeprefix("www.").rstrip(".")
    return host or None


def kind_label(source: Source) -> str:
    """The source's kind in words, as a reader is told it."""
    return SOURCE_KINDS.get(source.kind or "", UNTYPED)


def ranked(sources: Mapping[str, Source], source_ids: Iterable[str]) -> tuple[Source, ...]:
    """The known sources among ``source_ids``, each once, best kind first (a stable order: the
    order cited within a kind)."""
    found = [sources[s] for s in dict.fromkeys(source_ids) if s in sources]
    return tuple(sorted(found, key=lambda s: RANK.get(s.kind or "", len(RANK))))


def ordered_ids(sources: Mapping[str, Source], source_ids: Iterable[str]) -> list[str]:
    """The ids cited, each once: the known best kind first, then any the dataset does not hold."""
    ids = list(dict.fromkeys(source_ids))
    return [s.id for s in ranked(sources, ids)] + [s for s in ids if s not in sources]


def citation_text(source: Source) -> str:
    """The citation, and for a copy of another work what kind of copy it is and where it was read."""
    host = read_at(source)
    if source.kind in COPY_KINDS and host:
        return f"{source.citation} ({kind_label(source)}, read at {host})"
    return source.citation


def citations(sources: Mapping[str, Source], source_ids: Iterable[str], separator: str = " | ") -> str:
    """A fact's sources as one line of text, best first (an unknown id is kept as it is)."""
    return separator.join(citation_text(sources[s]) if s in sources else s for s in ordered_ids(sources, source_ids))


def kind_counts(sources: Iterable[Source]) -> dict[str, int]:
    """How many sources of each kind, best first (the untyped last, if any)."""
    counts = Counter(s.kind if s.kind in SOURCE_KINDS else UNTYPED for s in sources)
    return {kind: counts[kind] for kind in (*SOURCE_KINDS, UNTYPED) if counts[kind]}


def copy_only_facts(sources: Mapping[str, Source], records: Iterable) -> list:
    """The records (facts) every one of whose sources is a copy, a mirror or machine-written."""
    return [r for r in records if r.sources
            and all(s in sources and sources[s].kind in COPY_KINDS for s in r.sources)]
