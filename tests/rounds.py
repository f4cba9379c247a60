"""A later round of a notice, made by editing its text: the edits a real next round of one unit carries.

`later_round(text)` returns the edited text and a record of what was changed, so a test can ask the
stored diff to find exactly those edits and nothing else:

- the signing organisation written another way (中共X工作委员会 → X党工委, 中共X委员会 → X党委, or back),
  with a common short form swapped where the name has one (高新技术产业开发区 ↔ 高新区, 特别合作区 → 合作区);
- the dates of the inspection, feedback and signature moved two years later;
- two problems dropped, one added (numbered after its last sibling, in the siblings' numbering style);
- one outstanding item's deadline postponed a year, when the notice states deadlines;
- one figure changed.

Every place is found in the text itself (the notice's own summary says where its problems, figures
and deadlines are; the names and dates are searched for), never at offsets known for a sample.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from summarise.api import summarise_document
from summarise.diff.figures import label_key
from summarise.diff.problems import Unit, units
from summarise.ingest import from_bytes
from summarise.models import Figure, ReportSummary
from summarise.settings import Settings

YEARS = 2
SHORT_FORMS = (
    ("高新技术产业开发区", "高新区"),
    ("高新技术产业园区", "高新区"),
    ("特别合作区", "合作区"),
    ("高新区", "高新技术产业开发区"),
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*[年\-/.])")
_NUMBERING = re.compile(r"^([（(]?)(\d+|[一二三四五六七八九十]+)([)）.．、]?)")
_NUMERALS = "一二三四五六七八九十"
_SECTION = re.compile(r"\n\s*[一二三四五六七八九十]+、")
ADDED_NAME = "档案管理制度执行不严格、资料归档滞后"
ADDED_BODY = (
    "针对档案管理制度执行不严格、资料归档滞后的问题，已修订档案管理办法，完成历年档案资料的清理归档，"
    "建立档案借阅登记台账，每季度开展一次档案管理检查。"
)


@dataclass
class Edits:
    issuer: tuple[str, str] | None = None  # (as the sample signs, as the copy signs)
    dates_moved: int = 0
    dropped: list[str] = field(default_factory=list)  # the problems' titles as the sample gives them
    added: str | None = None
    postponed: tuple[str, str, str] | None = None  # (item, old deadline as written, new)
    figure: tuple[str, str, str] | None = None  # (label, old as written, new)


def summarise_text(text: str, name: str = "notice.txt") -> ReportSummary:
    return summarise_document(from_bytes(text.encode("utf-8"), name=name), Settings())


def later_round(text: str, name: str = "notice.txt") -> tuple[str, Edits]:
    summary = summarise_text(text, name)
    edits = Edits()
    changes: list[tuple[int, int, str]] = []  # (start, end, replacement) on the sample's text
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    def change(start: int, end: int, new: str) -> None:
        assert free(start, end), (start, end)
        taken.append((start, end))
        changes.append((start, end, new))

    problems = units(summary)
    blocks = _blocks(summary, problems, text)

    # Two problems dropped and one added, at the end of one list (the last with three or more), so the
    # numbering stays unbroken whether it restarts in every list or runs on through the notice.
    parents = _parents(problems)
    kids = next((k for k in reversed(list(parents.values())) if len(k) >= 3), None)
    assert kids is not None, "the notice needs a list of three or more problems"
    dropped = kids[-2:]
    start, end = blocks[id(dropped[0])][0], blocks[id(dropped[1])][1]
    change(start, end, "")
    edits.dropped = [u.ref.title for u in dropped]
    heading = _next_heading(kids[-3].ref.evidence.quote, ADDED_NAME)
    change(end, end, f"{heading}\n{ADDED_BODY}\n")
    edits.added = _NUMBERING.sub("", heading).rstrip("。")

    # One figure changed: a label the report uses once, in a problem that stays.
    figure = _figure(problems, dropped, free)
    if figure is not None:
        f = figure
        at = f.evidence.quote.rfind(f.text)
        m = re.search(r"\d+", f.text)
        assert at >= 0 and m is not None
        old = int(m.group(0))
        new = old + max(1, round(old * 0.2))
        start = f.evidence.start + at + m.start()
        change(start, start + len(m.group(0)), str(new))
        edits.figure = (f.label, f.text, f.text.replace(m.group(0), str(new), 1))

    # One deadline postponed a year, when the notice gives deadlines.
    for item in summary.outstanding:
        ev = item.deadline_evidence
        if ev is None or not free(ev.start, ev.end):
            continue
        m = _YEAR.search(ev.quote)
        if m is None:
            continue
        start = ev.start + m.start()
        change(start, start + 4, str(int(m.group(1)) + 1))
        new_quote = ev.quote[: m.start()] + str(int(m.group(1)) + 1) + ev.quote[m.end() :]
        edits.postponed = (item.item, ev.quote, new_quote)
        break

    # The signing organisation written another way.
    issuer = summary.meta.issuer
    if issuer:
        at = text.rfind(issuer)
        if at >= 0 and free(at, at + len(issuer)):
            other = rename(issuer)
            change(at, at + len(issuer), other)
            edits.issuer = (issuer, other)

    # The dates two years on: the opening (up to the first area) and the signature.
    first_area = min((a.evidence.start for a in summary.areas), default=len(text))
    regions = [(0, first_area)]
    if edits.issuer:
        regions.append((text.rfind(edits.issuer[0]), len(text)))
    for lo, hi in regions:
        for m in _YEAR.finditer(text, lo, hi):
            if free(m.start(), m.end()):
                change(m.start(), m.end(), str(int(m.group(1)) + YEARS))
                edits.dates_moved += 1

    out = text
    for start, end, new in sorted(changes, key=lambda c: (c[0], c[1]), reverse=True):
        out = out[:start] + new + out[end:]
    return out, edits


def rename(name: str) -> str:
    """中共X工作委员会 → X党工委, 中共X委员会 → X党委, X党委 → 中共X委员会; and one short form swapped."""
    if name.startswith("中共") and name.endswith("工作委员会"):
        out = name[2 : -len("工作委员会")] + "党工委"
    elif name.startswith("中共") and name.endswith("委员会"):
        out = name[2 : -len("委员会")] + "党委"
    elif name.endswith("党委"):
        out = "中共" + name[: -len("党委")] + "委员会"
    else:
        out = name
    for long, short in SHORT_FORMS:
        if long in out:
            return out.replace(long, short, 1)
    return out


def _parents(problems: list[Unit]) -> dict[str, list[Unit]]:
    """Problems by the list they sit in: an area's items, or an item's sub-problems."""
    out: dict[str, list[Unit]] = {}
    for u in problems:
        parent = u.ref.path.rsplit(".", 1)[0]
        out.setdefault(parent, []).append(u)
    return out


def _blocks(summary: ReportSummary, problems: list[Unit], text: str) -> dict[int, tuple[int, int]]:
    """Each problem's text: from its heading to the next heading of any kind or the next section."""
    starts = sorted(
        {a.evidence.start for a in summary.areas}
        | {i.evidence.start for a in summary.areas for i in a.items}
        | {p.evidence.start for a in summary.areas for i in a.items for p in i.problems}
        | {o.evidence.start for o in summary.outstanding}
        | {t.evidence.start for t in (*summary.organisation, *summary.next_steps)}
        | {m.start() + 1 for m in _SECTION.finditer(text)}
        | {len(text)}
    )
    out = {}
    for u in problems:
        start = _line_start(text, u.ref.evidence.start)
        end = next(s for s in starts if s > u.ref.evidence.start)
        out[id(u)] = (start, _line_start(text, end))
    return out


