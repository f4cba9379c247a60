"""`summarise ledger OUT`: the ledger (台账) of a bulk output folder (registered on the main app by cli.py;
`report -f xlsx|csv` is the ledger of one report).

Thin, like the other command modules: the tables are in ledger.py, the files in ledger_write.py,
the archive's summaries in archive/ledger.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .cli_common import TableOpt, err, errors
from .errors import UsageError
from .i18n import say

# As for bulk: 0 every summary is in the ledger, 1 some could not be read (each named on stderr), 2 bad usage.
EXIT_SKIPPED = 1


def register(app: typer.Typer) -> None:
    app.command(name="ledger", help=say("ledger.help.command"))(ledger)


def ledger(
    out_dir: Annotated[Path, typer.Argument(help=say("ledger.help.out_dir"))],
    fmt: Annotated[str, typer.Option("--format", "-f", help=say("ledger.help.format"))] = "xlsx",
    output: Annotated[Path | None, typer.Option("--output", "-o", help=say("ledger.help.output"))] = None,
    table: TableOpt = None,
) -> None:
    with errors():
        from .archive.ledger import describe, write_archive_ledger
        from .ledger import LEDGER_FORMATS, PROBLEMS, table_named

        if fmt not in LEDGER_FORMATS:
            raise UsageError(say("ledger.err.format", fmt=fmt))
        if table is not None and fmt != "csv":
            raise UsageError(say("ledger.err.table_needs_csv"))
        done = write_archive_ledger(out_dir, fmt, output=output, table=table_named(table or PROBLEMS.name))
        err.print(describe(done), markup=False, highlight=False, soft_wrap=True)
    if done.skipped:
        raise typer.Exit(EXIT_SKIPPED)
