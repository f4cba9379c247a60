"""One sync of the output folder's filesystem per committed batch, instead of an fsync per file.

Workers write each summary JSON and text atomically (temp file, rename) but do not fsync: a killed
process loses nothing the kernel has, and only a power cut can lose what it had not written out yet.
Before a batch of index rows commits, the runner makes every file written for them durable in one call,
so the committed index never names a file that a power cut could take away; a file written after the
last commit is not in the index yet, and the next run re-indexes or remakes it.
"""

from __future__ import annotations

import ctypes
import os
from functools import cache
from pathlib import Path
from typing import Any


@cache
def _libc() -> Any:
    try:
        return ctypes.CDLL(None, use_errno=True)  # the symbols already loaded: libc among them
    except OSError:  # pragma: no cover - a platform without dlopen(NULL)
        return None


def sync_folder(folder: Path) -> None:
    """Flush the filesystem that holds `folder`: syncfs(2) on Linux (only that filesystem, so a busy
    disk elsewhere does not slow the run), else sync(2), which flushes every filesystem."""
    libc = _libc()
    syncfs = getattr(libc, "syncfs", None) if libc is not None else None
    if syncfs is None:
        os.sync()
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        if syncfs(fd) != 0:
            os.sync()  # an error we cannot act on here: the portable call still makes the data durable
    finally:
        os.close(fd)
