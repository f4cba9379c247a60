"""Views of a ReportSummary: terminal text, Markdown, JSON (and HTML, see render/html.py).

This module is what every view shares (labels, the JSON view, the format registry); the views of a
summary by format name are in render/views.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Generic, TypeVar

from pydantic import BaseModel

from ..deadlines import overdue
from ..errors import UsageError
from ..i18n import Lang, current, say, use_lang
from ..messages import CATALOGUE
from ..models import Measure, Meta, ReportSummary, Status
from ..overview import rules_overview, status_breakdown

T = TypeVar("T")
K = TypeVar("K")


class Labels(Mapping[K, str], Generic[K]):
    """Labels read from the catalogue when they are looked up, so each follows the language in force."""

    def __init__(self, keys: tuple[K, ...], prefix: str) -> None:
        self._keys = keys
        self._prefix = prefix

    def __getitem__(self, key: K) -> str:
        if key not in self._keys:
            raise KeyError(key)
        return say(self._prefix + str(key))

    def __iter__(self) -> Iterator[K]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


STATUS_LABELS: Labels[Status] = Labels(tuple(Status), "view.status.")
STATUS_ZH = STATUS_LABELS  # the name the diff and archive views import

# The meta fields, in Meta's order (the reading order): every view, the diff, the archive index and
# overview.csv take the field list from here: the text fields. The rest (`evidence`, `dates_inferred`,
# `dates_reconstructed`, the lists of inspectors, units and villages, `round_level`) are about them.
META_FIELDS: tuple[str, ...] = tuple(
    name for name, info in Meta.model_fields.items() if info.annotation == str | None
)
# Their labels, shared by every view (a test checks that each field has one).
META_ZH: Labels[str] = Labels(META_FIELDS, "view.meta.")
# Meta's lists, shown after the text fields when they hold more than the text field already names.
META_LISTS: tuple[str, ...] = ("inspectors", "units", "villages")


def meta_labels() -> list[tuple[str, str]]:
    return [(name, META_ZH[name]) for name in META_FIELDS]


def status_label(status: Status) -> str:
    return STATUS_LABELS[status]


def stated_label(key: str) -> str:
    """The label of a stated count (models.ReportSummary.stated_counts lists the keys)."""
    name = f"view.stated.{key}"
    return say(name) if name in CATALOGUE else key


def found_label(key: str) -> str:
    name = f"view.found.{key}"
    return say(name) if name in CATALOGUE else key


def meta_lists(meta: Meta) -> list[tuple[str, list[str]]]:
    """Meta's lists worth a row: more than one inspection group or unit, any villages."""
    rows = []
    for name in META_LISTS:
        values = getattr(meta, name)
        if len(values) > 1 or (name == "villages" and values):
            rows.append((say(f"view.meta.{name}"), values))
    return rows


def display_title(summary: ReportSummary) -> str:
    """The one title of a summary in every view: the notice's own, else one made from its unit."""
    m = summary.meta
    if m.title:
        return " ".join(strip_controls(m.title).split())
    unit = m.unit or (m.units[0] if len(m.units) == 1 else None)
    if unit:
        return say("view.title.of_unit", unit=" ".join(strip_controls(unit).split()))
    return say("view.title.default")


def parse_as_of(raw: str | None) -> date:
    """--as-of: an ISO day, or today when not given; anything else is a UsageError."""
    if raw is None:
        return date.today()
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise UsageError(say("view.bad_as_of", value=raw)) from None


@dataclass(frozen=True)
class ViewOptions:
    """How a reader asked to see a result: the day deadlines are judged on, whole measures, offsets,
    the language. Views that have no use for an option ignore it."""

    as_of: date = field(default_factory=date.today)
    full: bool = False
    offsets: bool = False
    lang: Lang | None = None  # None: the language in force


