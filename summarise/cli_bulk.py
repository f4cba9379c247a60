"""CLI commands for the bulk feature (registered on the main app by cli.py): `bulk` and `search`.

Thin: parse flags, call summarise.archive, map the outcome to an exit code. Exit codes: 0 every file
summarised (or skipped as unchanged/duplicate); 1 some files failed (see OUT_DIR/errors.jsonl), or
`search` found nothing; 2 bad usage or input; 130 interrupted.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated

import typer

from .cli_common import (
    BaseUrlOpt,
    EngineOpt,
    MaxBytesOpt,
    ModelOpt,
    ModeOpt,
    emit,
    err,
    errors,
    settings_from,
)

EXIT_SOME_FAILED = 1
EXIT_NO_MATCH = 1


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command(name="bulk")(bulk)
    app.command(name="search")(search)


def bulk(
    in_dir: Annotated[
        Path, typer.Argument(help="Folder of reports (txt, html, pdf, docx), searched recursively.")
    ],
    out_dir: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="Folder for the summaries, index.sqlite, overview.csv, errors.jsonl."
        ),
    ],
    engine: EngineOpt = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", min=1, help="Processes for the rules engine (default: all cores)."),
    ] = None,
    concurrency: Annotated[
        int | None,
        typer.Option(
            "--concurrency", min=1, help="LLM engine: reports in flight at once. Env: SUMMARISE_CONCURRENCY."
        ),
    ] = None,
    glob: Annotated[
        list[str] | None,
        typer.Option(
            "--glob",
            help="Only files whose path ends like this pattern, e.g. '*.html' or '2023/*.txt'; repeatable.",
        ),
    ] = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: ModeOpt = None,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="Force one input encoding for every file (e.g. gb18030).")
    ] = None,
    max_bytes: MaxBytesOpt = None,
    force: Annotated[
        bool, typer.Option("--force", help="Summarise every file again, even when a matching summary exists.")
    ] = False,
    retry_failed: Annotated[
        bool,
        typer.Option(
            "--retry-failed", help="Retry files that failed as unreadable or not a report in an earlier run."
        ),
    ] = False,
    file_seconds: Annotated[
        float | None,
        typer.Option(
            "--file-seconds",
            min=1,
            help="Rules engine: a file that takes longer is stopped and recorded as a timeout (default 300).",
        ),
    ] = None,
) -> None:
    """Summarise every report under IN_DIR into OUT_DIR; rerun to resume, only new or changed files are done."""
    from .archive import BulkOptions, run_bulk

    with errors():
        settings = settings_from(
            engine=engine,
            model=model,
            base_url=base_url,
            mode=mode,
            concurrency=concurrency,
            encoding=encoding,
            max_bytes=max_bytes,
        )
        options = BulkOptions(
            workers=workers, patterns=tuple(glob or ()), force=force, retry_failed=retry_failed
        )
        if file_seconds is not None:
            options = dataclasses.replace(options, file_seconds=file_seconds)
        tally = run_bulk(in_dir, out_dir, settings, options)
    if tally.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


def search(
    query: Annotated[
        str, typer.Argument(help="Words that must all occur in one problem or measure, e.g. 公务用车.")
    ],
    index: Annotated[
        Path,
        typer.Option(
            "--index", "-i", envvar="SUMMARISE_INDEX", help="index.sqlite written by `summarise bulk`."
        ),
    ],
    unit: Annotated[str | None, typer.Option("--unit", help="Only units whose name contains this.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many problems.")] = 100,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, json or csv.")] = "text",
) -> None:
    """List the problems across the archive whose heading or measures mention QUERY."""
    from .archive import search as run_search
    from .archive.present import SEARCH_VIEWS, summary_line

    with errors():
        SEARCH_VIEWS.check(fmt)
        result = run_search(index, query, limit=limit, unit=unit)
        emit(SEARCH_VIEWS.render(result, fmt), None)
        err.print(summary_line(result), markup=False, highlight=False)
    if not result.total:
        raise typer.Exit(EXIT_NO_MATCH)
