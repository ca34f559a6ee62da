"""Work kept on disk between starts, so that a second start on the same data redoes none of it:
the validated dataset and the network's layout, each under a key of everything it was made
from (the files' bytes, the folder, the code), so that an edit to any table or to the code
makes it anew.

The folder is ``$OPPOSITIONS_CACHE`` (empty: keep nothing), else the user's cache folder
(``$XDG_CACHE_HOME/oppositions`` or ``~/.cache/oppositions``), created readable by its owner
only: a kept dataset is a pickle, which only the user who wrote it may be trusted to read.
A folder that cannot be written costs the next start its time, nothing else.

Examples
--------
>>> import os, tempfile
>>> saved, os.environ["OPPOSITIONS_CACHE"] = os.environ.get("OPPOSITIONS_CACHE"), tempfile.mkdtemp()
>>> key = content_key([__file__])
>>> load("examples", key) is None
True
>>> save("examples", key, {"kept": True}); load("examples", key)
{'kept': True}
>>> _ = os.environ.pop("OPPOSITIONS_CACHE") if saved is None else os.environ.update(OPPOSITIONS_CACHE=saved)
"""

from __future__ import annotations

import copyreg
import gc
import hashlib
import logging
import os
import pickle
import tempfile
import types
from functools import lru_cache
from pathlib import Path
from typing import Iterable

__all__ = ["cache_root", "code_version", "content_key", "load", "save"]

LOG = logging.getLogger(__name__)
PACKAGE = Path(__file__).resolve().parent


def _mapping(items: dict) -> types.MappingProxyType:
    return types.MappingProxyType(items)


# The dataset's look-ups are read-only mappings; pickle them as the dicts they wrap.
copyreg.pickle(types.MappingProxyType, lambda proxy: (_mapping, (dict(proxy),)))


def cache_root() -> Path | None:
    """The folder work is kept in, or ``None`` when ``$OPPOSITIONS_CACHE`` is set empty."""
    root = os.environ.get("OPPOSITIONS_CACHE")
    if root is None:
        root = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "oppositions")
    return Path(root) if root else None


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the package's code: any change to it makes the kept work anew."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")) + sorted(PACKAGE.glob("*.json")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def content_key(paths: Iterable[Path | str], *extra: str) -> str | None:
    """A key of the files' names and bytes (a missing file counts as absent), ``extra`` and the
    code's version; ``None`` when a file cannot be read."""
    digest = hashlib.sha256(code_version().encode())
    for text in extra:
        digest.update(b"\0" + text.encode())
    for path in paths:
        path = Path(path)
        digest.update(b"\0" + str(path).encode())
        try:
            digest.update(path.read_bytes() if path.is_file() else b"(absent)")
        except OSError:
            return None
    return digest.hexdigest()[:24]


def _path(kind: str, key: str, suffix: str) -> Path | None:
    root = cache_root()
    return None if root is None else root / kind / f"{key}{suffix}"


def load(kind: str, key: str | None):
    """What was kept under ``kind``/``key``, or ``None`` (none kept, or unreadable)."""
    path = _path(kind, key, ".pickle") if key else None
    if path is None or not path.is_file():
        return None
    status = path.stat()
    if status.st_uid != os.getuid() or status.st_mode & 0o022:  # only what this user alone could write
        LOG.warning("kept %s %s not read: written by another user or writable by others", kind, path.name)
        return None
    collecting = gc.isenabled()
    gc.disable()  # a dataset is a million small objects: collecting while they arrive doubles the time
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except Exception as error:  # a truncated or stale file: make it anew
        LOG.warning("kept %s %s unreadable (%s); making it anew", kind, path.name, error)
        return None
    finally:
        if collecting:
            gc.enable()


def save(kind: str, key: str | None, value) -> None:
    """Keep ``value`` under ``kind``/``key``, whole or not at all (a temporary file, renamed)."""
    path = _path(kind, key, ".pickle") if key else None
    if path is None:
        return
    collecting = gc.isenabled()
    gc.disable()  # as in load: walking the million objects being written made it take 1.5 s, not 0.9
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".part") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(out.name, path)
    except (OSError, pickle.PicklingError) as error:
        LOG.warning("%s not kept on disk (%s): the next start makes it again", kind, error)
    finally:
        if collecting:
            gc.enable()
