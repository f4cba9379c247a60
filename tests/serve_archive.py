"""A bulk output folder to serve: the five seeds, a later round of each, and a hostile notice.

The later rounds are tests/rounds.py's: each seed as its unit would publish it two years on (its name
written another way, two problems dropped, one added, a deadline postponed, a figure changed). The
hostile notice is seed 000 with markup in its title, item headings and measures (test_html's
payloads), signed by another unit so that it is no round of seed 000. All of it goes through the real
bulk runner and index writer, and (unless asked not to) through `summarise rounds`.
"""

from __future__ import annotations

import io
from pathlib import Path

from conftest import SEEDS
from rounds import later_round
from test_html import PAYLOADS, hostile_text

from summarise.archive import BulkOptions, run_bulk
from summarise.archive.progress import PlainReporter
from summarise.settings import Settings

LATER_DIR = "later"
LATER = f"{LATER_DIR}/{SEEDS[0].name}"  # the later round of seed 000
HOSTILE = "misc/hostile.txt"


def build(root: Path, *, rounds: bool = True) -> Path:
    """Write the input tree under root/in and summarise it into root/out; return the output folder.

    With `rounds`, `summarise rounds` runs too (unit keys, rounds, stored diffs), as an archive a user
    has finished with; without, the folder is what `summarise bulk` alone leaves."""
    src = root / "in"
    (src / "seeds").mkdir(parents=True)
    (src / LATER_DIR).mkdir()
    for seed in SEEDS:
        (src / "seeds" / seed.name).write_bytes(seed.read_bytes())
        text, _ = later_round(seed.read_text(encoding="utf-8"), seed.name)
        (src / LATER_DIR / seed.name).write_text(text, encoding="utf-8")
    hostile = hostile_text().replace("高新区", "东湖新区")
    assert hostile != hostile_text()
    (src / HOSTILE).parent.mkdir()
    (src / HOSTILE).write_text(hostile, encoding="utf-8")
    out = root / "out"
    reporter = PlainReporter(io.StringIO(), interval=3600)
    run_bulk(src, out, Settings(cache_dir=root / "cache"), BulkOptions(workers=1), reporter)
    if rounds:
        from summarise.archive.rounds import update_rounds

        update_rounds(out)
    return out


__all__ = ["HOSTILE", "LATER", "PAYLOADS", "build"]
