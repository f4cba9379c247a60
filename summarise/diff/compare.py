"""Two summaries in, one DiffResult out: problems, outstanding items, figures, counts, metadata, warnings."""

from __future__ import annotations

import re

from ..evidence import check
from ..i18n import say
from ..models import ReportSummary
from ..render import META_FIELDS as ALL_META_FIELDS
from .figures import compare_counts, compare_figures
from .match import Corpus, grams
from .models import (
    DeadlineShift,
    DiffOptions,
    DiffResult,
    DiffTotals,
    DiffWarning,
    MetaField,
    OutstandingState,
    ProblemState,
    SourceRef,
)
from .outstanding import reference_date, track
from .problems import match_problems, units

# The meta fields set side by side: all but the title (docs/diff.md: unit, group, round, dates, issuer).
META_FIELDS = tuple(name for name in ALL_META_FIELDS if name != "title")


def diff_summaries(old: ReportSummary, new: ReportSummary, options: DiffOptions | None = None) -> DiffResult:
    options = options or DiffOptions()
    old_units, new_units = units(old), units(new)
    # One IDF for short texts (names, headings, outstanding items), one for long ones (measure text):
    # a bigram that is rare among names may be everywhere in the prose, and the other way round.
    names = Corpus(
        [u.name for u in old_units + new_units]
        + [u.context for u in old_units + new_units if u.context]
        + [o.item for o in old.outstanding + new.outstanding]
    )
    bodies = Corpus(m.evidence.quote or m.text for u in old_units + new_units for m in u.measures)

    same_unit, unit_warning = _same_unit(old, new, options)
    # Two different units share the genre's stock tasks (强化政治理论学习 / 全面加强政治理论学习): at the
    # usual threshold those pair as if recurring. Across units only near-identical wording may pair.
    threshold = options.threshold
    if same_unit is False:
        threshold = max(threshold, options.mismatch_threshold)
    problems, pairs = match_problems(old_units, new_units, names, bodies, options, threshold)
    outstanding = track(old, new, new_units, names, options)
    figures, ambiguous = compare_figures(old_units, new_units, pairs)

    warnings: list[DiffWarning] = []
    if unit_warning:
        warnings.append(unit_warning)
    warnings += _date_warnings(old, new)
    for side, summary in (("diff.old_report", old), ("diff.new_report", new)):
        broken = check(summary)
        if broken:
            warnings.append(warning("evidence_mismatch", side=say(side), count=len(broken)))
    if old.engine.name != new.engine.name:
        warnings.append(warning("engine_mismatch", old=old.engine.name, new=new.engine.name))
    if ambiguous:
        warnings.append(warning("figures_ambiguous", count=ambiguous))
    if old.source.sha256 == new.source.sha256:
        warnings.append(warning("same_input"))

    recurring = [p for p in problems if p.state == ProblemState.recurring]
    shifts = [o.deadline_change.shift for o in outstanding if o.deadline_change]
    totals = DiffTotals(
        recurring=len(recurring),
        changed=sum(bool(p.changes) for p in recurring),
        unchanged=sum(not p.changes for p in recurring),
        new=sum(p.state == ProblemState.new for p in problems),
        dropped=sum(p.state == ProblemState.dropped for p in problems),
        reported_done_before=sum(p.reported_done_before for p in problems),
        closed=sum(o.state == OutstandingState.closed for o in outstanding),
        open=sum(o.state == OutstandingState.open for o in outstanding),
        not_mentioned=sum(o.state == OutstandingState.not_mentioned for o in outstanding),
        overdue=sum(bool(o.overdue) for o in outstanding),
        figures_changed=sum(f.change != 0 for f in figures),
        postponed=shifts.count(DeadlineShift.postponed),
        advanced=shifts.count(DeadlineShift.advanced),
        deadline_removed=shifts.count(DeadlineShift.removed),
        deadline_added=shifts.count(DeadlineShift.added),
    )
    return DiffResult(
        old=old.meta,
        new=new.meta,
        old_source=_source(old),
        new_source=_source(new),
        same_unit=same_unit,
        meta=[
            MetaField(
                field=f,
                old=getattr(old.meta, f),
                new=getattr(new.meta, f),
                same=getattr(old.meta, f) == getattr(new.meta, f),
            )
            for f in META_FIELDS
        ],  # fmt: skip
        totals=totals,
        pairing_threshold=threshold,
        problems=problems,
        outstanding=outstanding,
        figures=figures,
        counts=compare_counts(old, new),
        warnings=warnings,
        options=options,
    )


def warning(code: str, **params: str | int | float) -> DiffWarning:
    """A warning whose message is `diff.warn.<code>` in the language in force."""
    return DiffWarning(code=code, message=say(f"diff.warn.{code}", **params), params=params)


def _source(summary: ReportSummary) -> SourceRef:
    s = summary.source
    return SourceRef(path=s.path, sha256=s.sha256, chars=s.chars, engine=summary.engine.name)


# Words that name the kind of organisation rather than which one: 中共…工作委员会, 党工委, 党组.
_ORG_WORDS = re.compile(r"中国共产党|中共|工作委员会|委员会|党工委|党委|党组|工委|管委会|管理委员会")
_SYNONYMS = [
    (re.compile(r"高新技术产业(?:开发区|园区)|高新技术开发区|高新技术产业区"), "高新区"),
    (re.compile(r"经济技术开发区"), "经开区"),
    (re.compile(r"特别合作区"), "合作区"),
]
# Two unit names this similar (Dice of bigrams on the normalised names) are taken as the same unit.
SAME_UNIT = 0.75


def unit_names(summary: ReportSummary) -> list[str]:
    """The unit as this notice names it: the inspected unit and the signing organisation, normalised."""
    names = []
    for raw in (summary.meta.unit, summary.meta.issuer):
        if not raw:
            continue
        name = _ORG_WORDS.sub("", raw)
        for pattern, short in _SYNONYMS:
            name = pattern.sub(short, name)
        if name:
            names.append(name)
    return names


def _dice(a: str, b: str) -> float:
    ga, gb = set(grams(a)), set(grams(b))
    return 2 * len(ga & gb) / (len(ga) + len(gb)) if ga and gb else 0.0


def _same_unit(
    old: ReportSummary, new: ReportSummary, options: DiffOptions
) -> tuple[bool | None, DiffWarning | None]:
    if options.same_unit is not None:
        return options.same_unit, None
    a, b = unit_names(old), unit_names(new)
    if not a or not b:
        return None, warning("unit_unknown")
    # The best pair of names decides: a unit may be abbreviated in one place (高新区党工委) and given in
    # full in the other (中共河源市高新区工作委员会).
    best = max(_dice(x, y) for x in a for y in b)
    if best >= SAME_UNIT:
        return True, None
    return False, warning(
        "unit_mismatch",
        old=old.meta.unit or a[0],
        new=new.meta.unit or b[0],
        threshold=max(options.threshold, options.mismatch_threshold),
    )


def _date_warnings(old: ReportSummary, new: ReportSummary) -> list[DiffWarning]:
    out = []
    a, b = reference_date(old), reference_date(new)
    if b is None:
        if old.outstanding:
            out.append(warning("new_date_unknown"))
    elif a is not None and a > b:
        out.append(warning("dates_reversed", old=a, new=b))
    return out
