"""Files written whole or not at all: each goes to a temporary name in its folder (named with the
writing process, so that a killed export's part is swept by the next) and is renamed when
complete; nothing is written outside the folder asked for.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Callable, Iterator

from .drawing import ExportError

__all__ = ["atomic_path", "write_atomic"]

_UMASK = os.umask(0)
os.umask(_UMASK)
PART_PREFIX = ".part-"  # then the writing process id: a killed export's part is swept by the next


def write_atomic(folder: Path, name: str, content: bytes | Callable[[], bytes]) -> Path:
    """Write ``content`` to ``folder/name`` through a temporary file and a rename.

    ``name`` must be a plain file name: a path that would leave ``folder`` is refused.
    """
    data = content() if callable(content) else content
    with atomic_path(folder, name) as temporary:
        temporary.write_bytes(data)
    return Path(folder) / name


def _sweep_parts(folder: Path) -> None:
    """Remove the temporary files that a killed export left (named with its process id), and only
    those: a part whose process still runs is another export at work."""
    for part in folder.glob(PART_PREFIX + "*"):
        pid = part.name[len(PART_PREFIX):].split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            with contextlib.suppress(OSError):
                part.unlink()
        except PermissionError:  # another user's process, alive
            pass


@contextlib.contextmanager
def atomic_path(folder: Path, name: str) -> Iterator[Path]:
    """A temporary path in ``folder`` to write ``name`` to; renamed to ``name`` when the block
    ends well, removed when it fails, so that no half-written file is ever left under any name.

    ``name`` must be a plain file name: a path that would leave ``folder`` is refused.
    """
    folder = Path(folder)
    target = (folder / name).resolve()
    if target.parent != folder.resolve() or name != Path(name).name:
        raise ExportError(f"refusing to write {name!r} outside {folder}")
    _sweep_parts(folder)
    handle, temporary = tempfile.mkstemp(prefix=f"{PART_PREFIX}{os.getpid()}-", suffix=Path(name).suffix, dir=folder)
    os.close(handle)
    try:
        yield Path(temporary)
        os.chmod(temporary, 0o666 & ~_UMASK)  # as an ordinary file, not mkstemp's 0600
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
