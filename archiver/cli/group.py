"""The command group: every usage mistake is one line on stderr (exit 2), never a box or a
traceback, and the help names values (FILE, N, choices) instead of Python types.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from typer import _click
from typer.core import TyperGroup
from typer.exceptions import Abort

from archiver.cli.console import say

_PLAIN = {"<str>": "TEXT", "<int>": "N", "<float>": "NUMBER", "<path>": "PATH", "<bool>": ""}


class ArchiverGroup(TyperGroup):
    def main(self, *args: Any, **kwargs: Any) -> Any:  # noqa: D102 (click's entry point)
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except _click.exceptions.UsageError as e:
            path = e.ctx.command_path if e.ctx is not None else "discuz-archiver"
            say(f"error: {e.format_message()} (see: {path} --help)")
            sys.exit(e.exit_code)
        except _click.exceptions.ClickException as e:
            say(f"error: {e.format_message()}")
            sys.exit(e.exit_code)
        except Abort:
            say("error: aborted")
            sys.exit(1)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BrokenPipeError:  # the reader (head, a closed pager) left: not an error of ours
            sys.stderr = open(os.devnull, "w")  # noqa: SIM115 (Python flushes it at exit)
            sys.exit(1)
        except Exception as e:  # a bug of ours: one line, the traceback only with -vv
            logging.getLogger(__name__).debug("traceback", exc_info=True)
            say(
                f"error: unexpected {type(e).__name__}: {e}; please report it (run with -vv "
                "for the traceback)"
            )
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            for param in command.params:
                _name_value(param, ctx)
        return command


def _name_value(param: _click.Parameter, ctx: _click.Context) -> None:
    """A metavar in place of typer's <str>, <int>, <bool>; an argument is named by itself."""
    if param.param_type_name == "argument":
        setattr(param, "display_type_rich", _no_type)  # noqa: B010 (an instance override)
        return
    if param.metavar is not None:
        return
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        param.metavar = ""
        return
    shown = param.display_type_rich(ctx=ctx)  # type: ignore[attr-defined]
    if shown in _PLAIN:
        param.metavar = _PLAIN[shown]


def _no_type(ctx: _click.Context) -> None:
    return None
