"""`summarise serve OUT` as a user runs it: a real uvicorn server on 127.0.0.1, and clear errors."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from language import chinese_share, english_sentences
from serve_archive import build

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarise", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("serve-cli"), rounds=False)


def test_serve_binds_loopback_and_serves_the_archive(out: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "summarise", "serve", str(out), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert url, line
        assert chinese_share(line.replace(url.group(0), "")) > 0.5
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(url.group(0), timeout=5) as r:
                    body = r.read().decode("utf-8")
                    headers = r.headers
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        assert "档案总览" in body
        assert headers["Content-Security-Policy"].startswith("default-src 'none'")
        assert "server" not in {k.lower() for k in headers}  # no banner
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=20)


@pytest.mark.parametrize(
    ("args", "env", "lang"),
    [
        ((), {}, "zh"),
        (("--lang", "en"), {}, "en"),
        ((), {"SUMMARISE_LANG": "en"}, "en"),
    ],
)
def test_a_folder_without_an_index_is_one_line_and_exit_2(
    tmp_path: Path, args: tuple[str, ...], env: dict[str, str], lang: str
) -> None:
    r = run_cli("serve", str(tmp_path), *args, env=env)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr
    if lang == "zh":
        assert english_sentences(lines[0]) == [] and "index.sqlite" in lines[0]
    else:
        assert "no index.sqlite here" in lines[0]


def test_a_damaged_index_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "index.sqlite").write_bytes(b"not a database" * 100)
    r = run_cli("serve", str(tmp_path))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "无法读取档案索引" in r.stderr


def test_a_port_in_use_is_one_line(out: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = run_cli("serve", str(out), "--port", str(port))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert f"127.0.0.1:{port}" in r.stderr and "无法监听" in r.stderr
