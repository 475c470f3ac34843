"""Run the CLI as `python -m archiver`."""

from .cli import app

app(prog_name="discuz-archiver")
