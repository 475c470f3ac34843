"""Benchmarks for discuz-archiver: run `python bench/run.py` from the repository root."""
