"""Every summary view speaks the interface language: Chinese by default, English with lang=en.

The report's own words are quoted in both, so the English check looks at the labels: no Chinese
label of the catalogue may appear in an English view unless the report itself contains it.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SEEDS
from language import chinese_share, english_sentences

from summarise.i18n import Lang, both
from summarise.messages import CATALOGUE
from summarise.models import ReportSummary
from summarise.pipeline import Pipeline
from summarise.render import ViewOptions, stated_label
from summarise.render.views import SUMMARY_VIEWS
from summarise.settings import Settings

FORMATS = ("text", "md", "html")
_CACHE: dict[tuple[Path, Lang], ReportSummary] = {}


def summary_of(path: Path, lang: Lang) -> ReportSummary:
    if (path, lang) not in _CACHE:
        _CACHE[path, lang] = Pipeline(Settings(engine="rules", lang=lang)).summarise_path(path)
    return _CACHE[path, lang]


class _Visible(HTMLParser):
    """The text a reader sees in the summary pane (and its tooltips): not the style, the script or
    the source text beside it, which is the report's own."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip or tag in ("script", "style") or dict(attrs).get("id") == "src":
            self._skip += 1
            return
        self.parts += [v for k, v in attrs if k in ("title", "aria-label") and v]

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible(fmt: str, out: str) -> str:
    if fmt != "html":
        return out
    parser = _Visible()
    parser.feed(out)
    return "\n".join(parser.parts)


def view(path: Path, fmt: str, lang: Lang) -> str:
    return visible(fmt, SUMMARY_VIEWS.render(summary_of(path, lang), fmt, ViewOptions(lang=lang)))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_no_english_sentence_in_a_default_view(path: Path, fmt: str) -> None:
    out = view(path, fmt, "zh")
    assert english_sentences(out) == [], fmt


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_json_warning_messages_follow_the_language(path: Path) -> None:
    zh = json.loads(SUMMARY_VIEWS.render(summary_of(path, "zh"), "json"))
    en = json.loads(SUMMARY_VIEWS.render(summary_of(path, "en"), "json", ViewOptions(lang="en")))
    assert [w["code"] for w in zh["warnings"]] == [w["code"] for w in en["warnings"]]
    for w_zh, w_en in zip(zh["warnings"], en["warnings"], strict=True):
        assert english_sentences(w_zh["message"]) == [], w_zh
        assert english_sentences(w_en["message"]), w_en
    assert english_sentences(zh["overview"]["text"]) == []
    assert english_sentences(en["overview"]["text"])


def _chinese_labels(summary: ReportSummary) -> list[str]:
    """The Chinese labels of the views that the report's own text does not contain."""
    labels = []
    for key, (zh, _) in CATALOGUE.items():
        if not key.startswith("view.") or "{" in zh:
            continue
        words = [w for w in re.split(r"[\s（）()：:，。；、·…]+", zh) if len(w) >= 2]
        labels += [w for w in words if w not in summary.source.text]
    return labels


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_the_same_view_in_english_has_english_labels(path: Path, fmt: str) -> None:
    summary = summary_of(path, "en")
    out = view(path, fmt, "en")
    leaked = sorted({label for label in _chinese_labels(summary) if label in out})
    assert leaked == [], fmt
    # Labels with numbers in them, and the report's stated counts, are in English too.
    assert not re.search(r"\d+ ?个(?:方面|问题)|通报自述|个问题", out.replace(summary.source.text, ""))
    for heading in ("Status of the problems", "Problems and rectification"):
        assert heading in out
    assert chinese_share(out) < chinese_share(view(path, fmt, "zh"))


# The keys the stated counts may have (models.ReportSummary.stated_counts, rules/counts.py).
_LEVELS = ["areas", "items", "sub_items", "problems", "suggestions", "tasks", "measures"]
_STATES = ["completed", "basically_completed", "partially_completed", "in_progress", "long_term"]
STATED_KEYS = (
    _LEVELS
    + _STATES
    + [f"{noun}_{state}" for noun in ("tasks", "measures") for state in _STATES]
    + ["completion_rate", "rules_made", "rules_revised", "money_recovered", "clues"]
)


@pytest.mark.parametrize("key", STATED_KEYS)
def test_every_stated_count_has_a_label_in_both_languages(key: str) -> None:
    zh, en = both(f"view.stated.{key}")
    assert re.search(r"[\u4e00-\u9fff]", zh) and english_sentences(zh) == []
    assert re.fullmatch(r"[a-z -]+", en), en
    assert stated_label(key) == zh


def test_the_description_of_stated_counts_names_only_labelled_keys() -> None:
    description = ReportSummary.model_fields["stated_counts"].description or ""
    named = set(re.findall(r"\b[a-z]+(?:_[a-z]+)*\b", description)) & {k.split("_")[-1] for k in STATED_KEYS}
    assert named  # the description still lists the keys
    for key in STATED_KEYS:
        assert key.split("_")[-1] in description or key.startswith(("tasks_", "measures_")), key
