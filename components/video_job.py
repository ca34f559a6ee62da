"""The video of the years from the Download menu: made by a background job, its progress in the
page, never a request that holds a worker for a minute.

The job runs under Dash's background-callback manager: diskcache (a local folder) by default, or
Celery with the Redis of the shared cache when ``OPPOSITIONS_REDIS_URL`` is set (start a worker
with ``celery -A app:celery_app worker``; ``make serve`` does). Celery is configured for JSON
only, and Dash's Celery manager stores results and progress as JSON: nothing read back from the
shared Redis is ever unpickled. A video already made for the same view and data version is
served from the video folder at once.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, dcc, html
from dash.exceptions import PreventUpdate

from oppositions.dataset import Dataset
from oppositions.export import Filters, file_name
from oppositions.span import span_of
from oppositions.video import frames_of, write_video

from . import ids
from .state import chosen_factions

__all__ = ["VIDEOS", "background_manager", "celery_app", "progress_box", "register"]

VIDEOS = {"mp4": "Video of the years (MP4, 1920×1080)", "gif": "Animated GIF of the years"}
_celery = {}


def video_folder() -> Path:
    """Where finished videos are kept: ``OPPOSITIONS_CACHE_DIR``, else a folder in the system's temp."""
    folder = Path(os.environ.get("OPPOSITIONS_CACHE_DIR") or Path(tempfile.gettempdir()) / "oppositions-cache")
    (folder / "videos").mkdir(parents=True, exist_ok=True)
    return folder


def celery_app():
    """The Celery app of the background jobs (JSON only), on the shared cache's Redis."""
    url = os.environ.get("OPPOSITIONS_REDIS_URL")
    if url and url not in _celery:
        from celery import Celery

        app = Celery("oppositions", broker=url, backend=url)
        app.conf.update(task_serializer="json", result_serializer="json", accept_content=["json"],
                        result_accept_content=["json"], result_expires=6 * 3600,
                        broker_transport_options={"global_keyprefix": "oppositions:jobs:"},
                        result_backend_transport_options={"global_keyprefix": "oppositions:jobs:"})
        _celery[url] = app
    return _celery.get(url) if url else None


def background_manager():
    """Dash's background-callback manager: Celery with Redis when configured, else diskcache."""
    import dash

    celery = celery_app()
    if celery is not None:
        return dash.CeleryManager(celery, expire=6 * 3600)
    import diskcache

    return dash.DiskcacheManager(diskcache.Cache(str(video_folder() / "jobs")), expire=6 * 3600)


def progress_box() -> html.Div:
    """Shown while a video is being made: what is happening and how far it is."""
    return html.Div([html.Small("Making the video of the years (about a second a year)…", className="me-2"),
                     dbc.Progress(id=ids.VIDEO_PROGRESS, value=0, max=1, label="", style={"height": "1rem",
                                                                                        "width": "12rem"})],
                    id=ids.VIDEO_BOX, className="align-items-center", style={"display": "none"},
                    role="status", **{"aria-live": "polite"})


def register(app, dataset: Dataset) -> None:
    """The job behind the menu's video items."""

    @app.callback(Output(ids.VIDEO_DOWNLOAD, "data"), [Input(ids.download(f), "n_clicks") for f in VIDEOS],
                  State(ids.FACTIONS, "value"), State(ids.UNDISPUTED, "value"),
                  background=True, prevent_initial_call=True,
                  progress=[Output(ids.VIDEO_PROGRESS, "value"), Output(ids.VIDEO_PROGRESS, "max"),
                            Output(ids.VIDEO_PROGRESS, "label")],
                  running=[(Output(ids.VIDEO_BOX, "style"), {"display": "flex"}, {"display": "none"})])
    def make_video(set_progress, *args):
        """Draw every year of the network and encode it (or serve the one already made)."""
        *clicks, factions, undisputed = args
        chosen = (ctx.triggered_id or "").removeprefix("download-")
        if chosen not in VIDEOS or not any(clicks):
            raise PreventUpdate
        filters = Filters(factions=chosen_factions(dataset, factions), undisputed=bool(undisputed))
        span = span_of(dataset)
        name = file_name("network", span.last, span.first, chosen, "-video")
        view = json.dumps([filters.factions, filters.undisputed, dataset.fingerprint]).encode()
        path = video_folder() / "videos" / f"{hashlib.sha256(view).hexdigest()[:16]}-{name}"
        if not path.exists():
            years = list(range(span.first, span.last + 1))
            frames = frames_of(dataset, years, filters, progress=lambda done, total: set_progress(
                (done, total + 1, f"{years[done - 1]}")))
            set_progress((len(years), len(years) + 1, "encoding"))
            write_video(path.parent, path.name, frames, chosen)
        return dcc.send_file(str(path), filename=name)
