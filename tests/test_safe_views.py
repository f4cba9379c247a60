"""Report text is untrusted: the Markdown view never carries it as live HTML or markup, and the
terminal view never passes an escape sequence or a control character through."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import SEEDS
from disk import changes, snapshot
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from summarise.cli import app
from summarise.render import md_escape, strip_controls

runner = CliRunner()
SEED = next(s for s in SEEDS if s.name.startswith("001"))
SCRIPT = "<script>alert(document.cookie)</script>"
IMG = '<img src=x onerror="alert(1)">'
ATTR = '" onmouseover="alert(2)'
LINK = "[点此](javascript:alert(3))"
MARKUP = "[bold red]标记[/bold red]"
CSI = "\x1b[5m\x1b[31m闪烁\x1b[0m\x1b[2J\x9b1m\x07"  # blink, red, clear screen, 8-bit CSI, bell
OSC = "\x1b]8;;http://evil.example/\x07链接\x1b]8;;\x07"  # a hyperlink


def hostile_notice(tmp_path: Path) -> Path:
    """The seed with payloads in a sub-problem's heading and the measure that follows it."""
    text = SEED.read_text(encoding="utf-8")
    payload = f"{IMG}{SCRIPT}{CSI}{MARKUP}{ATTR}{LINK}"
    text = text.replace(
        "落实习近平总书记重要指示不够到位", f"落实习近平{payload}总书记重要指示不够到位{OSC}", 1
    )
    path = tmp_path / "hostile.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_markdown_view_never_carries_report_text_as_live_html(tmp_path: Path) -> None:
    source = hostile_notice(tmp_path)
    out = tmp_path / "summary.md"
    before = snapshot(tmp_path)

    result = runner.invoke(app, ["report", str(source), "--format", "md", "-o", str(out)])

    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"已写入 {out}"
    assert changes(before, snapshot(tmp_path)) == {str(out)}
    md = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;" in md and "&lt;img src=x onerror" in md  # the words are kept, escaped
    # Rendered by an engine that passes raw HTML through, as many Markdown viewers do:
    html = MarkdownIt("commonmark", {"html": True}).render(md)
    assert not re.search(r"<(?:script|img|iframe|svg)\b", html, re.I)
    assert not re.search(r"<[^>]*\son\w+\s*=", html, re.I)  # no event-handler attribute anywhere
    assert "javascript:" not in " ".join(re.findall(r'href="[^"]*"', html))
    assert "\x1b" not in md and "\x07" not in md


def test_terminal_view_strips_escape_sequences_and_control_characters(tmp_path: Path) -> None:
    source = hostile_notice(tmp_path)
    before = snapshot(tmp_path)

    result = runner.invoke(app, ["report", str(source)])

    assert result.exit_code == 0, result.output
    assert changes(before, snapshot(tmp_path)) == set()
    shown = result.stdout
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", shown)
    assert "[5m" not in shown and "[2J" not in shown and "evil.example" not in shown  # no residue
    assert "闪烁" in shown  # the words between the sequences stay
    assert MARKUP in shown  # report text is never read as rich markup


def test_strip_controls_removes_whole_sequences_and_keeps_text() -> None:
    assert (
        strip_controls("a\x1b[1;31mb\x1b[0m c\x1b]0;title\x1b\\d\x1b(Be\x9b2Kf\tg\nh\x00") == "ab cdef\tg\nh"
    )
    assert strip_controls("unterminated \x1b]8;;http://x tail") == "unterminated 8;;http://x tail"


def test_md_escape_leaves_no_tag_no_link_and_no_table_break() -> None:
    escaped = md_escape(f"{SCRIPT} | {LINK} `code` *em* #h\nnext")
    assert "<" not in escaped and ">" not in escaped and "\n" not in escaped
    assert "\\|" in escaped and "\\[" in escaped and "\\`" in escaped
