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
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, dcc, html
from dash.exceptions import PreventUpdate

from oppositions.dataset import Dataset
from oppositions.drawing import Filters, file_name
from oppositions.span import span_of

from . import ids
from .state import ViewState, dependencies

__all__ = ["VIDEOS", "background_manager", "celery_app", "progress_box", "register"]

APP = Path(__file__).resolve().parent.parent / "app.py"
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
                  *dependencies(State, "factions", "undisputed"),
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
        filters = ViewState.from_controls(dataset, factions=factions, undisputed=undisputed).filters(dataset)
        span = span_of(dataset)
        name = file_name("network", span.last, span.first, chosen, "-video")
        view = json.dumps([filters.factions, filters.undisputed, dataset.fingerprint]).encode()
        path = video_folder() / "videos" / f"{hashlib.sha256(view).hexdigest()[:16]}-{name}"
        if not path.exists():
            _render(dataset, filters, chosen, span, path, set_progress)
        return dcc.send_file(str(path), filename=name)


def _render(dataset: Dataset, filters: Filters, fmt: str, span, path: Path, set_progress) -> None:
    """The command line's ``export --animate`` in a fresh process (a job forked from a server
    must not reuse the server's browser), its progress bar read as it goes, the file then moved
    into the video folder whole."""
    years = span.last - span.first + 1
    command = [sys.executable, str(APP), "export", "--data", str(dataset.folder), "--chart", "network", "--animate",
               "--format", fmt, "--from", str(span.first), "--to", str(span.last)]
    if filters.factions is not None:
        command += ["--factions", ",".join(filters.factions)]
    if filters.undisputed:
        command.append("--undisputed")
    with tempfile.TemporaryDirectory(dir=path.parent) as work:
        process = subprocess.Popen(command + ["--out", work], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                   text=True, bufsize=1)
        for line in _updates(process.stderr):
            done = re.search(r"(\d+)/(\d+)", line)
            if done:
                set_progress((int(done.group(1)), years + 1, str(span.first + int(done.group(1)) - 1)))
        if process.wait() != 0:
            raise RuntimeError(f"the video could not be made (exit {process.returncode})")
        set_progress((years, years + 1, "encoding done"))
        (made,) = Path(work).glob(f"*.{fmt}")
        os.replace(made, path)


def _updates(stream):
    """A progress bar's output, one update at a time (tqdm ends them with a carriage return)."""
    buffer = ""
    for char in iter(lambda: stream.read(1), ""):
        if char in "\r\n":
            if buffer:
                yield buffer
            buffer = ""
        else:
            buffer += char
