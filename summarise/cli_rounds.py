"""`summarise rounds OUT`: the units of an archive with more than one notice, and their diffs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .cli_common import LangOpt, OutputOpt, emit, errors
from .i18n import say

if TYPE_CHECKING:
    from .archive.rounds import RoundsResult

FORMATS = ("text", "json")


def register(app: typer.Typer) -> None:
    app.command(name="rounds", help=say("units.help.command"))(rounds)


def rounds(
    out: Annotated[Path, typer.Argument(metavar="OUT", help=say("units.help.out"))],
    fmt: Annotated[str, typer.Option("--format", "-f", help=say("units.help.format"))] = "text",
    aliases: Annotated[Path | None, typer.Option("--aliases", help=say("units.help.aliases"))] = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    with errors(lang):
        from .archive.rounds import as_dict, update_rounds
        from .errors import UsageError

        if fmt not in FORMATS:
            raise UsageError(say("units.err.format", formats=", ".join(FORMATS), fmt=fmt))
        result = update_rounds(out, aliases)
        if fmt == "json":
            text = json.dumps(as_dict(result), ensure_ascii=False, indent=2) + "\n"
        else:
            text = render_text(result)
        emit(text, output)


def render_text(result: RoundsResult) -> str:
    lines: list[str] = []
    unknown = say("units.text.unknown_date")
    for unit in result.units:
        lines.append(say("units.text.unit", name=unit.name, count=len(unit.notices)))
        lines.append(say("units.text.key", key=unit.key))
        n = 0
        order: dict[str, int] = {}
        for notice in unit.notices:
            if notice.sha256 in unit.copy_of:
                lines.append(say("units.text.copy", path=notice.path))
                continue
            if not notice.dated:
                lines.append(say("units.text.undated", path=notice.path))
                continue
            n += 1
            order[notice.sha256] = n
            start, end = notice.inspection_start, notice.inspection_end
            period = f"{start or unknown}—{end}" if end else (start or unknown)
            lines.append(
                say(
                    "units.text.notice",
                    n=n,
                    period=period,
                    feedback=notice.feedback_date or unknown,
                    published=notice.published_date or unknown,
                    path=notice.path,
                )
            )
        for pair in unit.diffs:
            lines.append(
                say("units.text.pair", a=order[pair.old.sha256], b=order[pair.new.sha256], **pair.totals)
            )
            lines.append(say("units.text.diff_file", path=pair.path))
        lines.append("")
    if not result.units:
        lines.append(say("units.text.none"))
    diffs = sum(len(u.diffs) for u in result.units)
    lines.append(
        say(
            "units.text.total",
            units=len(result.units),
            keyed=result.keyed,
            diffs=diffs,
            computed=result.computed,
            reused=result.reused,
            removed=result.removed,
        )
    )
    if result.unkeyed:
        reasons = say("units.text.sep").join(
            say(f"units.reason.{reason}", n=n) for reason, n in sorted(result.unkeyed.items())
        )
        lines.append(say("units.text.unkeyed", count=sum(result.unkeyed.values()), reasons=reasons))
    return "\n".join(lines) + "\n"
