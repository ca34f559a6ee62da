"""The network's years as a video (MP4, WebM) or an animated GIF, for slides, course pages and
articles.

One frame a year, drawn by the same builder as every export (:func:`~oppositions.drawing.build_chart`)
in one warm browser, with the year in large type and the year's count line; each year is held
``seconds_per_year`` (1.5 s) and, in MP4 and WebM, cross-faded into the next. Encoding is
imageio's: its ffmpeg plugin (imageio-ffmpeg's wheel carries ffmpeg, with libx264 and libvpx) for
MP4 and WebM, Pillow for GIF. The file is written under a temporary name in the target folder
and renamed when complete, so a failure mid-encoding leaves no file.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Callable, Iterable

import imageio.v2 as imageio
import numpy as np
import plotly.graph_objects as go

from .dataset import Dataset
from .drawing import ExportError, Filters, build_chart
from .files import atomic_path
from .pictures import chart_bytes, image_server

__all__ = ["VIDEO_FORMATS", "FPS", "year_frame", "frames_of", "encode", "write_video"]

VIDEO_FORMATS = ("mp4", "gif", "webm")
FPS = 12  # frames a second in MP4 and WebM: enough for a smooth cross-fade
FADE_SECONDS = 0.4
CODECS = {"mp4": {"codec": "libx264", "pixelformat": "yuv420p", "quality": 8,
                  "output_params": ["-preset", "veryfast", "-movflags", "+faststart"]},
          "webm": {"codec": "libvpx-vp9", "pixelformat": "yuv420p", "quality": 8,
                   "output_params": ["-deadline", "realtime", "-cpu-used", "8", "-row-mt", "1"]}}
TEXT_SCALE = 1.5  # frames are drawn at two thirds of their size and enlarged: text a room can read
GIF_WIDTH = 960  # a GIF of full-HD frames runs to tens of megabytes: GIFs are drawn half as large


def year_frame(dataset: Dataset, year: int, filters: Filters, height: int) -> go.Figure:
    """The network of ``year`` with the year in large type over the legend's column, in the top
    margin beside the title."""
    figure = go.Figure(build_chart(dataset, "network", year, filters=filters))
    figure.add_annotation(text=f"<b>{year}</b>", xref="paper", yref="paper", x=1.02, y=1, xanchor="left",
                          yanchor="bottom", showarrow=False, font={"size": min(56, max(28, height // 12)),
                                                                   "color": "#333"}, name="year")
    return figure


def frames_of(dataset: Dataset, years: Iterable[int], filters: Filters = Filters(), *, width: int = 1920,
              height: int = 1080, progress: Callable[[int, int], None] | None = None) -> list[np.ndarray]:
    """Each year's picture as an RGB array, from one warm browser; ``progress(done, total)`` after each."""
    years = list(years)
    if not years:
        raise ExportError("no year to draw")
    frames, size = [], {"width": round(width / TEXT_SCALE), "height": round(height / TEXT_SCALE)}
    with image_server():
        for done, year in enumerate(years, 1):
            png = chart_bytes(year_frame(dataset, year, filters, size["height"]), "png", scale=TEXT_SCALE, **size)
            frame = imageio.imread(io.BytesIO(png), format="png")[:height, :width, :3]
            frames.append(np.pad(frame, ((0, height - frame.shape[0]), (0, width - frame.shape[1]), (0, 0)),
                                 constant_values=255))  # exactly width x height, whatever the rounding
            if progress:
                progress(done, len(years))
    return frames


def _held(frames: list[np.ndarray], seconds: float, fade: bool) -> Iterable[np.ndarray]:
    """Video frames at :data:`FPS`: each picture held ``seconds``, its last ``FADE_SECONDS``
    blended into the next."""
    hold, blend = max(1, round(seconds * FPS)), (round(FADE_SECONDS * FPS) if fade else 0)
    for i, frame in enumerate(frames):
        following = frames[i + 1] if i + 1 < len(frames) else None
        steps = min(blend, hold - 1) if following is not None else 0
        for _ in range(hold - steps):
            yield frame
        for k in range(1, steps + 1):
            t = k / (steps + 1)
            yield (frame * (1 - t) + following * t).astype(np.uint8)


def encode(frames: list[np.ndarray], fmt: str, path: Path, *, seconds_per_year: float = 1.5,
           fade: bool = True) -> None:
    """Encode the pictures into ``path`` as MP4, WebM or GIF."""
    if fmt == "gif":
        from PIL import Image

        pictures = [Image.fromarray(f) for f in frames]
        if pictures[0].width > GIF_WIDTH:
            size = (GIF_WIDTH, round(pictures[0].height * GIF_WIDTH / pictures[0].width))
            pictures = [p.resize(size, Image.LANCZOS) for p in pictures]
        pictures = [p.quantize(colors=128, method=Image.Quantize.MEDIANCUT) for p in pictures]
        pictures[0].save(path, format="GIF", save_all=True, append_images=pictures[1:], loop=0,
                         duration=round(seconds_per_year * 1000), optimize=True)
        return
    if fmt not in CODECS:
        raise ExportError(f"unknown video format {fmt!r}; choose from {', '.join(VIDEO_FORMATS)}")
    height, width = frames[0].shape[:2]
    if width % 2 or height % 2:
        raise ExportError(f"a video needs an even width and height, not {width}x{height}")
    with imageio.get_writer(path, format="FFMPEG", fps=FPS, macro_block_size=2, ffmpeg_log_level="error",
                            **CODECS[fmt]) as writer:
        for frame in _held(frames, seconds_per_year, fade):
            writer.append_data(frame)


def write_video(folder: Path, name: str, frames: list[np.ndarray], fmt: str, **options) -> Path:
    """:func:`encode` into ``folder/name`` through a temporary file and a rename: a failure
    mid-encoding leaves no file, neither the final one nor a part."""
    with atomic_path(folder, name) as temporary:
        encode(frames, fmt, temporary, **options)
    return Path(folder) / name
