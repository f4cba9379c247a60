"""What every command module shares: stderr notes, error mapping, option types, settings, output.

cli.py, cli_bulk.py and cli_diff.py import from here and never from each other (cli.py only registers
the other two on its app), so no command module needs another half-imported.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Annotated

import typer

from . import i18n
from .errors import SummariseError
from .i18n import say
from .settings import Settings


def note(text: object) -> None:
    """One line to stderr, as it is (rich is not imported for a line of plain text)."""
    print(text, file=sys.stderr, flush=True)


class _Stderr:
    """`err.print(text, markup=False, …)`: plain stderr, where a rich console used to be."""

    def print(self, text: object = "", **_options: object) -> None:
        note(text)


err = _Stderr()


@contextmanager
def errors(lang: str | None = None) -> Iterator[None]:
    """The one place that maps domain errors to exit codes; SUMMARISE_DEBUG=1 shows the traceback.

    The command runs in the language of its `--lang` (else SUMMARISE_LANG, else the one in force), so
    its messages follow it for an in-process caller too; a bad value is a one-line error and exit 2."""
    with ExitStack() as stack:
        try:
            stack.enter_context(i18n.use_lang(Settings.resolve(lang=lang).lang or i18n.current()))
            yield
        except SummariseError as exc:
            if os.environ.get("SUMMARISE_DEBUG"):
                raise
            note(say("cli.error", message=exc))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            note(say("cli.interrupted"))
            raise typer.Exit(130) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:  # a bug: still one line, unless debugging
            if os.environ.get("SUMMARISE_DEBUG"):
                raise
            note(say("cli.internal", kind=exc.__class__.__name__, detail=exc))
            raise typer.Exit(1) from None


# Help texts are looked up when this module is imported: the launcher sets the language first.
EngineOpt = Annotated[str | None, typer.Option("--engine", "-e", help=say("cli.opt.engine"))]
ModelOpt = Annotated[str | None, typer.Option("--model", help=say("cli.opt.model"))]
BaseUrlOpt = Annotated[str | None, typer.Option("--base-url", help=say("cli.opt.base_url"))]
ModeOpt = Annotated[str | None, typer.Option("--mode", help=say("cli.opt.mode"))]
ConcurrencyOpt = Annotated[int | None, typer.Option("--concurrency", min=1, help=say("cli.opt.concurrency"))]
RpmOpt = Annotated[int | None, typer.Option("--rpm", min=1, help=say("cli.opt.rpm"))]
TpmOpt = Annotated[int | None, typer.Option("--tpm", min=1, help=say("cli.opt.tpm"))]
EncodingOpt = Annotated[str | None, typer.Option("--encoding", help=say("cli.opt.encoding"))]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help=say("cli.opt.dry_run"))]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help=say("cli.opt.output"))]
MaxBytesOpt = Annotated[str | None, typer.Option("--max-bytes", help=say("cli.opt.max_bytes"))]
# Every command takes --lang: the launcher reads it first (for the help texts), the command for the rest.
LangOpt = Annotated[str | None, typer.Option("--lang", metavar="zh|en", help=say("help.lang"))]
TableOpt = Annotated[str | None, typer.Option("--table", help=say("ledger.help.table"))]


def check_dry_run(settings: Settings, fmt: str) -> None:
    """--dry-run estimates the llm engine, as a text or JSON table."""
    from .errors import UsageError
    from .llm.estimate import FORMATS

    if settings.engine != "llm":
        raise UsageError(say("cli.dry_run.engine"))
    if fmt not in FORMATS:
        raise UsageError(say("cli.dry_run.format", formats=", ".join(FORMATS), fmt=fmt, first=FORMATS[0]))


def settings_from(**flags: object) -> Settings:
    return Settings.resolve(**flags)


def emit(text: str | bytes, output: Path | None) -> None:
    """Write to --output or stdout; fileio.write_output says how each kind of path is treated."""
    from .fileio import write_output

    if write_output(output, text):
        note(say("cli.wrote", path=output))
