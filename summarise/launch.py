"""The console entry point: settle the interface language before any help text is built.

Typer builds its help from strings evaluated when the command modules are imported, so the
language (--lang anywhere on the command line, else SUMMARISE_LANG) is set first, and only then is
the CLI imported. `--version` is answered here, before the heavy imports.
"""

from __future__ import annotations

import sys

from . import i18n


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    i18n.set_lang(i18n.lang_from_argv(args) or i18n.env_lang())
    if args == ["--version"]:
        from . import __version__

        print(f"summarise {__version__}")
        return
    from .cli import main as cli_main

    cli_main(args)
