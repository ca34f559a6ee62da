"""How to cite the dataset, or one view of it: Chicago, APA and BibTeX from one builder.

Authors (or compilers) and the publisher come from the data package's ``contributors`` (roles
``author``, ``compiler``, ``publisher``), the year from its ``created`` date, the version and the
content hash from the dataset itself. The address is the canonical one the operator sets (the
dashboard's ``OPPOSITIONS_BASE_URL``), never the one a server happens to answer on.

Examples
--------
>>> from datetime import date
>>> from oppositions.dataset import load_dataset
>>> forms = citation_forms(load_dataset(), "https://example.org/?year=1927", date(2026, 12, 2))
>>> forms["APA"]  # doctest: +ELLIPSIS
'The Oppositions dataset contributors. (2026). Oppositions in the Russian Communist Party, ... (Version 0.1.0) [Data set]. ...'
"""

from __future__ import annotations

import re
from datetime import date

from .dataset import Dataset

__all__ = ["CITATION_STYLES", "authors_of", "publisher_of", "citation_forms"]

CITATION_STYLES = ("Chicago", "APA", "BibTeX")
AUTHOR_ROLES = ("author", "compiler")


def _named(dataset: Dataset, roles) -> list[str]:
    return [c["title"] for c in dataset.metadata.get("contributors", []) or []
            if isinstance(c, dict) and c.get("title") and c.get("role", "author") in roles]


def authors_of(dataset: Dataset) -> list[str]:
    """Who compiled the dataset, as the data package names them."""
    return _named(dataset, AUTHOR_ROLES)


def publisher_of(dataset: Dataset) -> str:
    """Who publishes it (the package's contributor with the role ``publisher``), if named."""
    return ", ".join(_named(dataset, ("publisher",)))


def _year(dataset: Dataset) -> str:
    created = str(dataset.metadata.get("created") or "")
    return created[:4] if re.fullmatch(r"\d{4}.*", created) else "n.d."


def _bibtex_text(text: str) -> str:
    """Text inside a BibTeX field: braces and the characters TeX reads as commands made plain."""
    text = re.sub(r"[{}\\]", "", text)
    return re.sub(r"([&%$#_])", r"\\\1", text)


def citation_forms(dataset: Dataset, address: str, accessed: date, view: str | None = None) -> dict[str, str]:
    """The dataset (and ``view``, what is on screen, when given) cited in each of
    :data:`CITATION_STYLES`, with the address that reopens it and the date of access."""
    authors = authors_of(dataset) or [dataset.title]
    publisher = publisher_of(dataset)
    year = _year(dataset)
    title = dataset.title
    version = f"Version {dataset.version}, content {dataset.fingerprint}"
    seen = f"{accessed.day} {accessed:%B %Y}"
    shown = f" View: {view}." if view else ""
    chicago = (f"{' and '.join(authors)}. {year}. “{title}.” {version}. "
               + (f"{publisher}. " if publisher else "") + f"Dataset and dashboard.{shown} Accessed {seen}. {address}.")
    apa = (f"{', '.join(authors)}. ({year}). {title} (Version {dataset.version}) [Data set"
           + ("; view: " + view if view else "") + "]. " + (f"{publisher}. " if publisher else "")
           + f"Retrieved {accessed:%B} {accessed.day}, {accessed.year}, from {address}")
    key = re.sub(r"[^a-z0-9]+", "-", (dataset.metadata.get("name") or title).lower()).strip("-") or "dataset"
    fields = {"author": " and ".join("{" + _bibtex_text(a) + "}" for a in authors), "title": "{" + _bibtex_text(title) + "}",
              "year": year, "version": f"{_bibtex_text(dataset.version)} (content {dataset.fingerprint})",
              "publisher": _bibtex_text(publisher), "url": address.replace("%", r"\%"),
              "urldate": accessed.isoformat(), "note": _bibtex_text(f"Dataset and dashboard.{shown}".strip())}
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items() if value)
    return {"Chicago": chicago, "APA": apa, "BibTeX": f"@dataset{{{key}-{year},\n{body}\n}}"}
