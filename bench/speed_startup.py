"""How fast the command line starts: `summarise --version` against `python -c pass`, and the wall time
of `report -f json` on one sample, each measured side by side in one run (median of N, interleaved so
that a noisy machine slows both alike).

    .venv/bin/python bench/speed_startup.py [--runs N]

`rows()` gives (what, measured, goal, met) for the speed table; run as a script it prints them, with
the `--help` timings beside them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = sorted((ROOT / "seeds").glob("*.txt"))[0]
VERSION_GOAL = 4.0  # × python -c pass
JSON_GOAL_MS = 150.0


def _summarise() -> list[str]:
    """The console script users run (it goes through the launcher), next to this interpreter."""
    script = Path(sys.executable).with_name("summarise")
    return [str(script)] if script.exists() else [sys.executable, "-m", "summarise"]


def _wall(argv: Sequence[str]) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARISE_", "OPENAI_"))}
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
    return time.perf_counter() - start


def measure(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median wall seconds of each command, the commands taking turns run after run."""
    for argv in commands.values():  # warm the page cache and the .pyc files
        _wall(argv)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            times[name].append(_wall(argv))
    return {name: statistics.median(t) for name, t in times.items()}


def _commands() -> dict[str, list[str]]:
    cli = _summarise()
    return {
        "pass": [sys.executable, "-c", "pass"],
        "version": [*cli, "--version"],
        "json": [*cli, "report", str(SAMPLE), "-f", "json"],
        "help": [*cli, "--help"],
        "report_help": [*cli, "report", "--help"],
    }


def rows(runs: int = 15, medians: dict[str, float] | None = None) -> list[tuple[str, str, str, bool]]:
    m = medians or measure(_commands(), runs)
    ratio = m["version"] / m["pass"]
    json_ms = m["json"] * 1000
    return [
        (
            "summarise --version / python -c pass",
            f"{ratio:.1f}× ({m['version'] * 1000:.0f} ms / {m['pass'] * 1000:.0f} ms)",
            f"≤ {VERSION_GOAL:g}×",
            ratio <= VERSION_GOAL,
        ),
        (
            "report -f json wall time on one sample",
            f"{json_ms:.0f} ms",
            f"≤ {JSON_GOAL_MS:g} ms",
            json_ms <= JSON_GOAL_MS,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    medians = measure(_commands(), args.runs)
    print(f"| what | measured (median of {args.runs}) | goal | met |")
    print("|---|---|---|---|")
    for what, measured, goal, met in rows(medians=medians):
        print(f"| {what} | {measured} | {goal} | {'yes' if met else 'no'} |")
    print()
    for name, label in (("help", "summarise --help"), ("report_help", "summarise report --help")):
        print(
            f"{label}: {medians[name] * 1000:.0f} ms ({medians[name] / medians['pass']:.1f}× python -c pass)"
        )
    print(f"sample: {SAMPLE.name}")


if __name__ == "__main__":
    main()
