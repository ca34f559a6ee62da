"""One warm browser for a server's PNG and SVG downloads, that a crash cannot hang.

kaleido starts a Chromium for each picture unless a browser is kept open; a kept browser makes
every picture after the first a fraction of a second. Here it lives in a thread and an event loop
of its own, pictures are made one at a time, and each waits at most :attr:`WarmRenderer.timeout`
seconds: a browser that fails, dies or stops answering is dropped, the reader gets an error
instead of a request that never ends, and the next picture starts a new browser.

One at a time holds across the server's processes too (a lock file in the system's temp folder):
on two cores, four workers drawing at once would leave nothing for the readers, so a picture waits
its turn, at most :attr:`WarmRenderer.queue_wait` seconds, and is then refused as "busy"; and on a
machine of several processors the browser keeps to the last one (``bin/pinned-chromium``), so
that the readers' requests always have a processor of their own.

Used as ``WARM.render(figure.to_dict(), {"format": "png", "width": 1200, "height": 840, "scale": 1})``,
which returns the PNG's bytes (it needs Debian's chromium, so it is shown here and not run).
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import fcntl
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

__all__ = ["WarmRenderer", "WARM", "RenderError"]

PINNED_BROWSER = Path(__file__).resolve().parent / "bin" / "pinned-chromium"


class RenderError(RuntimeError):
    """The browser could not make the picture in time (it was dropped; the next one starts afresh)."""


@contextlib.contextmanager
def _pinned_browser():
    """While the browser starts, kaleido is pointed at :data:`PINNED_BROWSER` (where the machine
    has several processors and ``taskset``), which runs the browser it would have run."""
    real = os.environ.get("BROWSER_PATH") or "/usr/bin/chromium"
    if (os.cpu_count() or 1) < 2 or not shutil.which("taskset") or not os.access(PINNED_BROWSER, os.X_OK):
        yield
        return
    saved = {k: os.environ.get(k) for k in ("BROWSER_PATH", "OPPOSITIONS_REAL_BROWSER")}
    os.environ.update(BROWSER_PATH=str(PINNED_BROWSER), OPPOSITIONS_REAL_BROWSER=real)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


class WarmRenderer:
    """A Chromium kept open (through kaleido) for the pictures of one process."""

    def __init__(self, timeout: float = 90.0, queue_wait: float = 60.0):
        self.timeout = timeout
        self.queue_wait = queue_wait
        self.lock_path = Path(tempfile.gettempdir()) / f"oppositions-pictures-{os.getuid()}.lock"
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido = None

    @property
    def warm(self) -> bool:
        """Whether a browser is open now."""
        return self._kaleido is not None

    @contextlib.contextmanager
    def _server_turn(self):
        """Hold the server's one turn to draw (an exclusive lock on :attr:`lock_path`)."""
        with open(self.lock_path, "a+b") as handle:
            deadline = time.monotonic() + self.queue_wait
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise RenderError("the server is busy drawing other pictures") from None
                    time.sleep(0.1)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _start(self) -> None:
        import kaleido

        loop = asyncio.new_event_loop()
        threading.Thread(target=loop.run_forever, daemon=True, name="warm-renderer").start()
        try:
            with _pinned_browser():
                browser = kaleido.Kaleido(n=1, timeout=self.timeout)
                asyncio.run_coroutine_threadsafe(browser.__aenter__(), loop).result(self.timeout)
        except BaseException:
            loop.call_soon_threadsafe(loop.stop)
            raise
        self._loop, self._kaleido = loop, browser

    def _drop(self) -> None:
        """Close the browser without waiting for it (it may be the one that hangs)."""
        loop, browser, self._loop, self._kaleido = self._loop, self._kaleido, None, None
        if loop is None:
            return

        async def close():
            with contextlib.suppress(BaseException):
                await asyncio.wait_for(browser.__aexit__(None, None, None), 10)
            loop.stop()
        asyncio.run_coroutine_threadsafe(close(), loop)

    def render(self, figure: dict, opts: dict) -> bytes:
        """The picture of ``figure`` (a plain dict) with kaleido's ``opts`` (format, width,
        height, scale); :class:`RenderError` when the browser does not make it in time, or when
        other pictures keep the server's one turn longer than :attr:`queue_wait`."""
        with self._server_turn(), self._lock:
            if self._kaleido is None:
                self._start()
            future = asyncio.run_coroutine_threadsafe(self._kaleido.calc_fig(figure, opts=opts), self._loop)
            try:
                return future.result(self.timeout)
            except BaseException as problem:
                future.cancel()
                self._drop()
                raise RenderError(f"the browser did not make the picture ({type(problem).__name__})") from None

    def close(self) -> None:
        with self._lock:
            self._drop()


WARM = WarmRenderer()
atexit.register(WARM.close)
