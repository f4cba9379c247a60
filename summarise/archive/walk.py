"""Find the report files under a folder, lazily and in a stable order.

The walk is a generator over `os.scandir`, one directory listing in memory at a time, so a national
archive never sits in memory as a list of paths. Sorting each directory makes runs reproducible:
the first of several identical files is always the same one, so it is the one that gets the summary.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import InputError
from ..i18n import say
from ..ingest import SUPPORTED_SUFFIXES

# .doc and .wps are not readable, but listing them makes ingest say so in errors.jsonl ("save it as
# .docx"), which is more use to an analyst than leaving them out silently. Suffix-less files are left
# out: in a downloaded archive they are mostly junk (lock files, Thumbs), and --glob can include them.
DEFAULT_SUFFIXES = frozenset((SUPPORTED_SUFFIXES - {""}) | {".doc", ".wps"})


@dataclass(frozen=True)
class Found:
    rel: str  # POSIX path relative to the root: the file's name in the index and the output tree
    path: Path
    # Why this entry cannot be read (a symlink loop, a dangling link, a FIFO, a folder we may not
    # list): the run records it as one failed file and goes on.
    error: str | None = None


def iter_reports(root: Path, patterns: Iterable[str] = (), exclude: Iterable[Path] = ()) -> Iterator[Found]:
    """Files under `root` that match any of `patterns` (or a default report suffix), sorted.

    Hidden files and folders (".git", editors' ".~lock" files, our own temp files) are skipped, as are
    the `exclude` folders, so an output folder inside the input folder is never read back as input.
    """
    # A leading "**/" adds nothing to a right-anchored match, and Python 3.11's match() would
    # otherwise demand at least one folder level for it.
    globs = tuple(g.removeprefix("**/") for g in patterns)
    skip = {os.path.normcase(os.path.realpath(p)) for p in exclude}
    yield from _walk(root, root, globs, skip)


def count_reports(root: Path, patterns: Iterable[str] = (), exclude: Iterable[Path] = ()) -> int:
    return sum(1 for _ in iter_reports(root, patterns, exclude))


def _walk(root: Path, folder: Path, globs: tuple[str, ...], skip: set[str]) -> Iterator[Found]:
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        if folder == root:
            raise InputError(say("archive.walk.root", path=root, error=exc.strerror or exc)) from None
        rel = folder.relative_to(root).as_posix()
        yield Found(rel, folder, say("archive.walk.folder", name=rel, error=exc.strerror or exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        rel = Path(entry.path).relative_to(root).as_posix()
        try:
            if entry.is_dir(follow_symlinks=False):
                # Linked folders are not followed: no loop, and no file outside the tree is read.
                if os.path.normcase(os.path.realpath(entry.path)) not in skip:
                    yield from _walk(root, Path(entry.path), globs, skip)
                continue
            mode = os.stat(entry.path).st_mode  # through a symlink: what it points at
        except OSError as exc:
            if _wanted(rel, globs):
                yield Found(rel, Path(entry.path), _unreachable(rel, entry, exc))
            continue
        if stat.S_ISREG(mode):
            if _wanted(rel, globs):
                yield Found(rel, Path(entry.path))
        elif not stat.S_ISDIR(mode) and _wanted(rel, globs):
            yield Found(rel, Path(entry.path), say("archive.walk.special", name=rel, kind=_kind(mode)))


def _unreachable(rel: str, entry: os.DirEntry[str], exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return say("archive.walk.loop", name=rel)
    if entry.is_symlink() and exc.errno == errno.ENOENT:
        with contextlib.suppress(OSError):
            return say("archive.walk.dangling", name=rel, target=os.readlink(entry.path))
        return say("archive.walk.nowhere", name=rel)
    return say("archive.walk.unreadable", name=rel, error=exc.strerror or exc)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return say("archive.walk.fifo")
    if stat.S_ISSOCK(mode):
        return say("archive.walk.socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return say("archive.walk.device")
    return say("archive.walk.other")


def _wanted(rel: str, globs: tuple[str, ...]) -> bool:
    if not globs:
        return PurePosixPath(rel).suffix.lower() in DEFAULT_SUFFIXES
    # PurePath.match anchors at the right: "*.html" matches at any depth, "2023/*.txt" one level down.
    return any(PurePosixPath(rel).match(g) for g in globs)
