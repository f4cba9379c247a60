"""The command line: thin commands over typer-free modules; errors become one line and an exit code."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import __version__, cli_bulk, cli_diff, cli_ledger, cli_rounds, cli_serve
from .cli_chrome import Command, Group
from .cli_common import (
    BaseUrlOpt,
    ConcurrencyOpt,
    DryRunOpt,
    EncodingOpt,
    EngineOpt,
    LangOpt,
    MaxBytesOpt,
    ModelOpt,
    ModeOpt,
    OutputOpt,
    RpmOpt,
    TableOpt,
    TpmOpt,
    check_dry_run,
    emit,
    err,
    errors,
    settings_from,
)
from .i18n import say

if TYPE_CHECKING:  # the models (pydantic) are imported by the commands that need them, not for --help
    from .models import ReportSummary
    from .render import ViewOptions

# rich_markup_mode=None: typer's plain help and errors, in our words (cli_chrome), without importing rich.
app = typer.Typer(
    name="summarise",
    help=say("cli.app.help"),
    cls=Group,
    rich_markup_mode=None,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"summarise {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help=say("cli.app.version"))
    ] = False,
    lang: LangOpt = None,
) -> None:
    """summarise: report / bulk / diff / search / eval."""


def render_summary(
    summary: ReportSummary,
    fmt: str,
    output: Path | None,
    table: str | None = None,
    options: ViewOptions | None = None,
) -> None:
    from .ledger import LEDGER_FORMATS
    from .render.views import SUMMARY_VIEWS

    if fmt in LEDGER_FORMATS:
        from .ledger_write import report_ledger

        emit(report_ledger(summary, fmt, table), output)
    elif fmt == "text" and output is None:
        from rich.console import Console  # only the terminal view needs rich

        from .fileio import stdout_errors
        from .render.terminal import render as render_text

        with stdout_errors():
            render_text(summary, Console(), options)  # in colour, as wide as the terminal
    else:
        emit(SUMMARY_VIEWS.render(summary, fmt, options), output)


@app.command(help=say("cli.report.help"))
def report(
    file: Annotated[str, typer.Argument(metavar="FILE", help=say("cli.report.file"))],
    fmt: Annotated[str, typer.Option("--format", "-f", help=say("cli.report.format"))] = "text",
    output: OutputOpt = None,
    table: TableOpt = None,
    engine: EngineOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: ModeOpt = None,
    concurrency: ConcurrencyOpt = None,
    rpm: RpmOpt = None,
    tpm: TpmOpt = None,
    encoding: EncodingOpt = None,
    max_bytes: MaxBytesOpt = None,
    dry_run: DryRunOpt = False,
    lang: LangOpt = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", metavar="YYYY-MM-DD", help=say("view.help.as_of"))
    ] = None,
    full: Annotated[bool, typer.Option("--full", help=say("view.help.full"))] = False,
    offsets: Annotated[bool, typer.Option("--offsets", help=say("view.help.offsets"))] = False,
) -> None:
    with errors(lang):
        from .api import summarise_document
        from .ingest import read_path
        from .ledger import check_ledger
        from .render import ViewOptions, parse_as_of
        from .render.views import SUMMARY_VIEWS

        view_options = ViewOptions(as_of=parse_as_of(as_of), full=full, offsets=offsets)

        if not dry_run and not check_ledger(fmt, table, output):
            SUMMARY_VIEWS.check(fmt)
        settings = settings_from(
            lang=lang,
            engine=engine,
            model=model,
            base_url=base_url,
            mode=mode,
            concurrency=concurrency,
            rpm=rpm,
            tpm=tpm,
            encoding=encoding,
            max_bytes=max_bytes,
            dry_run=dry_run or None,
        )
        doc = read_path(file, settings.encoding, settings.max_bytes)
        if dry_run:
            from .llm.estimate import estimate_document, render

            check_dry_run(settings, fmt)
            emit(render(estimate_document(doc, settings), fmt, archive=False), output)
            return
        summary = summarise_document(doc, settings)
        render_summary(summary, fmt, output, table, view_options)
        if summary.engine.name == "llm" and summary.engine.usage:
            from .llm import format_usage

            err.print(format_usage(summary.engine.usage), markup=False, highlight=False, soft_wrap=True)


@app.command(help=say("cli.schema.help"))
def schema(
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    with errors(lang):
        from .schema_export import summary_schema_json

        emit(summary_schema_json(), output)


@app.command(name="eval", help=say("cli.eval.help"))
def eval_(
    gold_dir: Annotated[Path | None, typer.Option("--gold", help=say("cli.eval.gold"))] = None,
    seeds_dir: Annotated[Path | None, typer.Option("--seeds", help=say("cli.eval.seeds"))] = None,
    engine: EngineOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help=say("cli.eval.format"))] = "text",
    lang: LangOpt = None,
) -> None:
    with errors(lang):
        from .evaluate import evaluate_dir, render_scores

        settings = settings_from(lang=lang, engine=engine, model=model, base_url=base_url)
        scores = evaluate_dir(gold_dir, seeds_dir, settings)
        emit(render_scores(scores, fmt), None)


for _module in (cli_bulk, cli_diff, cli_ledger, cli_rounds, cli_serve):
    _module.register(app)
# Every command speaks the interface language in its usage line, help option and usage errors.
for _info in app.registered_commands:
    if _info.cls in (None, typer.core.TyperCommand):
        _info.cls = Command


def main(argv: list[str] | None = None) -> None:
    app(argv, prog_name="summarise")  # `python -m summarise` too shows the name users type


if __name__ == "__main__":  # pragma: no cover
    main()
