"""Atomic writes: a temp file in the same directory, fsync, rename; a crash never leaves half a file."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import OutputError, os_reason
from .i18n import say


def write_atomic(path: str | Path, data: str | bytes, like: os.stat_result | None = None) -> None:
    """`like`: the file being replaced, whose permission bits (and owner, where allowed) are kept."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        if like is not None:
            os.chmod(tmp, stat.S_IMODE(like.st_mode))
            if (like.st_uid, like.st_gid) != (os.getuid(), os.getgid()):
                with contextlib.suppress(OSError):
                    os.chown(tmp, like.st_uid, like.st_gid)
        else:
            # mkstemp creates 0600; a summary meant to be shared gets the usual mode.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_output(path: str | Path | None, data: str | bytes) -> bool:
    """Write what a command produced where `-o` names, without damaging anything else on disk.

    None or "-" is stdout. A missing path becomes a new file and a regular file is replaced, both
    atomically (the replaced file keeps its mode). A symlink is followed and its target written
    atomically in the target's own directory, so the link itself stays. A FIFO or a character device
    (/dev/null, a terminal) is written as a stream, never replaced. Anything else, a directory above
    all, is refused. Every failure is an OutputError (one line, exit 2). True when a file was written.
    """
    if path is None or str(path) == "-":
        write_stdout(data)
        return False
    raw = data.encode("utf-8") if isinstance(data, str) else data
    name = str(path)
    link = os.path.islink(path)
    target = os.path.realpath(path)  # every link in the chain followed; a dangling one names its target
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:  # a symlink loop, a parent that is a file, a folder we may not enter
        raise OutputError(say("err.out.cannot_write", path=name, reason=os_reason(exc))) from None
    try:
        if st is None or stat.S_ISREG(st.st_mode):
            if st is None and link and not Path(target).parent.is_dir():
                raise OutputError(say("err.out.dangling", path=name, target=target))
            write_atomic(target, raw, like=st)
        elif stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode):
            _write_stream(target, raw)
        elif stat.S_ISDIR(st.st_mode):
            raise OutputError(say("err.out.is_dir", path=name))
        else:
            raise OutputError(say("err.out.not_file", path=name))
    except OSError as exc:
        raise OutputError(say("err.out.cannot_write", path=name, reason=os_reason(exc))) from None
    return True


def write_stdout(data: str | bytes) -> None:
    """Text (or bytes) to stdout; a full disk or a closed pipe is an OutputError, not a traceback."""
    with stdout_errors():
        if isinstance(data, str):
            sys.stdout.write(data)
            sys.stdout.flush()
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()


@contextlib.contextmanager
def stdout_errors() -> Iterator[None]:
    """Around writing to stdout: a failed write (ENOSPC, EPIPE) becomes one OutputError."""
    try:
        yield
        sys.stdout.flush()
    except OSError as exc:
        detach_stdout()
        raise OutputError(say("err.out.stdout", reason=os_reason(exc))) from None


def detach_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's own flush at exit cannot fail a second time."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _write_stream(target: str, raw: bytes) -> None:
    # O_WRONLY without O_CREAT or O_TRUNC: what is there is written to, never created or emptied.
    fd = os.open(target, os.O_WRONLY)
    with os.fdopen(fd, "wb") as fh:
        fh.write(raw)
        fh.flush()
