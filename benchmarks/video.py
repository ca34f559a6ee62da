"""The video of the years in ``make bench``: time and size of the MP4 and GIF of the shipped
network's years, and the time per frame against a single PNG export made cold in the same run
(the ratio shows what one warm browser for every frame saves)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from oppositions.dataset import load_dataset
from oppositions.export import build_chart, chart_bytes
from oppositions.span import span_of
from oppositions.video import frames_of, write_video

__all__ = ["bench_video", "print_video"]


def bench_video() -> dict:
    dataset = load_dataset()
    span = span_of(dataset)
    years = list(range(span.first, span.last + 1))
    started = time.perf_counter()
    chart_bytes(build_chart(dataset, "network", span.last), "png", width=1280, height=720, scale=1.5)
    single = time.perf_counter() - started  # one PNG of the same size, its own (cold) browser
    started = time.perf_counter()
    frames = frames_of(dataset, years, width=1920, height=1080)
    drawing = time.perf_counter() - started
    result = {"years": len(years), "draw_s": round(drawing, 1), "per_frame_ms": round(1000 * drawing / len(years)),
              "single_png_ms": round(1000 * single), "ratio_single_to_frame": round(single * len(years) / drawing, 1)}
    with tempfile.TemporaryDirectory() as folder:
        for fmt in ("mp4", "gif"):
            started = time.perf_counter()
            path = write_video(Path(folder), f"v.{fmt}", frames, fmt)
            result[fmt] = {"encode_s": round(time.perf_counter() - started, 1),
                           "mb": round(path.stat().st_size / 2**20, 2)}
    return result


def print_video(video: dict) -> None:
    print(f"\nVideo of the {video['years']} years of the network (1920x1080): drawing {video['draw_s']} s, "
          f"{video['per_frame_ms']} ms a frame against {video['single_png_ms']} ms for a single PNG "
          f"({video['ratio_single_to_frame']}x); MP4 encoded in {video['mp4']['encode_s']} s, "
          f"{video['mp4']['mb']} MB; GIF in {video['gif']['encode_s']} s, {video['gif']['mb']} MB.")
