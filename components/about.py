"""The About page: what the data covers, how it was built, its sources, and how to cite it."""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import lru_cache

import dash_bootstrap_components as dbc
import flask
from dash import dcc, html

from oppositions.citation import citation_forms
from oppositions.dataset import Dataset
from oppositions.package import package_bytes, package_name
from oppositions.sourcing import copy_only_facts, kind_counts, kind_label, ranked, read_at
from oppositions.vocabulary import COPY_KINDS, SOURCE_KINDS

from .cite import base_address, copyable
from .sources import markdown_text

__all__ = ["PACKAGE_ROUTE", "layout", "register"]


def layout(dataset: Dataset) -> dbc.Container:
    """The About page's content (built once a day per dataset: it does not depend on the address)."""
    return _layout(dataset, date.today().isoformat(), base_address())


PACKAGE_ROUTE = "/dataset.zip"


def register(app, dataset: Dataset) -> None:
    """The package's address: the zip, made once per worker."""
    package = {}

    @app.server.route(PACKAGE_ROUTE)
    def dataset_package():
        if "bytes" not in package:
            package["bytes"] = package_bytes(dataset)
        return flask.Response(package["bytes"], mimetype="application/zip", headers={
            "Content-Disposition": f'attachment; filename="{package_name(dataset)}"'})


def _sources_markdown(dataset: Dataset) -> str:
    """Every source in one Markdown text, grouped by kind, best first, each group a numbered list
    (one component, not two per source: the page's renderer does work for every component, and
    900 sources made the page take seconds)."""
    groups: dict[str, list] = {}
    for source in ranked(dataset.sources, sorted(dataset.sources, key=lambda s: dataset.sources[s].citation.lower())):
        groups.setdefault(kind_label(source), []).append(source)
    lines = []
    for kind, sources in groups.items():
        lines.append(f"\n**{markdown_text(kind[0].upper() + kind[1:])}** ({len(sources)})\n")
        for number, source in enumerate(sources, 1):
            citation = markdown_text(source.citation)
            host = read_at(source)
            if host:
                url = source.url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
                where = f", read at {markdown_text(host)}" if source.kind in COPY_KINDS else ""
                lines.append(f"{number}. [{citation}]({url}){where}")
            else:
                lines.append(f"{number}. {citation} (seed text)")
    return "\n".join(lines)


@lru_cache(maxsize=4)
def _layout(dataset: Dataset, today: str, base: str) -> dbc.Container:
    counts = dataset.counts()
    warnings = Counter(w.message.split(":")[0] for w in dataset.warnings)
    first, last = dataset.years
    facts = dataset.facts
    return dbc.Container([
        html.H1("About this dataset and dashboard", className="h3 mt-3"),
        html.P(["The dashboard shows the oppositions inside the Russian Communist Party as a "
                "network of faction membership that changes year by year, and what the party "
                "apparatus did to their members. ",
                f"It covers {counts['persons']} persons, {counts['factions']} factions and groups, "
                f"{counts['memberships']} memberships, {counts['fates']} steps of persons' fates and "
                f"{counts['events']} events, from {first} to {last}, citing {counts['sources']} sources."]),
        html.H2("What the dataset covers, and what it leaves out", className="h5", id="coverage"),
        html.P(["The oppositions had many more members and sympathisers than are named here. The "
                "dataset holds the persons whom its sources name as members of a faction or group or "
                "as signatories of its declarations and letters: chiefly their leaders, speakers and "
                "signatories. ",
                html.Strong(f"Every count in the charts counts these {counts['persons']} persons only"),
                ": it is not the number of the oppositions' members, nor of those the apparatus "
                "expelled, imprisoned or shot, which ran to thousands. A person with no recorded fate "
                "in a year is shown as not known, not as safe."], id="about-coverage"),
        html.H2("How the data was built", className="h5"),
        html.P("It started from five texts (the seeds, marked in the list below), and was extended "
               "from the standard references: encyclopedias, Wikipedia and its copies, document "
               "archives, historians' books. Every row cites the pages its fact was read on. Where sources disagree, "
               "the row is marked disputed and its note says who says what; where a date is known "
               "only to the year or month, it is written that way."),
        html.H2("Gaps, counted", className="h5"),
        html.Ul([html.Li(f"{n} {kind}") for kind, n in sorted(warnings.items())] or
                [html.Li("none recorded")], id="about-gaps"),
        html.H2("Download the dataset", className="h5"),
        html.P([html.A(f"The whole dataset as one package ({package_name(dataset)})", href=PACKAGE_ROUTE,
                       id="about-package", download=package_name(dataset)),
                ": the six CSV tables with their descriptor (a Frictionless Data Package), the data README "
                "and the licence, named with the version it holds."]),
        html.H2("How to cite", className="h5"),
        html.P("The dataset as a whole; the Cite button above a chart cites the view on screen, in the same forms.",
               className="small text-muted"),
        html.Div([copyable(f"about-cite-{style.lower()}", style, monospace=style == "BibTeX", text=text)
                  for style, text in citation_forms(dataset, base + "/", date.fromisoformat(today)).items()],
                 id="about-cite"),
        html.H2(f"Sources ({len(dataset.sources)})", className="h5"),
        html.P(["What kind of text each source is, best first: ",
                "; ".join(f"{SOURCE_KINDS.get(kind, kind)}, {n}" for kind, n in kind_counts(dataset.sources.values()).items()),
                ". ",
                html.Strong(f"{len(copy_only_facts(dataset.sources, facts))} of the {len(facts)} facts"),
                " in this dataset rest only on copies of other works (online copies of books, mirrors and "
                "translations of encyclopedia articles, machine-written text); their citations name the "
                "original work and the site it was read at."], id="about-source-kinds"),
        dcc.Markdown(_sources_markdown(dataset), link_target="_blank", className="small", id="about-sources"),
    ], fluid="lg", className="pb-5")
