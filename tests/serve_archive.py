"""A bulk output folder to serve: the five seeds, a later round of seed 000, and a hostile notice.

The later round is seed 000 as the same unit would publish it a year on: every year moved forward
by one and its fourth numbered item gone, so that the unit has two rounds whose other problems recur.
The hostile notice is seed 000 with markup in its title, item headings and measures (test_html's
payloads). All of it goes through the real bulk runner and index writer.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from conftest import SEEDS
from test_html import PAYLOADS, hostile_text

from summarise.archive import BulkOptions, run_bulk
from summarise.archive.progress import PlainReporter
from summarise.settings import Settings

LATER = "2026/000_later_round.txt"
HOSTILE = "misc/hostile.txt"
DROPPED_ITEM = 4  # the numbered item the later round leaves out


def later_round(text: str) -> str:
    shifted = re.sub(r"20(\d\d)(?=年|-|至)", lambda m: f"20{int(m.group(1)) + 1:02d}", text)
    out, skipping = [], False
    for line in shifted.split("\n"):
        number = re.match(r"(\d+)\.", line.strip())
        if number:
            skipping = int(number.group(1)) == DROPPED_ITEM
        elif re.match(
            r"[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|（[一二三四五六七八九十]+）", line.strip()
        ):
            skipping = False
        if not skipping:
            out.append(line)
    return "\n".join(out)


def build(root: Path, *, rounds: bool = True) -> Path:
    """Write the input tree under root/in and summarise it into root/out; return the output folder.

    With `rounds`, `summarise rounds` runs too (unit keys, rounds, stored diffs), as an archive a user
    has finished with; without, the folder is what `summarise bulk` alone leaves."""
    src = root / "in"
    for seed in SEEDS:
        (src / "seeds").mkdir(parents=True, exist_ok=True)
        (src / "seeds" / seed.name).write_bytes(seed.read_bytes())
    # The hostile notice is another unit's: seed 000's unit renamed, so it is no round of seed 000.
    hostile = hostile_text().replace("高新区", "东湖新区")
    assert hostile != hostile_text()
    for rel, text in ((LATER, later_round(SEEDS[0].read_text(encoding="utf-8"))), (HOSTILE, hostile)):
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text, encoding="utf-8")
    out = root / "out"
    run_bulk(
        src,
        out,
        Settings(cache_dir=root / "cache"),
        BulkOptions(workers=1),
        PlainReporter(io.StringIO(), interval=3600),
    )
    if rounds:
        from summarise.archive.rounds import update_rounds

        update_rounds(out)
    return out


__all__ = ["HOSTILE", "LATER", "PAYLOADS", "build", "later_round"]
