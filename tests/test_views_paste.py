"""Views people read and paste: measures whole on request, Markdown without markup tags, one title
for a notice that has none, warnings as sentences, Meta's lists and figures' directions shown."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from rich.console import Console

from summarise.models import ReportSummary
from summarise.pipeline import Pipeline
from summarise.render import ViewOptions, display_title, md_escape
from summarise.render.terminal import render as render_terminal
from summarise.render.views import SUMMARY_VIEWS
from summarise.settings import Settings

SEED_001 = next(s for s in SEEDS if s.name.startswith("001_"))
ROUND_LEVEL = next((ROOT / "tests" / "realworld" / "notices").glob("004_*.txt"))
_CACHE: dict[Path, ReportSummary] = {}


def summary_of(path: Path) -> ReportSummary:
    if path not in _CACHE:
        _CACHE[path] = Pipeline(Settings(engine="rules")).summarise_path(path)
    return _CACHE[path]


def measures(s: ReportSummary) -> list[str]:
    out = [m.text for a in s.areas for m in a.measures]
    for a in s.areas:
        for i in a.items:
            out += [m.text for m in i.measures] + [m.text for p in i.problems for m in p.measures]
    return out


def terminal(s: ReportSummary, options: ViewOptions, width: int) -> str:
    buf = io.StringIO()
    render_terminal(s, Console(file=buf, width=width, no_color=True, force_terminal=False), options)
    return buf.getvalue()


@pytest.mark.parametrize("width", [80, 200, 2000])
def test_full_shows_every_measure_whole_at_any_width(width: int) -> None:
    s = summary_of(SEED_001)
    long = [m for m in measures(s) if len(m) > 60]
    assert long
    cut = terminal(s, ViewOptions(), width)
    whole = terminal(s, ViewOptions(full=True), width)
    # Wrapped lines carry the tree's guides: compare the text with guides and line breaks taken out.
    flat = re.sub(r"[\s│├└─·]+", "", whole)
    for text in long:
        assert re.sub(r"\s+", "", text) in flat
    assert "…" in cut and "…" not in whole.replace("…" * 2, "")
    assert sum(1 for m in long if re.sub(r"\s+", "", m) in re.sub(r"[\s│├└─·]+", "", cut)) == 0


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_markdown_for_pasting_has_no_tags_and_offsets_come_back_as_footnotes(path: Path) -> None:
    s = summary_of(path)
    plain = SUMMARY_VIEWS.render(s, "md")
    assert "<sub>" not in plain and "[^" not in plain
    with_offsets = SUMMARY_VIEWS.render(s, "md", ViewOptions(offsets=True))
    assert "<sub>" not in with_offsets
    refs = re.findall(r"\[\^(\d+)\](?!:)", with_offsets)
    notes = dict(re.findall(r"^\[\^(\d+)\]: (.+)$", with_offsets, re.M))
    assert refs and sorted(refs, key=int) == sorted(notes, key=int) == [
        str(n) for n in range(1, len(refs) + 1)
    ]
    # The first footnote is the title's field or the first area: its offsets are that entry's.
    spans = {(m.group(1), m.group(2)) for m in (re.search(r"(\d+)–(\d+)", t) for t in notes.values()) if m}
    assert (str(s.areas[0].evidence.start), str(s.areas[0].evidence.end)) in spans


@pytest.mark.parametrize("unit", ["鲤城高新技术产业开发区", None])
def test_a_notice_without_a_title_has_the_same_title_in_every_view(unit: str | None) -> None:
    s = summary_of(SEED_001)
    meta = s.meta.model_copy(update={"title": None, "unit": unit})
    untitled = s.model_copy(update={"meta": meta})
    title = display_title(untitled)
    assert title == ("鲤城高新技术产业开发区巡察整改通报摘要" if unit else "巡察整改通报摘要")
    text = SUMMARY_VIEWS.render(untitled, "text")
    md = SUMMARY_VIEWS.render(untitled, "md")
    page = SUMMARY_VIEWS.render(untitled, "html")
    assert title in text.splitlines()[0]
    assert md.startswith(f"# {md_escape(title)}\n")
    assert f"<h1>{title}</h1>" in page and f"<title>{title} · 摘要</title>" in page


def test_html_warnings_are_sentences_and_keep_their_code_as_data() -> None:
    s = summary_of(SEED_001)
    assert s.warnings
    page = SUMMARY_VIEWS.render(s, "html")
    section = page[
        page.index('<section id="warnings">') : page.index("</section>", page.index('id="warnings"'))
    ]
    text = re.sub(r"<[^>]+>", "", section)
    for w in s.warnings:
        assert w.code not in text
        assert f'data-code="{w.code}"' in section


def test_meta_lists_are_shown_in_every_view() -> None:
    s = summary_of(ROUND_LEVEL)
    assert len(s.meta.units) > 1
    for fmt in ("text", "md", "html"):
        out = re.sub(r"[\s│]+", "", SUMMARY_VIEWS.render(s, fmt, ViewOptions(full=True)))
        assert "各被巡察单位" in out and all(u in out for u in s.meta.units), fmt


def test_a_figures_direction_is_shown() -> None:
    s = summary_of(SEED_001)
    ups = [f for a in s.areas for i in a.items for p in i.problems for f in p.figures if f.direction == "up"]
    assert ups
    for fmt in ("text", "md", "html"):
        out = SUMMARY_VIEWS.render(s, fmt, ViewOptions(full=True))
        assert f"{ups[0].text}（增）" in out.replace("\n", ""), fmt


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_the_overview_and_status_breakdown_come_first(fmt: str) -> None:
    s = summary_of(SEED_001)
    assert s.overview is not None
    out = SUMMARY_VIEWS.render(s, fmt)
    flat = re.sub(r"[\s│]+", "", out)
    first = re.sub(r"\s+", "", s.overview.sentences[0].text)
    assert flat.index(first[:20]) < flat.index("问题与整改")
    assert flat.index("整改状态") < flat.index("问题与整改")
