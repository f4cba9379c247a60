"""Cassettes and the local stub for the LLM-path tests.

Replay (the default, `--record-mode=none`): the network is blocked (pytest-socket; unix sockets stay
open for asyncio), requests are answered from cassettes/<group>/, and the endpoint, model and mode the
cassettes were recorded with come from cassettes/<group>/endpoint.json.

Record (`--record-mode=rewrite`): requests go to the local stub on 127.0.0.1:18765, or, for the seed
cassettes only, to a live endpoint named by SUMMARISE_RECORD_BASE_URL / _API_KEY / _MODEL / _MODE.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_socket import disable_socket, socket_allow_hosts
from tenacity import wait_none
from vcr.serializers import yamlserializer

from summarise import i18n
from summarise.llm import retry

from .stub_server import StubServer

ROOT = Path(__file__).resolve().parents[2]
CASSETTES = ROOT / "cassettes"
MINI = Path(__file__).resolve().parent / "fixtures" / "mini.txt"
STUB_PORT = 18765  # fixed so that every cassette names the same address
STUB_MODEL = "stub-model"
# Distinctive, so that test_no_secrets can grep for it; a real key never reaches the stub's cassettes.
DUMMY_KEY = "sk-test-0000-not-a-real-key-4f1c"
SECRET_HEADERS = ["authorization", "api-key", "x-api-key", "openai-organization", "openai-project", "cookie"]


@pytest.fixture(autouse=True)
def no_overview_call(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands these tests run make only the chunk calls their cassettes and stubs answer; the
    overview call (one more a report) is tested in test_llm_overview.py."""
    monkeypatch.setenv("SUMMARISE_LLM_OVERVIEW", "0")


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    """The LLM tests read the engine's messages in English (--lang en); test_llm_messages.py reads them
    in Chinese, the default."""
    before = i18n.current()
    i18n.set_lang("en")  # for the process: bulk's worker threads too
    try:
        yield
    finally:
        i18n.set_lang(before)


@dataclass(frozen=True)
class Target:
    base_url: str
    model: str
    mode: str
    api_key: str
    recording: bool
    stub: StubServer | None = None


class Sleeps(list[float]):
    """The waits the retry policy asked for, instead of sleeping them."""

    async def __call__(self, seconds: float) -> None:
        self.append(seconds)


def _endpoint_path(r1: Any, r2: Any) -> None:
    # Providers mount the API at different prefixes (/v1, /compatible-mode/v1, /api/paas/v4); the
    # operation is what must match.
    assert r1.path.rsplit("/", 2)[-2:] == r2.path.rsplit("/", 2)[-2:]


class _ReadableYaml:
    """vcrpy's YAML serializer, writing Chinese as itself rather than \\u escapes (a third of the size)."""

    @staticmethod
    def deserialize(cassette_string: str) -> Any:
        return yamlserializer.deserialize(cassette_string)

    @staticmethod
    def serialize(cassette_dict: dict[str, Any]) -> str:
        # Concurrent calls finish in any order; sorting by request (stable, so a 429 stays before the
        # retry with the same body) makes re-recording the same answers give the same file.
        interactions = sorted(cassette_dict["interactions"], key=lambda i: str(i["request"]["body"]))
        cassette_dict = {**cassette_dict, "interactions": interactions}
        return yaml.dump(cassette_dict, Dumper=yamlserializer._CassetteDumper, allow_unicode=True, width=120)


def pytest_recording_configure(config: pytest.Config, vcr: Any) -> None:
    vcr.register_matcher("endpoint", _endpoint_path)
    vcr.register_serializer("yaml", _ReadableYaml())


def _scrub_request(request: Any) -> Any:
    for name in SECRET_HEADERS:
        request.headers.pop(name, None)
        request.headers.pop(name.title(), None)
    live_key = os.environ.get("SUMMARISE_RECORD_API_KEY")
    body = request.body
    if live_key and body and live_key.encode() in (body if isinstance(body, bytes) else body.encode()):
        raise AssertionError("the API key appeared in a request body; refusing to record it")
    return request


# Secrets, and per-request noise (a new Date on every recording would churn every cassette).
DROPPED_RESPONSE_HEADERS = (
    "set-cookie",
    "openai-organization",
    "openai-project",
    "x-request-id",
    "cf-ray",
    "date",
)


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in DROPPED_RESPONSE_HEADERS:
            del headers[name]
    return response


