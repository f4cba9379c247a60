"""Typer's own words in the interface language: the usage line, the section headings, the help
option, and the usage errors (missing argument, no such option, invalid value), all from messages.py.

Typer vendors click without gettext: a compiled .mo catalogue would reach only the dozen strings
typer.core passes through gettext's `_` (section titles, "default:", "required"), while the usage
prefix, the help option's text and every usage error are literals. So the texts stay in the one
catalogue and reach typer through its extension points: the command and group classes (`cls=`),
their context's help formatter, `main` (which shows a usage error), and typer.core's `_`.

Help texts are evaluated when the command modules are imported (the launcher sets the language
first); everything here is looked up when it is shown, so an in-process caller's `--lang` holds too.
"""

from __future__ import annotations

import copy
import os
import re
import sys
from collections.abc import Sequence
from typing import Any

import typer.core
from typer import _click
from typer._click.exceptions import (
    BadParameter,
    ClickException,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer.exceptions import Abort

from . import i18n
from .i18n import say

# typer.core's gettext msgids → catalogue keys.
_GETTEXT = {
    "Arguments": "cli.chrome.arguments",
    "Options": "cli.chrome.options",
    "Commands": "cli.chrome.commands",
    "default: {default}": "cli.chrome.default",
    "required": "cli.chrome.required",
    "env var: {var}": "cli.chrome.envvar",
    "(dynamic)": "cli.chrome.dynamic",
    "Missing command.": "cli.chrome.missing_command",
    "No such command {name!r}.": "cli.chrome.no_such_command",
    "Aborted!": "cli.chrome.aborted",
}


def gettext(message: str) -> str:
    key = _GETTEXT.get(message)
    return say(key) if key else message


typer.core._ = gettext

# Usage errors that the vendored click and typer build as English literals: pattern → key, named groups
# as the placeholders.
_LITERALS = (
    (re.compile(r"Option '(?P<name>[^']+)' requires an argument\."), "cli.chrome.needs_value"),
    (re.compile(r"Option '(?P<name>[^']+)' requires (?P<count>\d+) arguments\."), "cli.chrome.needs_values"),
    (re.compile(r"Option '(?P<name>[^']+)' does not take a value\."), "cli.chrome.takes_no_value"),
    (re.compile(r"Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)"), "cli.chrome.extra_args"),
)
_DID_YOU_MEAN = re.compile(r"(?P<head>.*?)\.? Did you mean (?P<names>.+)\?", re.S)

# pydantic error types (typer converts values with pydantic) → key; `limit` comes from the error's ctx.
_REASONS = {
    "int_parsing": "cli.chrome.not_int",
    "int_from_float": "cli.chrome.not_int",
    "float_parsing": "cli.chrome.not_number",
    "bool_parsing": "cli.chrome.not_bool",
    "greater_than_equal": "cli.chrome.at_least",
    "greater_than": "cli.chrome.above",
    "less_than_equal": "cli.chrome.at_most",
    "less_than": "cli.chrome.below",
    "literal_error": "cli.chrome.not_choice",
    "enum": "cli.chrome.not_choice",
}


def _literal(message: str) -> str:
    m = _DID_YOU_MEAN.fullmatch(message)
    if m:
        return _literal(m["head"]) + say("cli.chrome.did_you_mean", names=m["names"])
    for pattern, key in _LITERALS:
        m = pattern.fullmatch(message)
        if m:
            return say(key, **m.groupdict())
    return message


def _reason(exc: BadParameter) -> str:
    cause = exc.__cause__
    errors = getattr(cause, "errors", None)
    if callable(errors):
        first = errors()[0]
        key = _REASONS.get(first.get("type", ""))
        if key:
            ctx = first.get("ctx") or {}
            limit = next((ctx[k] for k in ("ge", "gt", "le", "lt") if k in ctx), "")
            return say(key, value=first.get("input"), limit=limit, expected=ctx.get("expected", ""))
    return _literal(exc.message)


def _hint(exc: BadParameter) -> str:
    hint: Sequence[str] | str | None = exc.param_hint
    if hint is None and exc.param is not None:
        hint = exc.param.get_error_hint()
    if hint is None:
        return ""
    return hint if isinstance(hint, str) else " / ".join(repr(x) for x in hint)


def usage_message(exc: ClickException) -> str:
    """The one-line reason of a usage error, in the current language."""
    if isinstance(exc, NoSuchOption):
        text = say("cli.chrome.no_such_option", name=exc.option_name)
        if exc.possibilities:
            text += say("cli.chrome.possible", options=", ".join(sorted(exc.possibilities)))
        return text
    if isinstance(exc, MissingParameter):
        kind = exc.param_type or (exc.param.param_type_name if exc.param is not None else "")
        key = "cli.chrome.missing_option" if kind == "option" else "cli.chrome.missing_argument"
        return say(key, name=_hint(exc))
    if isinstance(exc, BadParameter):
        return say("cli.chrome.invalid_value", name=_hint(exc), reason=_reason(exc))
    return _literal(exc.message)


def show_usage_error(exc: ClickException) -> None:
    ctx = getattr(exc, "ctx", None)
    lines: list[str] = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(
                say("cli.chrome.try_help", command=ctx.command_path, option=ctx.help_option_names[0])
            )
    lines.append(say("cli.error", message=usage_message(exc)))
    _click.echo("\n".join(lines), file=sys.stderr)


class Formatter(_click.HelpFormatter):
    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{say('cli.chrome.heading', heading=heading)}\n")

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, say("cli.chrome.usage") if prefix is None else prefix)


