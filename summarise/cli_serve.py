"""`summarise serve OUT`: the archive in a local web app (registered on the main app by cli.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Annotated

import typer

from .cli_common import LangOpt, errors, note
from .i18n import say

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def register(app: typer.Typer) -> None:
    """Add this module's command to the app."""
    app.command(name="serve", help=say("serve.help"))(serve)


def serve(
    out: Annotated[Path, typer.Argument(metavar="OUT", help=say("serve.help.out"))],
    host: Annotated[str, typer.Option("--host", help=say("serve.help.host"))] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help=say("serve.help.port"))] = 8000,
    lang: LangOpt = None,
) -> None:
    with errors(lang):  # in the language of --lang, else SUMMARISE_LANG: the pages too
        from . import i18n
        from .errors import InputError

        if not (out / "index.sqlite").is_file():
            raise InputError(say("serve.err.no_index", path=out))
        from .serve.app import create_app

        try:
            app = create_app(out, lang=i18n.current(), hosts=[host])
        except sqlite3.DatabaseError as exc:
            raise InputError(say("serve.err.bad_index", path=out, error=exc)) from None
        run(app, host, port)


def run(app: object, host: str, port: int) -> None:
    """Bind first, so a port in use is one clear line in the interface language, then serve."""
    import socket

    import uvicorn

    from .errors import ConfigError

    if host not in LOOPBACK:
        note(say("serve.cli.exposed", host=host))
    try:
        info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(info[0], socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(info[4])
    except OSError as exc:
        raise ConfigError(say("serve.err.port", host=host, port=port, error=exc.strerror or exc)) from None
    bound = sock.getsockname()[1]  # --port 0 asks the system for a free port
    shown = f"[{host}]" if ":" in host else host
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False)  # type: ignore[arg-type]
    note(say("serve.cli.listening", url=f"http://{shown}:{bound}/"))
    with sock:
        uvicorn.Server(config).run(sockets=[sock])
