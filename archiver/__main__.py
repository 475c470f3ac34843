"""Run the CLI as `python -m archiver`."""

from archiver.cli.main import app

app(prog_name="discuz-archiver")
