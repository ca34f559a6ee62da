"""Sources shown as links: only http(s) addresses become links; everything is plain text."""

from __future__ import annotations

from typing import Iterable

from dash import html

from oppositions.dataset import Dataset
from oppositions.sourcing import citation_text, kind_label, ordered_ids, ranked, read_at
from oppositions.vocabulary import COPY_KINDS

__all__ = ["source_list", "source_link", "markdown_text", "markdown_sources", "short_citation"]

MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|<>~")


def source_link(dataset: Dataset, source_id: str) -> list:
    """A source: its citation (a link to the page it was read on, plain text for a seed text),
    then what kind of text it is and, for a copy of another work, where it was read."""
    source = dataset.sources.get(source_id)
    if source is None:
        return [html.Span(source_id)]
    host = read_at(source)
    kind = kind_label(source) + (f", read at {host}" if host and source.kind in COPY_KINDS else "")
    cited = (html.A(source.citation, href=source.url, target="_blank", rel="noopener noreferrer") if host
             else html.Span(f"{source.citation} (seed text)"))
    return [cited, html.Span(f" — {kind}", className="text-muted source-kind")]


def source_list(dataset: Dataset, source_ids: Iterable[str]) -> html.Ul:
    """The sources, each once, best first, as a list of links."""
    return html.Ul([html.Li(source_link(dataset, s.id)) for s in ranked(dataset.sources, source_ids)],
                   className="small mb-0")


def markdown_text(text: object) -> str:
    """Text from the data made inert in Markdown (every special character escaped)."""
    return "".join("\\" + c if c in MARKDOWN_SPECIAL else c for c in " ".join(str(text or "").split()))


SHORT_CITATION = 70  # letters: a citation in a list, cut at a word, the whole of it on hover


def short_citation(citation: str, most: int = SHORT_CITATION) -> str:
    """A citation short enough for a list: its first ``most`` letters, cut at a word."""
    text = " ".join(citation.split())
    if len(text) <= most:
        return text
    return text[:most].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def markdown_sources(dataset: Dataset, source_ids: Iterable[str], named: bool = False) -> str:
    """Sources as Markdown links (http(s) only), for long lists kept light in the page: numbered,
    the citation on hover, or ``named`` by their (short) citation."""
    links = []
    for n, source_id in enumerate(ordered_ids(dataset.sources, source_ids), 1):
        source = dataset.sources.get(source_id)
        citation = citation_text(source) if source else source_id
        label = markdown_text(short_citation(citation)) if named else str(n)
        if source and source.url and source.url.lower().startswith(("http://", "https://")):
            url = source.url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
            links.append(f"[{label}]({url} \"{markdown_text(citation).replace(chr(34), '')}\")")
        elif named:
            links.append(f"{label} (seed text)")
        else:
            links.append(f"{n} ({markdown_text(citation)}, seed text)")
    return ("; " if named else ", ").join(links)
