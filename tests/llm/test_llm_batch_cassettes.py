"""The Batch API route through the CLI, replayed from cassettes/batch with the network blocked.

`summarise bulk IN -o OUT --engine llm --batch` uploads the requests file and creates the batch;
`summarise collect OUT` polls it, downloads the output file into the answer cache and finishes the bulk
run from there, with no real-time call. Recorded (`--record-mode=rewrite`) against the local Files +
Batch server (tests/llm/batch_server.py) on a fixed loopback port, so that every cassette names the
same address.

The upload is multipart with a random boundary; requests are scrubbed to one fixed boundary before they
are recorded and before they are matched, so the upload still matches on its whole body (the requests
file, every prompt in it).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_socket import disable_socket
from typer.testing import CliRunner

from summarise.archive.store import load_summary
from summarise.cli import app
from summarise.ingest import read_path
from summarise.pipeline import summarise_document

from .batch_server import BatchServer
from .conftest import CASSETTES, DUMMY_KEY, STUB_MODEL, recorder_options
from .test_llm_seeds import FALLBACK_CODES, SEEDS, _assert_the_hand_written_answers_are_used

CASSETTE_GROUP = "batch"
BATCH_PORT = 18766  # fixed, like the stub's, so that every cassette names the same address
pytestmark = pytest.mark.vcr
# Two seeds and a byte-for-byte copy of one: two reports summarised, two chunks asked.
ARCHIVE = [SEEDS[0], SEEDS[4]]

runner = CliRunner()
_BOUNDARY = re.compile(rb"boundary=([0-9A-Za-z'()+_,./:=?-]+)")
FIXED_BOUNDARY = b"summarise-batch-test-boundary"


def _fixed_boundary(request: Any) -> Any:
    content_type = request.headers.get("content-type") or request.headers.get("Content-Type") or ""
    found = _BOUNDARY.search(content_type.encode())
    if found and isinstance(request.body, bytes):
        request.body = request.body.replace(found.group(1), FIXED_BOUNDARY)
        for name in ("content-type", "Content-Type"):
            if name in request.headers:
                request.headers[name] = content_type.replace(found.group(1).decode(), FIXED_BOUNDARY.decode())
    return request


@pytest.fixture
def vcr_config() -> dict[str, Any]:
    options = recorder_options()
    scrub = options["before_record_request"]
    return {
        **options,
        "before_record_request": lambda request: _fixed_boundary(scrub(request)),
        "allow_playback_repeats": False,
    }


@pytest.fixture
def base_url(record_mode: str) -> Iterator[str]:
    """The batch server's address: live on the fixed port when recording; from endpoint.json on replay."""
    endpoint_file = CASSETTES / CASSETTE_GROUP / "endpoint.json"
    if record_mode == "none":
        disable_socket(allow_unix_socket=True)  # undone by pytest-socket after the test
        yield str(json.loads(endpoint_file.read_text(encoding="utf-8"))["base_url"])
        return
    server = BatchServer(BATCH_PORT).start()
    recorded = {
        "base_url": server.base_url,
        "model": STUB_MODEL,
        "mode": "json",
        "recorded_with": "tests/llm/batch_server.py",
    }
    endpoint_file.parent.mkdir(parents=True, exist_ok=True)
    endpoint_file.write_text(json.dumps(recorded, indent=2) + "\n", encoding="utf-8")
    yield server.base_url
    server.stop()


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    (root / "copies").mkdir(parents=True)
    for seed in ARCHIVE:
        shutil.copy(seed, root / seed.name)
    shutil.copy(ARCHIVE[0], root / "copies" / ARCHIVE[0].name)  # same bytes: summarised once
    return root


@pytest.fixture
def cli_env(base_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", base_url)
    monkeypatch.setenv("OPENAI_API_KEY", DUMMY_KEY)
    monkeypatch.setenv("SUMMARISE_MODEL", STUB_MODEL)
    monkeypatch.setenv("SUMMARISE_MODE", "json")
    monkeypatch.setenv("SUMMARISE_CACHE_DIR", str(tmp_path / "cache"))


def _operation(request: Any) -> str:
    path = request.path
    if request.method == "POST" and path.endswith("/files"):
        return "upload"
    if request.method == "POST" and path.endswith("/batches"):
        return "create"
    if request.method == "GET" and "/batches/" in path:
        return "retrieve"
    if request.method == "GET" and path.endswith("/content"):
        return "content"
    if path.endswith("/chat/completions"):
        return "chat"
    return f"{request.method} {path}"


def _counts(cassette: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for request in cassette.requests:
        counts[_operation(request)] = counts.get(_operation(request), 0) + 1
    return counts


def _bulk_batch(archive: Path, out: Path) -> None:
    result = runner.invoke(app, ["bulk", str(archive), "-o", str(out), "--engine", "llm", "--batch"])
    assert result.exit_code == 0, result.output
    assert "batch: submitted 2 requests in 1 files (1 uploaded, 1 batches created now)" in result.output


@pytest.mark.usefixtures("cli_env")
def test_bulk_batch_then_collect_summarises_the_archive_from_the_cache(
    archive: Path, tmp_path: Path, vcr: Any, record_mode: str
) -> None:
    out = tmp_path / "out"
    _bulk_batch(archive, out)
    requests_file = out / "batch" / "requests-0001.jsonl"
    assert len(requests_file.read_text("utf-8").splitlines()) == len(ARCHIVE)

    result = runner.invoke(app, ["collect", str(out), "--poll", "0.01"])
    assert result.exit_code == 0, result.output
    assert "batch: 2 answers cached, 0 invalid, 0 errors, 0 of 1 batches not finished" in result.output

    # validating → in_progress at the first retrieve, completed at the second; one output file.
    assert _counts(vcr) == {"upload": 1, "create": 1, "retrieve": 2, "content": 1}
    assert "chat" not in _counts(vcr)  # the bulk run after collect asked nothing in real time
    if record_mode == "none":
        assert vcr.all_played  # and every recorded exchange was asked for again

    for seed in ARCHIVE:
        summary = load_summary(out / f"{seed.name}.json")  # stored compact, its text kept once under texts/
        assert summary.engine.model == f"{STUB_MODEL}-20250101"
        assert not {w.code for w in summary.warnings} & FALLBACK_CODES
        _assert_the_hand_written_answers_are_used(seed, summary, summarise_document(read_path(seed)))

    state = json.loads((out / "batch" / "state.json").read_text("utf-8"))
    assert [f["status"] for f in state["files"]] == ["completed"] and state["files"][0]["collected"]


@pytest.mark.usefixtures("cli_env")
def test_collect_no_wait_on_a_running_batch_exits_1_and_says_so(
    archive: Path, tmp_path: Path, vcr: Any
) -> None:
    out = tmp_path / "out"
    _bulk_batch(archive, out)

    result = runner.invoke(app, ["collect", str(out), "--no-wait"])
    assert result.exit_code == 1, result.output
    assert "batch: 0 answers cached, 0 invalid, 0 errors, 1 of 1 batches not finished" in result.output
    assert _counts(vcr) == {"upload": 1, "create": 1, "retrieve": 1}
    state = json.loads((out / "batch" / "state.json").read_text("utf-8"))
    assert state["files"][0]["status"] == "in_progress" and not state["files"][0].get("collected")
    assert not list(out.glob("*.json"))  # nothing summarised yet
