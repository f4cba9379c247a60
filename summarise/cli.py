"""The command line: thin commands over typer-free modules; errors become one line and an exit code."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from . import __version__, cli_bulk, cli_diff
from .cli_common import (
    BaseUrlOpt,
    ConcurrencyOpt,
    DryRunOpt,
    EncodingOpt,
    EngineOpt,
    MaxBytesOpt,
    ModelOpt,
    ModeOpt,
    OutputOpt,
    RpmOpt,
    TpmOpt,
    check_dry_run,
    emit,
    err,
    errors,
    settings_from,
)
from .models import ReportSummary

app = typer.Typer(
    name="summarise",
    help="Structured, checkable summaries of 巡察/巡视整改进展情况 notices. Offline by default (rules engine).",
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
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """summarise: report / bulk / diff / search / eval."""


def render_summary(summary: ReportSummary, fmt: str, output: Path | None) -> None:
    from .render.views import SUMMARY_VIEWS

    if fmt == "text" and output is None:
        from .fileio import stdout_errors
        from .render.terminal import render as render_text

        with stdout_errors():
            render_text(summary, Console())  # in colour, as wide as the terminal
    else:
        emit(SUMMARY_VIEWS.render(summary, fmt), output)


@app.command()
def report(
    file: Annotated[str, typer.Argument(help="Report file (txt/html/pdf/docx), or - for stdin.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, md, json or html.")] = "text",
    output: OutputOpt = None,
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
) -> None:
    """Summarise one report."""
    with errors():
        from .api import summarise_document
        from .ingest import read_path
        from .render.views import SUMMARY_VIEWS

        if not dry_run:
            SUMMARY_VIEWS.check(fmt)
        settings = settings_from(
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
        render_summary(summary, fmt, output)
        if summary.engine.name == "llm" and summary.engine.usage:
            from .llm import format_usage

            err.print(format_usage(summary.engine.usage), markup=False, highlight=False, soft_wrap=True)


@app.command()
def schema(
    output: OutputOpt = None,
) -> None:
    """Print the JSON Schema of the summary."""
    with errors():
        from .schema_export import summary_schema_json

        emit(summary_schema_json(), output)


@app.command(name="eval")
def eval_(
    gold_dir: Annotated[Path, typer.Option("--gold", help="Folder of gold JSON files.")] = Path("tests/gold"),
    seeds_dir: Annotated[
        Path, typer.Option("--seeds", help="Folder of the reports the gold describes.")
    ] = Path("seeds"),
    engine: EngineOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Compare summaries of the seeds with hand-annotated gold: precision/recall per field."""
    with errors():
        from .evaluate import evaluate_dir, render_scores

        settings = settings_from(engine=engine, model=model, base_url=base_url)
        scores = evaluate_dir(gold_dir, seeds_dir, settings)
        emit(render_scores(scores, fmt), None)


for _module in (cli_bulk, cli_diff):
    _module.register(app)


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