def _line_start(text: str, at: int) -> int:
    """A heading's line from its beginning, so indentation goes with it."""
    line = text.rfind("\n", 0, at) + 1
    return line if not text[line:at].strip() else at


def _next_heading(quote: str, name: str) -> str:
    m = _NUMBERING.match(quote.strip())
    if m is None:
        return f"关于“{name}”的问题。"
    left, number, right = m.groups()
    if number.isdigit():
        nxt = str(int(number) + 1)
    else:
        nxt = (
            _NUMERALS[_NUMERALS.index(number[-1]) + 1]
            if len(number) == 1 and number != "十"
            else number + "一"
        )
    body = quote.strip()[m.end() :]
    if "关于“" in body:
        return f"{left}{nxt}{right}关于“{name}”的整改情况。"
    if body.startswith("针对"):
        return f"{left}{nxt}{right}针对{name}的问题。"
    return f"{left}{nxt}{right}严格落实档案管理制度。"


def _figure(problems: list[Unit], dropped: list[Unit], free: Callable[[int, int], bool]) -> Figure | None:
    keys: dict[tuple[str, str | None], int] = {}
    seen: set[tuple[int, int]] = set()
    occurrences = []
    for u in problems:
        for f in u.figures:
            span = (f.evidence.start, f.evidence.end)
            key = label_key(f.label)
            if span in seen or key is None:
                continue
            seen.add(span)
            keys[(key, f.unit)] = keys.get((key, f.unit), 0) + 1
            occurrences.append((u, f, (key, f.unit)))
    for u, f, key in occurrences:
        if u in dropped or keys[key] != 1 or not re.search(r"\d", f.text) or f.text not in f.evidence.quote:
            continue
        if free(f.evidence.start, f.evidence.end):
            return f
    return None
