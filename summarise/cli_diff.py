"""CLI commands for the diff feature (registered on the main app by cli.py): `diff` and `diff-schema`."""

from __future__ import annotations

from typing import Annotated

import typer

from .cli_common import (
    BaseUrlOpt,
    ConcurrencyOpt,
    EncodingOpt,
    EngineOpt,
    LangOpt,
    MaxBytesOpt,
    ModelOpt,
    ModeOpt,
    OutputOpt,
    emit,
    errors,
    settings_from,
)
from .i18n import say


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command(name="diff", help=say("diff.help"))(diff)
    app.command(name="diff-schema", help=say("diff.help.schema"))(diff_schema)


def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help=say("diff.help.old"))],
    new: Annotated[str, typer.Argument(metavar="NEW", help=say("diff.help.new"))],
    fmt: Annotated[str, typer.Option("--format", "-f", help=say("diff.help.format"))] = "text",
    output: OutputOpt = None,
    threshold: Annotated[
        float, typer.Option("--threshold", min=0.0, max=1.0, help=say("diff.help.threshold"))
    ] = 0.5,
    mismatch_threshold: Annotated[
        float,
        typer.Option("--mismatch-threshold", min=0.0, max=1.0, help=say("diff.help.mismatch_threshold")),
    ] = 0.75,
    show_all: Annotated[bool, typer.Option("--all", help=say("diff.help.all"))] = False,
    lang: LangOpt = None,
    engine: EngineOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: ModeOpt = None,
    concurrency: ConcurrencyOpt = None,
    encoding: EncodingOpt = None,
    max_bytes: MaxBytesOpt = None,
) -> None:
    # errors(lang): everything said from here on (warnings, labels, errors) is in the run's language.
    with errors(lang):
        from .errors import UsageError

        if old == "-" and new == "-":
            raise UsageError(say("diff.err.two_stdin"))
        from .diff import DiffOptions, diff_summaries
        from .diff.load import load_side
        from .diff.render import diff_views

        views = diff_views(show_all=show_all)
        views.check(fmt)
        settings = settings_from(
            lang=lang,
            engine=engine,
            model=model,
            base_url=base_url,
            mode=mode,
            concurrency=concurrency,
            encoding=encoding,
            max_bytes=max_bytes,
        )
        options = DiffOptions(threshold=threshold, mismatch_threshold=mismatch_threshold)
        result = diff_summaries(load_side(old, settings), load_side(new, settings), options)
        emit(views.render(result, fmt), output)


def diff_schema(output: OutputOpt = None, lang: LangOpt = None) -> None:
    with errors(lang):
        from .diff.models import diff_schema_json

        emit(diff_schema_json(), output)
