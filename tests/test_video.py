"""The years as a video: files that read back with the frames, size and length asked for; a GIF
of every year small enough to mail; nothing left behind by a failure."""

from __future__ import annotations

import imageio.v2 as imageio
import numpy as np
import pytest

from oppositions import video
from oppositions.cli import main

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_mp4_and_webm_hold_each_year_for_its_seconds_at_the_size_asked(tmp_path):
    assert main(["export", "--chart", "network", "--animate", "--format", "mp4,webm", "--from", "1935",
                 "--to", "1937", "--width", "640", "--height", "360", "--seconds-per-year", "1",
                 "--out", str(tmp_path)]) == 0
    for fmt in ("mp4", "webm"):
        reader = imageio.get_reader(tmp_path / f"network-1935-1937-video.{fmt}")
        frames = [f for f in reader]
        assert reader.get_meta_data()["size"] == (640, 360)
        assert len(frames) == 3 * video.FPS  # three years, one second each
        assert abs(reader.get_meta_data()["duration"] - 3.0) < 0.2
        first, last = frames[0].astype(int), frames[-1].astype(int)
        assert np.abs(first - last).mean() > 1  # 1935 and 1937 are different pictures


def test_a_gif_of_the_years_reads_back_and_stays_small(tmp_path):
    """Six years here; the dashboard's browser test makes the GIF of all 23."""
    assert main(["export", "--chart", "network", "--animate", "--format", "gif", "--from", "1932", "--to", "1937",
                 "--out", str(tmp_path)]) == 0
    path = tmp_path / "network-1932-1937-video.gif"
    frames = imageio.mimread(path)
    assert len(frames) == 6  # a frame a year
    assert frames[0].shape[1] == video.GIF_WIDTH
    assert path.stat().st_size < 6 / 23 * 15 * 1024 * 1024  # all 23 years in under 15 MB


def test_animate_alone_writes_the_animated_html(tmp_path):
    assert main(["export", "--chart", "network", "--animate", "--from", "1923", "--to", "1924",
                 "--out", str(tmp_path)]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["network-1923-1924-animated.html"]


@pytest.mark.parametrize("argv", [["--seconds-per-year", "0"], ["--format", "avi"], ["--chart", "timeline"]])
def test_a_bad_video_request_says_so_and_writes_nothing(tmp_path, capsys, argv):
    args = {"--chart": "network", "--format": "mp4"}
    for flag, value in zip(argv[::2], argv[1::2]):
        args[flag] = value
    flat = [x for kv in args.items() for x in kv if kv[0] not in argv[::2]] + argv
    assert main(["export", "--animate", *flat, "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith("error: ")
    assert list(tmp_path.iterdir()) == []


def test_a_failure_mid_encoding_leaves_no_file(tmp_path, monkeypatch):
    frames = [np.full((64, 96, 3), v, dtype=np.uint8) for v in (0, 120, 240)]
    real = imageio.get_writer

    class Breaking:
        def __init__(self, *args, **kwargs):
            self.writer, self.count = real(*args, **kwargs), 0

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.writer.close()

        def append_data(self, frame):
            self.count += 1
            if self.count > 5:
                raise OSError(28, "No space left on device")
            self.writer.append_data(frame)

    monkeypatch.setattr(video.imageio, "get_writer", Breaking)
    with pytest.raises(OSError):
        video.write_video(tmp_path, "network-1919-1921-video.mp4", frames, "mp4")
    assert list(tmp_path.iterdir()) == []  # neither the file nor a part of it
    video.write_video(tmp_path, "ok.gif", frames, "gif")  # the GIF writer is not the one broken
    assert len(imageio.mimread(tmp_path / "ok.gif")) == 3


def test_on_the_shared_redis_the_background_jobs_speak_json_only(monkeypatch):
    """With OPPOSITIONS_REDIS_URL the jobs run under Celery, which then accepts JSON alone (a
    pickled message is refused), with its keys under the project's prefix; without it, diskcache."""
    import dash

    from components import video_job

    monkeypatch.setenv("OPPOSITIONS_REDIS_URL", "redis://127.0.0.1:9/0")
    manager = video_job.background_manager()
    conf = video_job.celery_app().conf
    assert isinstance(manager, dash.CeleryManager)
    assert conf.accept_content == ["json"] and conf.result_accept_content == ["json"]
    assert conf.task_serializer == conf.result_serializer == "json"
    assert conf.broker_transport_options["global_keyprefix"].startswith("oppositions:")
    monkeypatch.delenv("OPPOSITIONS_REDIS_URL")
    assert isinstance(video_job.background_manager(), dash.DiskcacheManager)
