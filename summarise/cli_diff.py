"""CLI commands for the diff feature (registered on the main app by cli.py): `diff` and `diff-schema`."""

from __future__ import annotations

from typing import Annotated

import typer

from .cli_common import (
    BaseUrlOpt,
    ConcurrencyOpt,
    EncodingOpt,
    EngineOpt,
    MaxBytesOpt,
    ModelOpt,
    ModeOpt,
    OutputOpt,
    emit,
    errors,
    settings_from,
)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command(name="diff")(diff)
    app.command(name="diff-schema")(diff_schema)


def diff(
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD", help="The earlier notice: a report file, a summary JSON, or - for stdin."
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(
            metavar="NEW", help="The later notice: a report file, a summary JSON, or - for stdin."
        ),
    ],
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, md, json or html.")] = "text",
    output: OutputOpt = None,
    threshold: Annotated[
        float,
        typer.Option("--threshold", min=0.0, max=1.0, help="Minimum similarity for two problems to pair."),
    ] = 0.5,
    engine: EngineOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: ModeOpt = None,
    concurrency: ConcurrencyOpt = None,
    encoding: EncodingOpt = None,
    max_bytes: MaxBytesOpt = None,
) -> None:
    """Compare two notices of one unit: recurring / new / dropped problems, outstanding items, figures."""
    with errors():
        from .errors import UsageError

        if old == "-" and new == "-":
            raise UsageError("only one of OLD and NEW can be read from stdin (-)")
        from .diff import DiffOptions, diff_summaries
        from .diff.load import load_side
        from .diff.render import DIFF_VIEWS

        DIFF_VIEWS.check(fmt)
        settings = settings_from(
            engine=engine,
            model=model,
            base_url=base_url,
            mode=mode,
            concurrency=concurrency,
            encoding=encoding,
            max_bytes=max_bytes,
        )
        result = diff_summaries(
            load_side(old, settings), load_side(new, settings), DiffOptions(threshold=threshold)
        )
        emit(DIFF_VIEWS.render(result, fmt), output)


def diff_schema(
    output: OutputOpt = None,
) -> None:
    """Print the JSON Schema of `summarise diff --format json`."""
    with errors():
        from .diff.models import diff_schema_json

        emit(diff_schema_json(), output)
