"""Entry point: the Dash app over the shipped (or a given) dataset, and the command line.

``python app.py`` serves the dashboard on http://127.0.0.1:8050 (debug off);
``python app.py --help`` lists the commands. Under gunicorn: ``gunicorn app:server``
(the data folder comes from the OPPOSITIONS_DATA environment variable, default ``data/``).
"""

from __future__ import annotations

import gc
import os
import sys
from urllib.parse import urlsplit

import dash
import flask

from components import cache, cite, page, screen, security, video_job
from components.plotlyjs import serve_strict_bundle
from oppositions.cli import main, print_problems
from oppositions.dataset import Dataset, DatasetError, load_dataset
from oppositions.layout import stable_layout
from oppositions.network import network_for


def create_app(dataset: Dataset) -> dash.Dash:
    """Build the Dash app for one loaded dataset; the model and layout are computed here, once."""
    network_for(dataset)
    stable_layout(dataset)
    dash_app = dash.Dash(
        __name__,
        title=dataset.short_title,
        serve_locally=True,  # Bootstrap's CSS is in assets/: the page needs no network
        suppress_callback_exceptions=False,
        compress=True,  # the frames of every year travel once, compressed
        background_callback_manager=video_job.background_manager(),  # the video of the years
    )
    for setting in (cite.BASE_URL, security.FRAME_ANCESTORS):  # the address citations give; who may frame
        dash_app.server.config[setting] = os.environ.get(setting, "")
    dash_app.index_string = dash_app.index_string.replace("<html>", '<html lang="en">', 1)
    dash_app.layout = lambda: page.layout(dataset, _page_query())
    _remember_query(dash_app)
    page.register(dash_app, dataset)
    serve_strict_bundle(dash_app.server, dash_app.config.requests_pathname_prefix)
    security.harden(dash_app)
    cache.configure(dash_app.server)
    return dash_app


QUERY_COOKIE = "oppositions-query"  # the page's query, for the layout request when no Referer comes
QUERY_COOKIE_MAX = 3000  # characters: a cookie holds about 4 KB


def _page_query() -> str:
    """The query string of the page being served.

    Dash fetches the layout from ``/_dash-layout``, a request of its own that carries no query:
    the page's address arrives as the same-origin Referer (the Referrer-Policy keeps it for
    same-origin requests) or, where a browser setting or a proxy strips the Referer, in a
    short-lived cookie set with the page (:func:`_remember_query`). Dash Pages passes the query
    to a layout through a callback after the page has loaded instead; here the controls are
    built in the address's state at once, so that nothing is drawn twice. Outside a request
    (Dash's start-up checks) there is none.
    """
    if not flask.has_request_context():
        return ""
    try:
        query = urlsplit(flask.request.referrer or "").query
    except ValueError:  # a malformed Referer (``http://[::1/``): the page opens at its defaults
        return ""
    if not flask.request.referrer:
        query = flask.request.cookies.get(QUERY_COOKIE, "")[:QUERY_COOKIE_MAX]
    return "?" + query if query else ""


def _remember_query(dash_app: dash.Dash) -> None:
    """With every page served, its query in a cookie only the layout request gets back (its path),
    for a minute: the layout's fallback when no Referer comes."""
    layout_path = dash_app.config.requests_pathname_prefix + "_dash-layout"

    @dash_app.server.after_request
    def remember(response):
        if flask.request.method == "GET" and response.mimetype == "text/html":
            query = flask.request.query_string.decode("latin-1")
            if len(query) <= QUERY_COOKIE_MAX:
                response.set_cookie(QUERY_COOKIE, query, max_age=60, path=layout_path, httponly=True,
                                    samesite="Strict", secure=flask.request.is_secure)
        return response


def serve(dataset: Dataset, host: str, port: int, debug: bool) -> None:
    """Run the development server (the command line's default), the opening network drawn ahead."""
    _frozen()
    dash_app = create_app(dataset)
    screen.warm(dash_app.server, dataset)
    dash_app.run(host=host, port=port, debug=debug)


def _frozen() -> None:
    """Keep the loaded dataset out of the garbage collector's passes: it lives as long as the
    server, and at 50,000 persons each full pass walked its million objects (0.6 s of the start,
    and again in the first requests). No pass first: it would cost the same once more."""
    gc.freeze()


def _served_dataset() -> Dataset:
    """The dataset of OPPOSITIONS_DATA (or ``data/``) for gunicorn; a folder with errors stops the
    server with the located report on stderr, as ``python app.py validate`` prints it."""
    folder = os.environ.get("OPPOSITIONS_DATA") or None
    try:
        return load_dataset(folder)
    except DatasetError as error:
        print_problems(error.problems)
        raise SystemExit(f"Cannot serve {error.folder}: {len(error.problems)} error(s), listed above "
                         "(check it with: python app.py validate --data FOLDER)") from None


def __getattr__(name: str):
    """``app:server`` for gunicorn, built on first use from OPPOSITIONS_DATA or ``data/``."""
    if name == "celery_app":  # ``celery -A app:celery_app worker``: the video jobs, with Redis
        __getattr__("server")  # building the Dash app registers the jobs' tasks with Celery
        return video_job.celery_app()
    if name in ("app", "server"):
        dataset = _served_dataset()
        _frozen()
        dash_app = create_app(dataset)
        screen.warm(dash_app.server, dataset)
        globals().update(app=dash_app, server=dash_app.server)
        return globals()[name]
    raise AttributeError(name)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], serve=serve))
