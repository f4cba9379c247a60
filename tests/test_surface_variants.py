"""The same report in other surface forms (punctuation, numbering, layout, chrome, encodings) gives the same summary."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEEDS, gold_for
from variants import ENCODINGS, TEXT_VARIANTS

from summarise.api import summarise_path
from summarise.evaluate import score_summary
from summarise.evidence import check

CASES = [(seed, name) for seed in SEEDS for name in TEXT_VARIANTS] + [
    (seed, f"enc:{enc}") for seed in SEEDS for enc in ENCODINGS
]


@pytest.mark.parametrize(("seed", "variant"), CASES, ids=[f"{s.stem[:3]}-{v}" for s, v in CASES])
def test_variant_gives_the_gold_summary(seed: Path, variant: str, tmp_path: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    if variant.startswith("enc:"):
        encoding = variant[4:]
    else:
        text, encoding = TEXT_VARIANTS[variant](text), "utf-8"
    path = tmp_path / seed.name
    path.write_bytes(text.encode(encoding))
    summary = summarise_path(path)

    scores = score_summary(gold_for(seed), summary, path.name)
    assert scores.misses == []
    # Quotes come from this file's own text, as Python reads it back with the reported codec.
    assert summary.source.text == path.read_text(encoding=summary.source.encoding)
    assert check(summary) == []
