"""Sources shown as links: only http(s) addresses become links; everything is plain text."""

from __future__ import annotations

from typing import Iterable

from dash import html

from oppositions.dataset import Dataset

__all__ = ["source_list", "source_link"]


def source_link(dataset: Dataset, source_id: str):
    """A source as a link to the page it was read on, or as plain text for a seed text."""
    source = dataset.sources.get(source_id)
    if source is None:
        return html.Span(source_id)
    if source.url and source.url.lower().startswith(("http://", "https://")):
        return html.A(source.citation, href=source.url, target="_blank", rel="noopener noreferrer")
    return html.Span(f"{source.citation} (seed text)")


def source_list(dataset: Dataset, source_ids: Iterable[str]) -> html.Ul:
    """The sources, each once, as a list of links."""
    seen = list(dict.fromkeys(source_ids))
    return html.Ul([html.Li(source_link(dataset, s)) for s in seen], className="small mb-0")
