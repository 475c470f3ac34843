"""The command line: typer only. Each command parses options, calls the composer or `read`
once, and turns errors into one line on stderr and an exit code.
"""

from archiver.cli.main import app

__all__ = ["app"]
