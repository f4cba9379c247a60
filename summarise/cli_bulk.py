"""CLI commands for the bulk feature (registered on the main app by cli.py): `bulk` and `search`.

Thin: parse flags, call summarise.archive, map the outcome to an exit code. Exit codes: 0 every file
summarised (or skipped as unchanged/duplicate); 1 some files failed (see OUT_DIR/errors.jsonl), or
were left pending because the LLM endpoint went down, or `search` found nothing; 2 bad usage or input; 130 interrupted.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated

import typer

from .cli_common import (
    BaseUrlOpt,
    DryRunOpt,
    EngineOpt,
    MaxBytesOpt,
    ModelOpt,
    ModeOpt,
    RpmOpt,
    TpmOpt,
    check_dry_run,
    emit,
    err,
    errors,
    settings_from,
)
from .settings import Settings

EXIT_SOME_FAILED = 1
EXIT_NO_MATCH = 1


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command(name="bulk")(bulk)
    app.command(name="search")(search)
    app.command(name="collect")(collect)


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
    rpm: RpmOpt = None,
    tpm: TpmOpt = None,
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
    dry_run: DryRunOpt = False,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="With --dry-run: the estimate as text or json.")
    ] = "text",
    batch: Annotated[
        bool,
        typer.Option(
            "--batch",
            help="LLM engine: submit the uncached chunks to the provider's Batch API; `summarise collect` finishes.",
        ),
    ] = False,
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
            rpm=rpm,
            tpm=tpm,
            encoding=encoding,
            max_bytes=max_bytes,
        )
        if dry_run:
            _estimate(in_dir, out_dir, settings, tuple(glob or ()), fmt)
            return
        if batch:
            _submit(in_dir, out_dir, settings, tuple(glob or ()))
            return
        options = BulkOptions(
            workers=workers, patterns=tuple(glob or ()), force=force, retry_failed=retry_failed
        )
        if file_seconds is not None:
            options = dataclasses.replace(options, file_seconds=file_seconds)
        tally = run_bulk(in_dir, out_dir, settings, options)
    if tally.failed or tally.pending:
        raise typer.Exit(EXIT_SOME_FAILED)


def _estimate(in_dir: Path, out_dir: Path, settings: Settings, patterns: tuple[str, ...], fmt: str) -> None:
    """--dry-run: the calls, tokens and cost over the archive; nothing is written, OUT_DIR included."""
    from .errors import InputError, UsageError
    from .llm.estimate import estimate_archive, render

    check_dry_run(settings, fmt)
    if not in_dir.is_dir():
        raise InputError(f"{in_dir}: not a folder (use `summarise report` for one file)")
    if in_dir.resolve() == out_dir.resolve():
        raise UsageError("OUT_DIR must be a different folder from IN_DIR")
    estimate = estimate_archive(in_dir, settings, patterns, exclude=[out_dir])
    emit(render(estimate, fmt, archive=True), None)
    for problem in estimate.problems[:10]:
        err.print(f"unreadable: {problem}", markup=False, highlight=False, soft_wrap=True)


def _submit(in_dir: Path, out_dir: Path, settings: Settings, patterns: tuple[str, ...]) -> None:
    """--batch: write, upload and create the batches (or resume a submit that was killed)."""
    from .errors import UsageError
    from .llm.batch import batch_dir, submit

    if settings.engine != "llm":
        raise UsageError("--batch needs --engine llm")
    done = submit(in_dir, out_dir, settings, patterns)
    verb = "resumed" if done.resumed else "submitted"
    err.print(
        f"batch: {verb} {done.lines} requests in {done.files} files ({done.uploaded} uploaded, "
        f"{done.created} batches created now); state in {batch_dir(out_dir)}; run `summarise collect {out_dir}`",
        markup=False,
        highlight=False,
    )


def collect(
    out_dir: Annotated[Path, typer.Argument(help="The output folder given to `summarise bulk --batch`.")],
    wait: Annotated[
        bool,
        typer.Option("--wait/--no-wait", help="Poll until every batch has finished (default), or look once."),
    ] = True,
    poll: Annotated[float, typer.Option("--poll", min=0.01, help="Seconds between polls.")] = 30.0,
) -> None:
    """Collect the batches of `bulk --batch` into the answer cache, then finish the bulk run from it."""
    from .archive import BulkOptions, run_bulk
    from .llm.batch import collect as run_collect
    from .llm.batch import load_state

    with errors():
        state = load_state(out_dir) or {}
        settings = settings_from(
            engine="llm", model=state.get("model"), base_url=state.get("base_url"), mode=state.get("mode")
        )
        got = run_collect(out_dir, settings, wait=wait, poll=poll)
        err.print(
            f"batch: {got.cached} answers cached, {got.invalid} invalid, {got.errors} errors, "
            f"{got.pending} of {got.batches} batches not finished",
            markup=False,
            highlight=False,
        )
        if got.pending:
            raise typer.Exit(EXIT_SOME_FAILED)
        options = BulkOptions(patterns=tuple(state.get("patterns") or ()))
        tally = run_bulk(Path(state["in_dir"]), out_dir, settings, options)
    if tally.failed or tally.pending:
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
