"""What every command module shares: the stderr console, error mapping, option types, settings, output.

cli.py, cli_bulk.py and cli_diff.py import from here and never from each other (cli.py only registers
the other two on its app), so no command module needs another half-imported.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from .errors import SummariseError
from .settings import Settings

err = Console(stderr=True)


@contextmanager
def errors() -> Iterator[None]:
    """The one place that maps domain errors to exit codes; SUMMARISE_DEBUG=1 shows the traceback."""
    try:
        yield
    except SummariseError as exc:
        if os.environ.get("SUMMARISE_DEBUG"):
            raise
        err.print(f"summarise: error: {exc}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        err.print("summarise: interrupted", markup=False)
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:  # a bug: still one line, unless debugging
        if os.environ.get("SUMMARISE_DEBUG"):
            raise
        err.print(
            f"summarise: internal error: {exc.__class__.__name__}: {exc} (set SUMMARISE_DEBUG=1 for details)",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(1) from None


EngineOpt = Annotated[
    str | None,
    typer.Option("--engine", "-e", help="rules (offline, default) or llm. Env: SUMMARISE_ENGINE."),
]
ModelOpt = Annotated[str | None, typer.Option("--model", help="LLM model name. Env: SUMMARISE_MODEL.")]
BaseUrlOpt = Annotated[
    str | None, typer.Option("--base-url", help="OpenAI-compatible endpoint. Env: OPENAI_BASE_URL.")
]
ModeOpt = Annotated[str | None, typer.Option("--mode", help="LLM output mode: tools, json or json_schema.")]
ConcurrencyOpt = Annotated[int | None, typer.Option("--concurrency", min=1, help="Concurrent LLM calls.")]
RpmOpt = Annotated[
    int | None,
    typer.Option(
        "--rpm",
        min=1,
        help="LLM: at most this many requests per minute (the provider's headers also count). Env: SUMMARISE_RPM.",
    ),
]
TpmOpt = Annotated[
    int | None,
    typer.Option("--tpm", min=1, help="LLM: at most this many tokens per minute. Env: SUMMARISE_TPM."),
]
EncodingOpt = Annotated[
    str | None, typer.Option("--encoding", help="Force the input encoding (e.g. gb18030).")
]
DryRunOpt = Annotated[
    bool,
    typer.Option(
        "--dry-run",
        help="LLM: print the calls, tokens and cost (real-time and batch) it would take, instead of a "
        "summary; calls nothing, needs no key. A plain flag.",
    ),
]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")]
MaxBytesOpt = Annotated[
    str | None,
    typer.Option(
        "--max-bytes",
        help="Refuse inputs larger than this (e.g. 50MB; default 20MB). Env: SUMMARISE_MAX_BYTES.",
    ),
]


def check_dry_run(settings: Settings, fmt: str) -> None:
    """--dry-run estimates the llm engine, as a text or JSON table."""
    from .errors import UsageError
    from .llm.estimate import FORMATS

    if settings.engine != "llm":
        raise UsageError("--dry-run estimates the llm engine's calls: add --engine llm")
    if fmt not in FORMATS:
        raise UsageError(f"--dry-run prints {' or '.join(FORMATS)}, not {fmt!r}")


def settings_from(**flags: object) -> Settings:
    return Settings.resolve(**flags)


def emit(text: str, output: Path | None) -> None:
    """Write to --output or stdout; fileio.write_output says how each kind of path is treated."""
    from .fileio import write_output

    if write_output(output, text):
        err.print(f"wrote {output}", markup=False, highlight=False)
