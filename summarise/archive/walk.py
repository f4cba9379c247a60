"""Find the report files under a folder, lazily and in a stable order.

The walk is a generator over `os.scandir`, one directory listing in memory at a time, so a national
archive never sits in memory as a list of paths. Sorting each directory makes runs reproducible:
the first of several identical files is always the same one, so it is the one that gets the summary.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..ingest import SUPPORTED_SUFFIXES

# .doc and .wps are not readable, but listing them makes ingest say so in errors.jsonl ("save it as
# .docx"), which is more use to an analyst than leaving them out silently. Suffix-less files are left
# out: in a downloaded archive they are mostly junk (lock files, Thumbs), and --glob can include them.
DEFAULT_SUFFIXES = frozenset((SUPPORTED_SUFFIXES - {""}) | {".doc", ".wps"})


@dataclass(frozen=True)
class Found:
    rel: str  # POSIX path relative to the root: the file's name in the index and the output tree
    path: Path


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
    except OSError:
        return  # an unreadable folder is not a report; its files simply are not found
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            if os.path.normcase(os.path.realpath(entry.path)) not in skip:
                yield from _walk(root, Path(entry.path), globs, skip)
        elif entry.is_file():
            rel = Path(entry.path).relative_to(root).as_posix()
            if _wanted(rel, globs):
                yield Found(rel, Path(entry.path))


def _wanted(rel: str, globs: tuple[str, ...]) -> bool:
    if not globs:
        return PurePosixPath(rel).suffix.lower() in DEFAULT_SUFFIXES
    # PurePath.match anchors at the right: "*.html" matches at any depth, "2023/*.txt" one level down.
    return any(PurePosixPath(rel).match(g) for g in globs)
