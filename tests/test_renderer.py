"""The server's warm browser: pictures after the first come from the same Chromium, and a
browser that dies costs one clear error, never a request that hangs; the next picture works."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest
from shipped import shipped

from oppositions import renderer as renderer_module
from oppositions.export import ExportError, build_chart, chart_bytes
from oppositions.renderer import RenderError, WarmRenderer

pytestmark = pytest.mark.skipif(not os.path.exists("/usr/bin/chromium"), reason="needs Debian's chromium")


def test_a_dead_browser_gives_one_error_and_the_next_picture_a_new_browser(monkeypatch):
    import oppositions.renderer as renderer

    warm = WarmRenderer(timeout=20)
    monkeypatch.setattr(renderer, "WARM", warm)
    figure = build_chart(shipped(), "network", 1927)
    first = chart_bytes(figure, "png", warm=True)
    assert first[:8] == b"\x89PNG\r\n\x1a\n" and warm.warm
    assert chart_bytes(figure, "svg", warm=True).lstrip().startswith(b"<svg")  # the same browser
    children = [pid for pid in subprocess.run(["pgrep", "-P", str(os.getpid())], capture_output=True,
                                              text=True).stdout.split()
                if "chromium" in open(f"/proc/{pid}/cmdline", "rb").read().decode(errors="replace")]
    assert children  # the warm browser (kaleido's wrapper of Debian's chromium)
    for pid in children:
        os.kill(int(pid), signal.SIGKILL)
    started = time.monotonic()
    with pytest.raises(ExportError, match="could not draw the PNG"):
        chart_bytes(figure, "png", warm=True)
    assert time.monotonic() - started < warm.timeout + 5 and not warm.warm
    assert chart_bytes(figure, "png", warm=True) == first
    warm.close()


def test_pictures_take_turns_across_the_servers_processes(tmp_path):
    """One turn to draw for the whole server: a second process waits, then is told it is busy."""
    import sys

    first = WarmRenderer(queue_wait=0.3)
    first.lock_path = tmp_path / "pictures.lock"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, sys, time; h = open(sys.argv[1], 'a+b'); fcntl.flock(h, fcntl.LOCK_EX); "
        "print('held', flush=True); time.sleep(3)"), str(first.lock_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(RenderError, match="busy drawing other pictures"):
            with first._server_turn():
                pass
    finally:
        holder.wait(timeout=10)
    with first._server_turn():  # the other process is done: the turn is free
        pass


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one processor: nothing to leave to the readers")
def test_the_servers_browser_keeps_to_one_processor_and_leaves_the_others_to_readers():
    renderer = WarmRenderer()
    before = set(subprocess.run(["pgrep", "chromium"], capture_output=True, text=True).stdout.split())
    try:
        png = renderer.render({"data": [{"type": "bar", "y": [1, 2]}], "layout": {}},
                              {"format": "png", "width": 200, "height": 100, "scale": 1})
        assert png.startswith(b"\x89PNG")
        started = set(subprocess.run(["pgrep", "chromium"], capture_output=True, text=True).stdout.split()) - before
        assert started
        cpus = {pid: os.sched_getaffinity(int(pid)) for pid in started}
        assert all(c == {os.cpu_count() - 1} for c in cpus.values()), cpus
        assert os.environ.get("BROWSER_PATH") != str(renderer_module.PINNED_BROWSER)  # only while it starts
    finally:
        renderer._drop()
