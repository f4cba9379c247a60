"""Run the CLI in a child process and measure it: exit code, stderr, seconds, peak memory.

The peak is the child's own VmHWM (Linux), read as it exits. ru_maxrss would not do: Linux carries
the parent's peak over into a child across fork and exec, so a big test process would look like a
big child.
"""

from __future__ import annotations

import subprocess
import sys
import time

_PEAK = "__peak_kb__ "
_RUN = (
    "import atexit, runpy, sys\n"
    "def _peak():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    f"            sys.stderr.write('\\n{_PEAK}' + line.split()[1] + '\\n')\n"
    "atexit.register(_peak)\n"
    "sys.argv = ['summarise', *sys.argv[1:]]\n"
    "runpy.run_module('summarise', run_name='__main__', alter_sys=True)\n"
)


def run_measured(
    args: list[str], stdin_path: str | None = None, timeout: float = 600
) -> tuple[int, str, float, float]:
    """(exit code, stderr without the measurement, seconds, peak MB) of `summarise ARGS`."""
    started = time.monotonic()
    with open(stdin_path or "/dev/null", "rb") as stdin:
        proc = subprocess.run(
            [sys.executable, "-c", _RUN, *args],
            stdin=stdin,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=timeout,
        )
    seconds = time.monotonic() - started
    err = proc.stderr.decode("utf-8", "replace")
    peak_kb = 0
    kept = []
    for line in err.splitlines():
        if line.startswith(_PEAK):
            peak_kb = int(line.removeprefix(_PEAK))
        elif line:
            kept.append(line)
    return proc.returncode, "\n".join(kept) + ("\n" if kept else ""), seconds, peak_kb / 1024
