"""CLI commands for the bulk feature (registered on the main app by cli.py): `bulk` and `search`.

Thin: parse flags, call summarise.archive, map the outcome to an exit code (`bulk_exit_code`; the rule
is documented in docs/bulk.md, "Exit codes"): 0 every named file is summarised, or skipped as unchanged
or a duplicate, or is a failure an earlier run recorded that a rerun cannot change (unreadable, not a
report) and was reported then; 1 this run had a failure (new, or one a rerun may fix: a timeout, a
write, the engine) or left files pending, or `search` found nothing; 2 bad usage or input; 130
interrupted.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .cli_common import (
    BaseUrlOpt,
    DryRunOpt,
    EngineOpt,
    LangOpt,
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
from .i18n import say
from .settings import Settings

if TYPE_CHECKING:
    from .archive.tally import Tally

EXIT_SOME_FAILED = 1
EXIT_NO_MATCH = 1


def bulk_exit_code(tally: Tally) -> int:
    """0 when a rerun has nothing left to do but repeat what earlier runs reported; else 1."""
    fresh_failures = tally.failed - tally.known_failed
    return EXIT_SOME_FAILED if fresh_failures or tally.pending else 0


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command(name="bulk", help=say("cli.bulk.help"))(bulk)
    app.command(name="search", help=say("cli.search.help"))(search)
    app.command(name="collect", help=say("cli.collect.help"))(collect)


def bulk(
    in_dir: Annotated[Path, typer.Argument(metavar="IN_DIR", help=say("cli.bulk.in_dir"))],
    out_dir: Annotated[Path, typer.Option("--output", "-o", metavar="OUT_DIR", help=say("cli.bulk.out_dir"))],
    engine: EngineOpt = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", min=1, help=say("cli.bulk.workers")),
    ] = None,
    concurrency: Annotated[
        int | None,
        typer.Option("--concurrency", min=1, help=say("cli.bulk.concurrency")),
    ] = None,
    rpm: RpmOpt = None,
    tpm: TpmOpt = None,
    glob: Annotated[
        list[str] | None,
        typer.Option("--glob", help=say("cli.bulk.glob")),
    ] = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: ModeOpt = None,
    encoding: Annotated[str | None, typer.Option("--encoding", help=say("cli.bulk.encoding"))] = None,
    max_bytes: MaxBytesOpt = None,
    force: Annotated[bool, typer.Option("--force", help=say("cli.bulk.force"))] = False,
    retry_failed: Annotated[
        bool,
        typer.Option("--retry-failed", help=say("cli.bulk.retry_failed")),
    ] = False,
    file_seconds: Annotated[
        float | None,
        typer.Option("--file-seconds", min=1, help=say("cli.bulk.file_seconds")),
    ] = None,
    dry_run: DryRunOpt = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help=say("cli.bulk.format"))] = "text",
    batch: Annotated[
        bool,
        typer.Option("--batch", help=say("cli.bulk.batch")),
    ] = False,
    ledger: Annotated[bool, typer.Option("--ledger", help=say("ledger.help.bulk"))] = False,
    lang: LangOpt = None,
) -> None:
    from .archive import BulkOptions, run_bulk

    with errors(lang):
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
        if ledger:
            from .archive.ledger import describe, write_archive_ledger

            err.print(describe(write_archive_ledger(out_dir, "xlsx")), markup=False, highlight=False)
    code = bulk_exit_code(tally)
    if code:
        raise typer.Exit(code)


def _estimate(in_dir: Path, out_dir: Path, settings: Settings, patterns: tuple[str, ...], fmt: str) -> None:
    """--dry-run: the calls, tokens and cost over the archive; nothing is written, OUT_DIR included."""
    from .errors import InputError, UsageError
    from .llm.estimate import estimate_archive, render

    check_dry_run(settings, fmt)
    if not in_dir.is_dir():
        raise InputError(say("cli.bulk.not_folder", path=in_dir))
    if in_dir.resolve() == out_dir.resolve():
        raise UsageError(say("cli.bulk.same_folder"))
    estimate = estimate_archive(in_dir, settings, patterns, exclude=[out_dir])
    emit(render(estimate, fmt, archive=True), None)
    for problem in estimate.problems[:10]:
        err.print(say("cli.bulk.unreadable", problem=problem))


def _submit(in_dir: Path, out_dir: Path, settings: Settings, patterns: tuple[str, ...]) -> None:
    """--batch: write, upload and create the batches (or resume a submit that was killed)."""
    from .errors import UsageError
    from .llm.batch import batch_dir, submit

    if settings.engine != "llm":
        raise UsageError(say("cli.bulk.batch_needs_llm"))
    done = submit(in_dir, out_dir, settings, patterns)
    err.print(
        say(
            "cli.batch.resumed" if done.resumed else "cli.batch.submitted",
            lines=done.lines,
            files=done.files,
            uploaded=done.uploaded,
            created=done.created,
            state=batch_dir(out_dir),
            out_dir=out_dir,
        )
    )


def collect(
    out_dir: Annotated[Path, typer.Argument(metavar="OUT_DIR", help=say("cli.collect.out_dir"))],
    wait: Annotated[bool, typer.Option("--wait/--no-wait", help=say("cli.collect.wait"))] = True,
    poll: Annotated[float, typer.Option("--poll", min=0.01, help=say("cli.collect.poll"))] = 30.0,
    lang: LangOpt = None,
) -> None:
    from .archive import BulkOptions, run_bulk
    from .llm.batch import collect as run_collect
    from .llm.batch import load_state

    with errors(lang):
        state = load_state(out_dir) or {}
        settings = settings_from(
            lang=lang,
            engine="llm",
            model=state.get("model"),
            base_url=state.get("base_url"),
            mode=state.get("mode"),
        )
        got = run_collect(out_dir, settings, wait=wait, poll=poll)
        err.print(
            say(
                "cli.batch.collected",
                cached=got.cached,
                invalid=got.invalid,
                errors=got.errors,
                pending=got.pending,
                batches=got.batches,
            )
        )
        if got.pending:
            raise typer.Exit(EXIT_SOME_FAILED)
        options = BulkOptions(patterns=tuple(state.get("patterns") or ()))
        tally = run_bulk(Path(state["in_dir"]), out_dir, settings, options)
    code = bulk_exit_code(tally)
    if code:
        raise typer.Exit(code)


def search(
    query: Annotated[str, typer.Argument(metavar="QUERY", help=say("cli.search.query"))],
    index: Annotated[Path | None, typer.Option("--index", "-i", help=say("cli.search.index"))] = None,
    unit: Annotated[str | None, typer.Option("--unit", help=say("cli.search.unit"))] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help=say("cli.search.limit"))] = 100,
    fmt: Annotated[str, typer.Option("--format", "-f", help=say("cli.search.format"))] = "text",
    lang: LangOpt = None,
) -> None:
    from .archive import search as run_search
    from .archive.present import SEARCH_VIEWS, summary_line
    from .archive.search import search_index

    with errors(lang):
        SEARCH_VIEWS.check(fmt)
        result = run_search(search_index(index), query, limit=limit, unit=unit)
        emit(SEARCH_VIEWS.render(result, fmt), None)
        err.print(summary_line(result), markup=False, highlight=False)
    if not result.total:
        raise typer.Exit(EXIT_NO_MATCH)
