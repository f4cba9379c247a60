from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLD = ROOT / "tests" / "gold"
sys.path.insert(0, str(Path(__file__).resolve().parent))


def gold_for(seed: Path) -> dict:
    return json.loads((GOLD / f"{seed.stem}.json").read_text(encoding="utf-8"))


# How tests/llm records cassettes against a live endpoint: read by its conftest during the test (and
# never by summarise itself), so it must outlive the clearing below.
RECORDING_PREFIX = "SUMMARISE_RECORD_"


def _clear_caller_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith(("SUMMARISE_", "OPENAI_")) and not name.startswith(RECORDING_PREFIX):
            monkeypatch.delenv(name)


_session_env = pytest.MonkeyPatch()
_session_home = tempfile.TemporaryDirectory(prefix="summarise-tests-home-")


def pytest_configure(config: pytest.Config) -> None:
    """The same for the whole run: test modules and module-scoped fixtures summarise seeds at import
    and set-up time, before any per-test fixture runs."""
    _clear_caller_settings(_session_env)
    _session_env.setenv("SUMMARISE_HOME", _session_home.name)


def pytest_unconfigure(config: pytest.Config) -> None:
    _session_env.undo()
    _session_home.cleanup()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Caches and state go to a temp folder; no test sees the caller's SUMMARISE_* or OPENAI_* settings
    (an engine, model, key, endpoint, cache or size limit of the shell the tests run in)."""
    _clear_caller_settings(monkeypatch)
    monkeypatch.setenv("SUMMARISE_HOME", str(tmp_path_factory.mktemp("home")))
