from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLD = ROOT / "tests" / "gold"
sys.path.insert(0, str(Path(__file__).resolve().parent))


def gold_for(seed: Path) -> dict:
    return json.loads((GOLD / f"{seed.stem}.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Caches and state go to a temp folder; no test reads a user's key or endpoint."""
    monkeypatch.setenv("SUMMARISE_HOME", str(tmp_path_factory.mktemp("home")))
    for name in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "SUMMARISE_ENGINE",
        "SUMMARISE_API_KEY",
        "SUMMARISE_DEBUG",
    ):
        monkeypatch.delenv(name, raising=False)