# Report text is untrusted: a web copy can carry terminal escape sequences (ESC [ 5 m, an OSC 8 link)
# and markup. Whole ESC sequences go first, so no "[5m" residue is left, then any other control.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, blinking
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: window titles, hyperlinks
    r"|\x1b[ -/]*[0-~]"  # the rest: resets, character sets
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """Text safe to print on a terminal: no escape sequences, no control characters (\n and \t stay)."""
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def md_escape(text: str) -> str:
    """Report text as Markdown that cannot become markup or break a table row: HTML entity-escaped
    (renderers that pass raw HTML through ignore backslashes), Markdown punctuation backslash-escaped."""
    text = " ".join(strip_controls(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "\\|*_`[]#":
        text = text.replace(ch, "\\" + ch)
    return text


def to_json(result: BaseModel) -> str:
    return result.model_dump_json(indent=2) + "\n"


class Views(Generic[T]):
    """The views of one kind of result by format name, in the order `choose …` lists them.

    The one format dispatch: `report` (render/views.py), `diff` (diff/render.py) and `search`
    (archive/present.py) each hold one of these, so the CLI checks and renders every format alike.
    A view takes the result alone, or (with `with_options`) the result and the reader's ViewOptions;
    every view is rendered in the options' language.
    """

    def __init__(self, views: Mapping[str, Callable[[T], str]]) -> None:
        self._views: dict[str, Callable[[T, ViewOptions], str]] = {
            fmt: _ignoring_options(view) for fmt, view in views.items()
        }

    @classmethod
    def with_options(cls, views: Mapping[str, Callable[[T, ViewOptions], str]]) -> Views[T]:
        made = cls({})
        made._views = dict(views)
        return made

    @property
    def formats(self) -> tuple[str, ...]:
        return tuple(self._views)

    def check(self, fmt: str) -> None:
        """Raise UsageError for a format there is no view in, before any work is done."""
        if fmt not in self._views:
            raise UsageError(say("view.unknown_format", fmt=fmt, choices=", ".join(self._views)))

    def render(self, result: T, fmt: str, options: ViewOptions | None = None) -> str:
        self.check(fmt)
        options = options or ViewOptions()
        with use_lang(options.lang or current()):
            return self._views[fmt](result, options)


def _ignoring_options(view: Callable[[T], str]) -> Callable[[T, ViewOptions], str]:
    def render(result: T, options: ViewOptions) -> str:
        return view(result)

    return render


def measure_deadline(measure: Measure, as_of: date | None) -> str:
    """（时限 2021-06-30，逾期） after a measure that states its own deadline; "" for one that does not."""
    if measure.deadline is None:
        return ""
    late = overdue(measure.deadline, measure.status, as_of)
    return say("view.measure_deadline_late" if late else "view.measure_deadline", date=measure.deadline)


def counts_line(summary: ReportSummary) -> str:
    f = summary.found_counts
    line = say("view.counts", areas=f.get("areas", 0), items=f.get("items", 0), problems=f.get("problems", 0))
    stated = summary.stated_counts
    if stated:
        parts = [
            say("view.stated.pair", label=stated_label(k), value=strip_controls(v.text + (v.unit or "")))
            for k, v in stated.items()
        ]
        line += say("view.counts.stated", parts=say("view.sep").join(parts))
    covered = summary.coverage.get("final", summary.coverage.get("outline"))
    if covered is not None and covered < 0.9:
        # Text of the problems part that no entry covers may hold problems this summary does not list.
        line += say("view.counts.coverage", share=f"{covered:.0%}")
    return line


def statuses(summary: ReportSummary) -> list[tuple[Status, int]]:
    """The problems by status, in Status order: the overview's breakdown, counted again if it has none."""
    counts = summary.overview.statuses if summary.overview else status_breakdown(summary)
    return [(s, counts.get(s.value, 0)) for s in Status]


def overview_text(summary: ReportSummary) -> str:
    return summary.overview.text if summary.overview else rules_overview(summary).text


def figure_text(label: str, text: str, direction: str | None) -> str:
    """A figure as a view shows it: what is counted, the number as written, and which way it moved."""
    return f"{label} {text}" + (say(f"view.dir.{direction}") if direction else "")