class Context(_click.Context):
    formatter_class = Formatter


class _Chrome:
    """What the command and the group classes share: the context, the help option, `main`."""

    context_class: type[_click.Context] = Context
    options_metavar: str | None

    def collect_usage_pieces(self, ctx: _click.Context) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)  # type: ignore[misc]
        return [say("cli.chrome.options_metavar") if p == self.options_metavar else p for p in pieces]

    def get_params(self, ctx: _click.Context) -> list[_click.Parameter]:
        """A command with no --lang of its own still takes the app's: `main` has already put its
        language in force for the whole run, so the command needs no parameter for it."""
        params: list[_click.Parameter] = super().get_params(ctx)  # type: ignore[misc]
        if any(p.name == "lang" for p in params) or ctx.parent is None:
            return params
        borrowed = self.__dict__.get("_borrowed_lang")
        if borrowed is None:
            app_lang = next((p for p in ctx.parent.command.params if p.name == "lang"), None)
            if app_lang is None:
                return params
            borrowed = copy.copy(app_lang)
            borrowed.expose_value = False
            self.__dict__["_borrowed_lang"] = borrowed
        return [*params[:-1], borrowed, params[-1]] if params else [borrowed]

    def get_help_option(self, ctx: _click.Context) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = say("cli.chrome.help")
        return option

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        env = i18n.parse_lang(os.environ.get("SUMMARISE_LANG", ""))
        with i18n.use_lang(i18n.lang_from_argv(argv) or env or i18n.current()):
            run = super().main  # type: ignore[misc]
            if not standalone_mode:
                return run(argv, prog_name, complete_var, standalone_mode=False, **extra)
            try:
                code = run(argv, prog_name, complete_var, standalone_mode=False, **extra)
            except NoArgsIsHelpError as exc:
                _click.echo(exc.ctx.get_help() if exc.ctx else exc.message, file=sys.stderr)
                sys.exit(exc.exit_code)
            except UsageError as exc:
                show_usage_error(exc)
                sys.exit(exc.exit_code)
            except ClickException as exc:
                _click.echo(say("cli.error", message=exc.format_message()), file=sys.stderr)
                sys.exit(exc.exit_code)
            except Abort:
                _click.echo(say("cli.chrome.aborted"), file=sys.stderr)
                sys.exit(1)
            # Without standalone mode typer returns an Exit's code, or the command's value (None).
            sys.exit(code if isinstance(code, int) else 0)


class Command(_Chrome, typer.core.TyperCommand):
    pass


class Group(_Chrome, typer.core.TyperGroup):
    def collect_usage_pieces(self, ctx: _click.Context) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        return [say("cli.chrome.command_metavar") if p == self.subcommand_metavar else p for p in pieces]
