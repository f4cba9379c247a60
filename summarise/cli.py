"""The command line: thin commands over typer-free modules; errors become one line and an exit code."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from . import __version__
from .errors import SummariseError, UsageError
from .models import ReportSummary
from .settings import Settings

app = typer.Typer(
    name="summarise",
    help="Structured, checkable summaries of 巡察/巡视整改进展情况 notices. Offline by default (rules engine).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
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
EncodingOpt = Annotated[
    str | None, typer.Option("--encoding", help="Force the input encoding (e.g. gb18030).")
]


def settings_from(**flags: object) -> Settings:
    return Settings.resolve(**flags)


def emit(text: str, output: Path | None) -> None:
    """Write to --output atomically, or to stdout."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from .fileio import write_atomic

    write_atomic(output, text)
    err.print(f"wrote {output}", markup=False, highlight=False)


def render_summary(summary: ReportSummary, fmt: str, output: Path | None) -> None:
    from .render import to_json

    if fmt == "json":
        emit(to_json(summary), output)
    elif fmt == "md":
        from .render.markdown import render

        emit(render(summary), output)
    elif fmt == "html":
        try:
            from .render.html import render as render_html
        except ImportError as exc:
            raise UsageError("HTML output is not available in this build") from exc
        emit(render_html(summary), output)
    elif fmt == "text":
        from .render.terminal import render as render_text

        if output is None:
            render_text(summary, Console())
        else:
            buf = io.StringIO()
            render_text(summary, Console(file=buf, width=100, no_color=True, force_terminal=False))
            emit(buf.getvalue(), output)
    else:
        raise UsageError(f"unknown format {fmt!r}; choose text, md, json or html")


@app.command()
def report(
    file: Annotated[str, typer.Argument(help="Report file (txt/html/pdf/docx), or - for stdin.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, md, json or html.")] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    engine: EngineOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: ModeOpt = None,
    concurrency: ConcurrencyOpt = None,
    encoding: EncodingOpt = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="LLM: estimate calls and tokens, call nothing.")
    ] = False,
) -> None:
    """Summarise one report."""
    with errors():
        from .api import summarise_path

        settings = settings_from(
            engine=engine,
            model=model,
            base_url=base_url,
            mode=mode,
            concurrency=concurrency,
            encoding=encoding,
            dry_run=dry_run or None,
        )
        summary = summarise_path(file, settings)
        render_summary(summary, fmt, output)
        if summary.engine.name == "llm" and summary.engine.usage:
            from .llm import format_usage

            err.print(format_usage(summary.engine.usage), markup=False, highlight=False, soft_wrap=True)


@app.command()
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
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


def _register() -> None:
    from . import cli_bulk, cli_diff

    for module in (cli_bulk, cli_diff):
        module.register(app)


_register()


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
