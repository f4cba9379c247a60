"""A picture of what is on disk under some paths, to show that a command changed nothing it was not
asked to: every entry's type, mode, inode, link target and content hash."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path


def entry(path: str | Path) -> tuple[object, ...]:
    st = os.lstat(path)
    kind = stat.S_IFMT(st.st_mode)
    target = os.readlink(path) if stat.S_ISLNK(st.st_mode) else None
    digest = None
    if stat.S_ISREG(st.st_mode):
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return (kind, stat.S_IMODE(st.st_mode), st.st_ino, st.st_rdev, target, digest)


def snapshot(*roots: str | Path) -> dict[str, tuple[object, ...]]:
    """Every entry under each root (the root included), symlinks not followed."""
    out: dict[str, tuple[object, ...]] = {}
    for root in roots:
        root = str(root)
        if not os.path.lexists(root):
            continue
        out[root] = entry(root)
        if not os.path.isdir(root) or os.path.islink(root):
            continue
        for folder, dirs, files in os.walk(root):
            for name in dirs + files:
                path = os.path.join(folder, name)
                out[path] = entry(path)
    return out


def changes(before: dict[str, tuple[object, ...]], after: dict[str, tuple[object, ...]]) -> set[str]:
    """Paths added, removed or changed in any way."""
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