def recorder_options() -> dict[str, Any]:
    """How every cassette is matched and scrubbed (also used to build a recorder by hand)."""
    return {
        "match_on": ["method", "endpoint", "body"],
        "filter_headers": SECRET_HEADERS,
        "before_record_request": _scrub_request,
        "before_record_response": _scrub_response,
        "decode_compressed_response": True,
    }


def recorder() -> Any:
    import vcr

    instance = vcr.VCR(**recorder_options())
    pytest_recording_configure(None, instance)  # type: ignore[arg-type]
    return instance


@pytest.fixture
def vcr_config() -> dict[str, Any]:
    return {**recorder_options(), "allow_playback_repeats": False}


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(CASSETTES / getattr(request.module, "CASSETTE_GROUP", "unused"))


@pytest.fixture
def default_cassette_name(request: pytest.FixtureRequest) -> str:
    marker = request.node.get_closest_marker("default_cassette")
    if marker is not None:
        return str(marker.args[0])
    name = request.node.name.removeprefix("test_")
    return name.replace("[", "-").replace("]", "")


@pytest.fixture(scope="session")
def session_stub(record_mode: str) -> Iterator[StubServer | None]:
    if record_mode == "none" or os.environ.get("SUMMARISE_RECORD_BASE_URL"):
        yield None
        return
    try:
        stub = StubServer(STUB_PORT).start()
    except OSError as exc:
        raise RuntimeError(
            f"cannot start the stub on 127.0.0.1:{STUB_PORT} to record cassettes: {exc}"
        ) from exc
    yield stub
    stub.stop()


def _live_target(group: str) -> Target | None:
    base_url = os.environ.get("SUMMARISE_RECORD_BASE_URL")
    if not base_url:
        return None
    if group != "seeds":
        pytest.skip("stub-only test: its faults and answers come from the local stub")
    key, model = os.environ.get("SUMMARISE_RECORD_API_KEY"), os.environ.get("SUMMARISE_RECORD_MODEL")
    if not key or not model:
        pytest.fail("recording live needs SUMMARISE_RECORD_API_KEY and SUMMARISE_RECORD_MODEL too")
    return Target(base_url.rstrip("/"), model, os.environ.get("SUMMARISE_RECORD_MODE", "json"), key, True)


@pytest.fixture
def target(request: pytest.FixtureRequest, record_mode: str, session_stub: StubServer | None) -> Target:
    """Where the engine under test sends its calls, and how the cassettes were recorded."""
    group: str = request.module.CASSETTE_GROUP
    endpoint_file = CASSETTES / group / "endpoint.json"
    if record_mode == "none":
        disable_socket(allow_unix_socket=True)  # undone by pytest-socket after the test
        recorded = json.loads(endpoint_file.read_text(encoding="utf-8"))
        return Target(recorded["base_url"], recorded["model"], recorded["mode"], DUMMY_KEY, False)
    live = _live_target(group)
    if live is None:
        assert session_stub is not None
        session_stub.reset()
        live = Target(session_stub.base_url, STUB_MODEL, "json", DUMMY_KEY, True, session_stub)
    endpoint_file.parent.mkdir(parents=True, exist_ok=True)
    recorded = {"base_url": live.base_url, "model": live.model, "mode": live.mode}
    recorded["recorded_with"] = "tests/llm/stub_server.py" if live.stub else "a live endpoint"
    endpoint_file.write_text(json.dumps(recorded, indent=2) + "\n", encoding="utf-8")
    return live


@pytest.fixture
def live_stub() -> Iterator[StubServer]:
    """A stub on a free port for the few tests a cassette cannot replay (timeouts); only loopback is allowed."""
    stub = StubServer(0).start()
    socket_allow_hosts(["127.0.0.1"], allow_unix_socket=True)  # undone by pytest-socket after the test
    yield stub
    stub.stop()


@pytest.fixture(autouse=True)
def sleeps(monkeypatch: pytest.MonkeyPatch) -> Sleeps:
    """Retries wait no real time in any LLM test: the default policy records the delays it would have slept."""
    recorded = Sleeps()
    monkeypatch.setattr(retry, "DEFAULT_POLICY", retry.RetryPolicy(wait=wait_none(), sleep=recorded))
    return recorded
